"""A moderator's decision in a real browser: sign in, open the queue, open a deal the engine sent
to review, read its price chart, approve it with a note, and see it approved."""

from datetime import timedelta

import pytest
from django.core import mail
from playwright.sync_api import expect

from onlinefriday.deals.models import DealStatus
from tests.browser.test_registration_flow import seeded, sign_in  # noqa: F401 - seeded: a fixture
from tests.moderation.builders import send_deal

NOTE = "Đã đối chiếu hoá đơn nhập hàng."


@pytest.mark.browser
def test_a_moderator_approves_a_deal_in_review(
    seeded,  # noqa: F811 - the fixture imported above
    live_server,
    page,
    moderator,
    password,
    merchant,
    shop,
    festival_factory,
):
    # given a TV whose shop recorded only two prices in the month before the festival
    # (10,500,000 then 10,000,000), so the engine asks a moderator (NO_PRICE_HISTORY)
    festival = festival_factory(starts_in=timedelta(days=10), slug="kiem-duyet-trinh-duyet")
    start = festival.starts_at
    deal = send_deal(
        merchant,
        festival,
        price_history=[
            {"observed_at": start - timedelta(days=days), "price": price}
            for days, price in ((20, 10_500_000), (5, 10_000_000))
        ],
    )
    assert deal.status == DealStatus.REVIEW
    base = live_server.url

    # when a moderator signs in and opens the queue
    sign_in(page, base, moderator.username, password)
    page.goto(f"{base}/back-office/moderation/")
    # then the deal is listed with the rule that sent it there
    row = page.locator("table.queue tbody tr").filter(has_text="TV-55")
    expect(row).to_contain_text("NO_PRICE_HISTORY")
    expect(row).to_contain_text("6.500.000 ₫")

    # when the moderator opens the deal
    row.get_by_role("link", name="Tivi Samsung 55 inch 4K").click()
    # then its evidence is there: the engine's reason and the price chart, with both prices
    # recorded and the declared 'before' price drawn across
    expect(page.locator("h1")).to_have_text("Tivi Samsung 55 inch 4K")
    expect(page.locator(".reasons")).to_contain_text("NO_PRICE_HISTORY")
    chart = page.locator("svg.price-chart")
    expect(chart).to_be_visible()
    expect(chart).to_have_attribute("role", "img")
    expect(chart.locator("circle")).to_have_count(2)
    expect(chart.locator(".price-chart__declared")).to_have_count(1)
    expect(chart.locator(".price-chart__window")).to_have_count(1)

    # when the moderator approves it with a note to the merchant
    page.get_by_label("Ghi chú gửi nhà bán hàng (không bắt buộc)").fill(NOTE)
    page.get_by_role("button", name="Phê duyệt", exact=True).click()
    # then the deal shows as approved, and the decisions list who decided and why
    expect(page.locator("#deal-status")).to_have_text("Đã chấp nhận")
    expect(page.locator("table.history")).to_contain_text(moderator.username)
    expect(page.locator("table.history")).to_contain_text(NOTE)
    deal.refresh_from_db()
    assert (deal.status, deal.moderation_note) == (DealStatus.ACCEPTED, NOTE)
    # and the merchant was told, with the note
    [email] = [email for email in mail.outbox if email.to == [merchant.email]]
    assert NOTE in email.body

    # when the moderator goes back to the queue
    page.goto(f"{base}/back-office/moderation/")
    # then the deal no longer waits there
    expect(page.locator("table.queue")).to_have_count(0)
    expect(page.locator(".empty-state")).to_be_visible()
