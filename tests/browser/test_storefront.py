"""A shopper in a real browser: search without diacritics, narrow with filters, read a deal's
price chart; the pages pass axe-core with no serious or critical violation, and the browser
reports no Content-Security-Policy violation on them (nor on the back office or the API docs)."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from onlinefriday.deals.models import Deal, Product
from onlinefriday.moderation.selectors import moderation_queue
from onlinefriday.tracking.flushing import flush_clicks
from onlinefriday.tracking.models import DealClicks
from tests.browser.test_registration_flow import seeded  # noqa: F401 - a fixture
from tests.tracking.conftest import BROWSER as PHONE_BROWSER
from tests.tracking.conftest import click_store  # noqa: F401 - autouse: a click store per test

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


@pytest.mark.browser
def test_the_coupon_is_text_without_the_script_and_copied_with_it(live_server, page, shop_window):
    # given the hat's page, whose coupon is NONLA10, opened where copy.js cannot load
    hat = Deal.objects.get(coupon_code="NONLA10")
    page.route("**/copy.js", lambda route: route.abort())
    page.goto(f"{live_server.url}/uu-dai/{hat.pk}/")
    # then the code is there to read and select, and no button that could not work is shown
    expect(page.locator("#coupon-code")).to_have_text("NONLA10")
    expect(page.locator(".coupon__copy")).to_be_hidden()
    # when the script loads, and the shopper presses Copy
    page.unroute("**/copy.js")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=live_server.url)
    page.reload()
    page.get_by_role("button", name="Sao chép").click()
    # then the code is on the clipboard, and the page says so
    expect(page.locator(".coupon__status")).to_have_text("Đã sao chép mã giảm giá.")
    assert page.evaluate("navigator.clipboard.readText()") == "NONLA10"


class StandInMarketplace(BaseHTTPRequestHandler):
    """A platform's product page, on this machine: it remembers the addresses it was asked."""

    asked: list[str]

    def do_GET(self):  # noqa: N802 - http.server's name
        self.asked.append(self.path)
        body = "<!DOCTYPE html><title>Shopee</title><h1>Nón lá trên sàn</h1>".encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def marketplace():
    """The stand-in platform's base address, and the paths it was asked for."""
    handler = type("Handler", (StandInMarketplace,), {"asked": []})
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", handler.asked
    server.shutdown()
    server.server_close()
    thread.join()


@pytest.mark.browser
def test_the_click_out_lands_on_the_platform_and_is_counted(
    live_server, page, shop_window, marketplace
):
    # given the hat sold on a (stand-in) platform, and a shopper's phone browser
    base, asked = marketplace
    hat = Deal.objects.get(coupon_code="NONLA10")
    Deal.objects.filter(pk=hat.pk).update(url=f"{base}/non-la-hue-i.7.9")
    page.context.set_extra_http_headers({"User-Agent": PHONE_BROWSER})
    page.goto(f"{live_server.url}/uu-dai/{hat.pk}/")
    # when the shopper presses the buy button
    page.locator("a.button--buy").click()
    # then the platform's page opens, tagged with our campaign
    expect(page.locator("h1")).to_have_text("Nón lá trên sàn")
    campaign = f"utm_source=onlinefriday&utm_medium=deal&utm_campaign={hat.festival.slug}"
    assert page.url == f"{base}/non-la-hue-i.7.9?{campaign}"
    assert [path for path in asked if path != "/favicon.ico"] == [f"/non-la-hue-i.7.9?{campaign}"]
    # and once the clicks are counted, the shopper's click is there, as a person's
    flush_clicks()
    counts = DealClicks.objects.get(deal=hat)
    assert (counts.clicks, counts.bot_clicks) == (1, 0)


@pytest.mark.browser
def test_five_shoppers_reports_hide_the_deal(live_server, browser, page, shop_window, settings):
    # given the hat's page, and five shoppers behind our proxy, each on an address of their own
    settings.PROXY_COUNT = 1
    hat = Deal.objects.get(coupon_code="NONLA10")
    deal_page = f"{live_server.url}/uu-dai/{hat.pk}/"
    for number in range(5):
        page.context.set_extra_http_headers({"X-Forwarded-For": f"113.161.4.{number}"})
        # when each opens the deal, follows "Report this deal" and reports a fake discount
        page.goto(deal_page)
        page.get_by_role("link", name="Báo cáo ưu đãi này").click()
        page.get_by_label("Giảm giá ảo").check()
        page.get_by_role("button", name="Gửi báo cáo").click()
        expect(page.locator("h1")).to_have_text("Cảm ơn bạn đã báo cáo")
    # then a shopper who opens its page now finds it gone, and search no longer lists it
    # (the reporters' own browsers may keep their copy for the few seconds it is marked for)
    newcomer = browser.new_context(locale="vi-VN")
    try:
        visit = newcomer.new_page()
        assert visit.goto(deal_page).status == 404
        expect(visit.locator("main")).not_to_contain_text("Nón lá")
        visit.goto(f"{live_server.url}/tim-kiem/?q=non+la")
        expect(visit.locator(".results-count")).to_have_text("Tìm thấy 0 ưu đãi")
    finally:
        newcomer.close()
    # and it waits in the moderation queue with its five reports
    assert moderation_queue({}).get(pk=hat.pk).open_reports == 5
