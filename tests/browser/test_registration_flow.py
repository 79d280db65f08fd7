"""A merchant's whole way in, in a real browser: register, verify the e-mail address with the
link from the e-mail, an organiser approves in the back office, and the merchant sees it."""

import re
from importlib import import_module

import pytest
from django.apps import apps
from django.core import mail
from playwright.sync_api import expect

from onlinefriday.merchants.models import Merchant

EMAIL = "che.tancuong@example.com"
MERCHANT_PASSWORD = "Chè-Tân-Cương-2021!"


# The data migrations' seeds this flow needs; each is idempotent (get_or_create, update_or_create).
SEEDS = [
    ("onlinefriday.accounts.migrations.0001_roles", "create_groups"),
    ("onlinefriday.merchants.migrations.0002_seed_platforms", "add_platforms"),
    ("onlinefriday.deals.migrations.0002_seed_categories", "add_categories"),
    ("onlinefriday.merchants.migrations.0004_rules_2021", "add_rules"),
]


@pytest.fixture
def seeded(transactional_db):
    """The roles, platforms, categories and rules the migrations seed. A transactional test that
    ran before this one flushed them, and a serialized rollback cannot bring them back after such
    a flush (the content types post_migrate recreates collide), so the seeds run again."""
    for module, function in SEEDS:
        getattr(import_module(module), function)(apps, None)


def sign_in(page, base: str, username: str, password: str) -> None:
    page.goto(f"{base}/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("main form button[type=submit]").click()


@pytest.mark.browser
def test_register_verify_approve_then_the_merchant_sees_approved(
    seeded, live_server, browser, page, organiser, password
):
    base = live_server.url
    # given a household business that registers on the Vietnamese form
    page.goto(f"{base}/register/")
    expect(page.locator("html")).to_have_attribute("lang", "vi")
    page.locator("#id_name").fill("Hộ kinh doanh Chè Tân Cương")
    page.locator("#id_tax_code").fill("001 085 012 345")
    page.locator("#id_business_type").select_option("household")
    page.locator("#id_representative").fill("Phạm Thị Thu")
    page.locator("#id_province").select_option(label="Thái Nguyên")
    page.locator("#id_address").fill("Xóm 5, xã Tân Cương")
    page.locator("#id_phone").fill("0912 345 678")
    page.locator("#id_email").fill(EMAIL)
    page.get_by_label("Nông sản & Đặc sản vùng miền").check()
    page.locator("#id_shops-0-platform").select_option(label="Shopee")
    page.locator("#id_shops-0-url").fill("https://shopee.vn/che-tan-cuong")
    page.locator("#id_accept_rules").check()
    page.locator("#id_password1").fill(MERCHANT_PASSWORD)
    page.locator("#id_password2").fill(MERCHANT_PASSWORD)
    page.locator("main form.form button[type=submit]").click()
    # then it lands in its area, waiting for the e-mail to be verified
    expect(page).to_have_url(f"{base}/merchant/")
    expect(page.locator(".status-panel")).to_contain_text("Chờ xác minh email")
    merchant = Merchant.objects.get(tax_code="001085012345")
    assert merchant.status == "pending"

    # when it opens the link of the e-mail it received (the server's thread shares the outbox)
    sent = [email for email in mail.outbox if email.to == [EMAIL]]
    assert len(sent) == 1
    link = re.search(r"https?://\S+/register/verify/\S+", sent[0].body).group(0)
    assert link.startswith(base)
    page.goto(link)
    # then the address is verified, and the merchant waits for the organisers
    expect(page.locator("h1")).to_be_visible()
    merchant.refresh_from_db()
    assert merchant.status == "verified"

    # when an organiser signs in, finds it among those waiting and approves it
    office = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    try:
        desk = office.new_page()
        sign_in(desk, base, organiser.username, password)
        expect(desk).to_have_url(f"{base}/back-office/merchants/")
        desk.locator("#id_status").select_option("verified")
        desk.get_by_role("button", name="Lọc").click()
        desk.get_by_role("link", name="Hộ kinh doanh Chè Tân Cương").click()
        expect(desk.locator("h1")).to_have_text("Hộ kinh doanh Chè Tân Cương")
        expect(desk.locator(".facts")).to_contain_text("Phạm Thị Thu")
        desk.get_by_label("Ghi chú gửi nhà bán hàng (không bắt buộc)").fill("Chào mừng!")
        desk.get_by_role("button", name="Phê duyệt").click()
        # then the back office confirms it, and the history says who did it
        expect(desk.locator(".messages")).to_contain_text(
            "Hộ kinh doanh Chè Tân Cương đã được phê duyệt"
        )
        expect(desk.locator("table.history")).to_contain_text(organiser.username)
        expect(desk.locator("table.history")).to_contain_text("Chào mừng!")
    finally:
        office.close()
    decision = [email for email in mail.outbox if email.to == [EMAIL]][-1]
    assert "đã được phê duyệt" in decision.subject

    # when the merchant signs in again, in a fresh browser
    shop = browser.new_context(locale="vi-VN", timezone_id="Asia/Ho_Chi_Minh")
    try:
        counter = shop.new_page()
        sign_in(counter, base, EMAIL, MERCHANT_PASSWORD)
        # then its area says the registration is approved
        expect(counter).to_have_url(f"{base}/merchant/")
        expect(counter.locator(".status-panel")).to_contain_text("Đã phê duyệt")
    finally:
        shop.close()
