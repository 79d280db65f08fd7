"""One deal's evidence in the back office, and the decisions taken there."""

from datetime import timedelta

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from onlinefriday.deals.models import DealStatus, PriceObservation
from onlinefriday.moderation import services
from onlinefriday.moderation.models import Decision, ShopperReport

pytestmark = pytest.mark.django_db


def page_url(deal) -> str:
    return reverse("dashboard:moderation:deal", args=[deal.pk])


def test_the_evidence_page_shows_reasons_prices_chart_reports_and_decisions(
    send, moderator, moderator_client
):
    # given a deal whose 'before' price is above what the shop charged in the month before
    # (steady at 10,000,000; declared 12,000,000), reported by a shopper, and decided once
    deal = send(price=12_000_000, sale_price=6_500_000)
    ShopperReport.objects.create(
        deal=deal,
        reason="fake_discount",
        details="Tháng trước chỉ 10 triệu",
        reporter_hash="d" * 64,
    )
    services.reject(deal, moderator, "Giá trước khuyến mại bị nâng.")
    # when the moderator opens it
    response = moderator_client.get(page_url(deal))
    page = response.content.decode()
    # then the engine's reason is there in Vietnamese, with the prices in VND
    assert response.status_code == 200
    assert "INFLATED_REFERENCE_PRICE" in page
    assert deal.reasons.get().message in page
    assert "12.000.000 ₫" in page
    assert "6.500.000 ₫" in page
    # and the chart, readable by a screen reader, marks the window and the declared price
    svg = page[page.index("<svg") : page.index("</svg>")]
    assert 'role="img"' in svg
    assert "<title" in svg and "<desc" in svg
    assert "price-chart__window" in svg
    assert "price-chart__declared" in svg
    assert "10.000.000 ₫" in svg
    # and the report and the decision are listed
    assert "Tháng trước chỉ 10 triệu" in page
    assert "Giá trước khuyến mại bị nâng." in page
    assert "kiemduyet" in page


def test_approving_from_the_page(
    review_deal, moderator, moderator_client, django_capture_on_commit_callbacks
):
    # when the moderator approves the deal in review with a note
    with django_capture_on_commit_callbacks(execute=True):
        response = moderator_client.post(
            reverse("dashboard:moderation:approve", args=[review_deal.pk]),
            {"note": "Đã xem hoá đơn."},
            follow=True,
        )
    # then the page shows it accepted, the log has the decision, the merchant is told
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == page_url(review_deal)
    review_deal.refresh_from_db()
    assert review_deal.status == DealStatus.ACCEPTED
    assert 'id="deal-status">Đã chấp nhận<' in response.content.decode()
    decision = Decision.objects.get()
    assert (decision.actor, decision.reason) == (moderator, "Đã xem hoá đơn.")
    assert len(mail.outbox) == 1


def test_rejecting_without_a_reason_shows_the_form_again(review_deal, moderator_client, in_english):
    # when the moderator rejects without a reason (on the English page, whose messages are the
    # msgids)
    response = moderator_client.post(
        reverse("dashboard:moderation:reject", args=[review_deal.pk]), {"reason": " "}
    )
    # then the deal stays in review and the form says what is missing
    assert response.status_code == 400
    assert "Give the reason for the rejection: the merchant reads it." in response.content.decode()
    review_deal.refresh_from_db()
    assert review_deal.status == DealStatus.REVIEW


def test_rejecting_with_a_reason(review_deal, moderator_client):
    # when the moderator rejects with a reason
    response = moderator_client.post(
        reverse("dashboard:moderation:reject", args=[review_deal.pk]),
        {"reason": "Không có lịch sử giá."},
    )
    # then the deal is rejected and the merchant's note is the reason
    assert response.status_code == 302
    review_deal.refresh_from_db()
    assert (review_deal.status, review_deal.moderation_note) == (
        "rejected",
        "Không có lịch sử giá.",
    )


def test_decisions_are_post_only_and_need_the_csrf_token(review_deal, moderator, moderator_client):
    approve = reverse("dashboard:moderation:approve", args=[review_deal.pk])
    # when the approval is asked with GET, or posted without the form's CSRF token
    strict = Client(enforce_csrf_checks=True)
    strict.force_login(moderator)
    responses = [moderator_client.get(approve), strict.post(approve, {"note": ""})]
    # then both are refused, and the deal is still in review
    assert [r.status_code for r in responses] == [405, 403]
    review_deal.refresh_from_db()
    assert review_deal.status == DealStatus.REVIEW


def test_an_unknown_deal_is_404(moderator_client):
    assert (
        moderator_client.get(reverse("dashboard:moderation:deal", args=[999_999])).status_code
        == 404
    )


def test_the_chart_shows_each_price_the_shop_charged(send, moderator_client):
    # given a shop that raised the price 5 days before the festival
    deal = send(price=12_000_000, sale_price=9_000_000, price_history=[])
    start = deal.starts_at
    PriceObservation.objects.bulk_create(
        PriceObservation(
            product=deal.product, observed_at=start - timedelta(days=d), price=p, source="merchant"
        )
        for d, p in ((25, 9_000_000), (5, 12_000_000))
    )
    # when the moderator opens the deal
    page = moderator_client.get(page_url(deal)).content.decode()
    # then the chart has a point for each price, with the price in its tooltip
    svg = page[page.index("<svg") : page.index("</svg>")]
    assert svg.count("<circle") == 2
    assert "9.000.000 ₫</title>" in svg
    assert "12.000.000 ₫</title>" in svg
