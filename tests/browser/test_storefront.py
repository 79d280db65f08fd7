"""A shopper in a real browser: search without diacritics, narrow with filters, read a deal's
price chart; the pages pass axe-core with no serious or critical violation, and the browser
reports no Content-Security-Policy violation on them (nor on the back office or the API docs)."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from onlinefriday.deals.models import Product
from tests.browser.test_registration_flow import seeded  # noqa: F401 - a fixture

STEADY_MONTH = [(20, 34_000_000), (10, 33_500_000), (2, 34_000_000)]


@pytest.fixture
def shop_window(seeded, deal_factory, merchant, category):  # noqa: F811 - the fixture above
    """A live festival with a Vietnamese conical hat and a phone."""
    phone = deal_factory(status="accepted", featured=True, history=STEADY_MONTH)
    hat = Product.objects.create(
        merchant=merchant,
        sku="NON-LA",
        title="Nón lá Huế thêu tay",
        category=category,
        made_in_vietnam=True,
    )
    deal_factory(
        festival=phone.festival,
        product=hat,
        status="accepted",
        price=200_000,
        sale_price=150_000,
        coupon_code="NONLA10",
    )
    return phone


def csp_violations(page) -> list[str]:
    """Console messages the page logs from now on about the Content-Security-Policy."""
    messages: list[str] = []
    page.on(
        "console",
        lambda message: (
            messages.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return messages


@pytest.mark.browser
def test_a_search_without_diacritics_finds_the_deal(live_server, page, shop_window):
    # given a shopper on the home page
    page.goto(f"{live_server.url}/")
    # when they type the hat's name without tone marks and search
    page.get_by_label("Search deals").or_(page.get_by_label("Tìm ưu đãi")).fill("non la hue")
    page.keyboard.press("Enter")
    # then the hat is found, and the phone is not
    results = page.locator(".deal-list")
    expect(results).to_contain_text("Nón lá Huế thêu tay")
    expect(results).not_to_contain_text("iPhone")


@pytest.mark.browser
def test_filters_narrow_the_results(live_server, page, shop_window):
    # given a shopper on the search page, both deals listed
    page.goto(f"{live_server.url}/tim-kiem/")
    expect(page.locator(".deal-card")).to_have_count(2)
    # when they tick Vietnamese goods and apply the filters
    page.locator("#id_vn").check()
    page.locator(".filters button[type=submit]").click()
    # then only the hat is left
    expect(page.locator(".deal-card")).to_have_count(1)
    expect(page.locator(".deal-list")).to_contain_text("Nón lá Huế thêu tay")


@pytest.mark.browser
def test_the_deal_page_shows_the_chart_and_copies_the_coupon(live_server, page, shop_window):
    # given a shopper on the phone's page
    violations = csp_violations(page)
    page.goto(f"{live_server.url}/uu-dai/{shop_window.pk}/")
    # then the price chart shows its three recorded prices, and the QR code is drawn
    chart = page.locator("svg.price-chart")
    expect(chart).to_be_visible()
    expect(chart.locator("circle")).to_have_count(3)
    expect(page.locator("svg.qr-code")).to_be_visible()
    # and the countdown ticks without breaking the policy
    expect(page.locator("time[data-deadline]")).to_be_visible()
    assert violations == []


@pytest.mark.browser
@pytest.mark.parametrize("path", ["/", "/tim-kiem/?q=non", "/danh-muc/dien-thoai-may-tinh-bang/"])
def test_shopper_pages_pass_axe(live_server, page, shop_window, path):
    # when a shopper opens the page
    violations = csp_violations(page)
    page.goto(f"{live_server.url}{path}")
    # then axe-core finds nothing serious or critical, and no policy violation was reported
    assert_accessible(page)
    assert violations == []


@pytest.mark.browser
def test_deal_page_passes_axe(live_server, page, shop_window):
    page.goto(f"{live_server.url}/uu-dai/{shop_window.pk}/")
    assert_accessible(page)


@pytest.mark.browser
@pytest.mark.parametrize("path", ["/api/v1/docs", "/admin/login/", "/accounts/login/"])
def test_other_pages_work_under_the_policy(live_server, page, path):
    # when a partner opens the API docs, or staff the sign-in pages
    violations = csp_violations(page)
    page.goto(f"{live_server.url}{path}")
    page.wait_for_load_state("networkidle")
    # then nothing was blocked (the API docs draw their operations)
    if path == "/api/v1/docs":
        expect(page.locator("#swagger-ui .opblock").first).to_be_visible()
    assert violations == []


def assert_accessible(page) -> None:
    results = Axe().run(page)
    serious = [
        f"{violation['id']} ({violation['impact']}): {violation['help']}"
        for violation in results.response["violations"]
        if violation["impact"] in ("serious", "critical")
    ]
    assert serious == [], serious
