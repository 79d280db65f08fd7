"""GET /api/v1/merchants/me: who the caller acts for, as a merchant's user (session) or as a
partner (API key); refusals in Vietnamese and English."""

import hashlib
import re
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from onlinefriday.merchants.models import Merchant, PartnerApiKey, Platform, RulesVersion, Shop
from onlinefriday.merchants.partner_services import (
    create_api_key,
    revoke_api_key,
    set_represented_merchants,
)

ME = "/api/v1/merchants/me"
KEY = re.compile(r"of_live_[a-z0-9]{8}_[A-Za-z0-9]{32}")

pytestmark = pytest.mark.django_db


def bearer(raw: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


@pytest.fixture
def household(partner) -> Merchant:
    """A household business whose tax code is its owner's personal ID, also represented by the
    partner."""
    household = Merchant.objects.create(
        name="Hộ kinh doanh Trần Thị Hoa",
        tax_code="001085012345",
        business_type="household",
        province_code=1,
        email="hoa@example.vn",
        representative="Trần Thị Hoa",
        phone="+84987654321",
        status="approved",
    )
    partner.merchants.add(household)
    return household


def test_a_merchant_user_reads_its_merchant_with_its_personal_fields(
    client, merchant, merchant_user, shop
):
    # given Hoàng Phát accepted the 2021 rules and has a representative and a phone
    merchant.representative = "Lê Văn Phát"
    merchant.phone = "+84243825123"
    merchant.rules_version = RulesVersion.objects.get(version="2021.1")
    merchant.save()
    client.force_login(merchant_user)

    # when
    response = client.get(ME)

    # then
    assert response.status_code == 200
    assert response.json() == {
        "id": merchant.pk,
        "name": "Công ty TNHH Thương mại Hoàng Phát",
        "tax_code": "0100233488",
        "business_type": "company",
        "province": {"code": 1, "name": "Thành phố Hà Nội"},
        "status": "approved",
        "shops": [{"platform": "shopee", "url": "https://shopee.vn/hoang-phat-official-store"}],
        "rules_version": "2021.1",
        "representative": "Lê Văn Phát",
        "phone": "+84243825123",
    }


def test_each_merchant_user_reads_only_its_own_merchant(client, merchant, other_merchant_user):
    # when the cooperative's user asks
    client.force_login(other_merchant_user)
    body = client.get(ME).json()

    # then it reads the cooperative, never Hoàng Phát
    assert (body["tax_code"], body["representative"]) == ("2400123458", "Nguyễn Văn Bình")
    assert body["id"] != merchant.pk


def test_a_partner_key_reads_the_partner_and_only_the_merchants_it_represents(
    client, partner_key, merchant, other_merchant, household, shop
):
    # given the partner represents Hoàng Phát and the household, not the cooperative
    _, raw = partner_key

    # when
    response = client.get(ME, **bearer(raw))

    # then
    assert response.status_code == 200
    body = response.json()
    assert body["partner"] == {"name": "AccessTrade Việt Nam", "code": "accesstrade"}
    assert [m["name"] for m in body["merchants"]] == [
        "Công ty TNHH Thương mại Hoàng Phát",
        "Hộ kinh doanh Trần Thị Hoa",
    ]
    hoang_phat, hoa = body["merchants"]
    assert hoang_phat["tax_code"] == "0100233488"
    assert hoang_phat["shops"] == [
        {"platform": "shopee", "url": "https://shopee.vn/hoang-phat-official-store"}
    ]
    # no personal data for a partner: no representative or phone, and a personal ID hidden
    for represented in body["merchants"]:
        assert "representative" not in represented and "phone" not in represented
    assert hoa["tax_code"] is None
    assert "001085012345" not in response.content.decode()
    assert "Trần Thị Hoa" not in hoa.values()


def test_the_key_works_in_the_x_api_key_header_too(client, partner_key):
    # when
    response = client.get(ME, HTTP_X_API_KEY=partner_key[1])

    # then
    assert response.status_code == 200
    assert response.json()["partner"]["code"] == "accesstrade"


def test_last_use_is_written_at_most_once_a_minute(client, partner_key):
    # given the key was last used two minutes ago
    key, raw = partner_key
    two_minutes_ago = timezone.now() - timedelta(minutes=2)
    PartnerApiKey.objects.filter(pk=key.pk).update(last_used_at=two_minutes_ago)

    # when it is used twice in a row
    client.get(ME, **bearer(raw))
    key.refresh_from_db()
    first = key.last_used_at
    client.get(ME, **bearer(raw))
    key.refresh_from_db()

    # then the first call moved it to now, the second did not write again
    assert first > two_minutes_ago + timedelta(seconds=100)
    assert key.last_used_at == first


def test_without_a_session_or_key_the_answer_is_401_in_vietnamese_and_english(client):
    # when
    response = client.get(ME)

    # then
    assert response.status_code == 401
    assert response.json() == {
        "detail": "Hãy đăng nhập, hoặc gửi khóa API của đối tác trong tiêu đề "
        "'Authorization: Bearer <khóa>' hoặc 'X-API-Key: <khóa>'.",
        "detail_en": "Sign in, or send a partner API key as 'Authorization: Bearer <key>' or "
        "'X-API-Key: <key>'.",
    }


def test_a_revoked_key_is_refused_with_401(client, partner_key, organiser):
    # given the organiser revoked the key
    key, raw = partner_key
    revoke_api_key(key, actor=organiser)

    # when
    response = client.get(ME, **bearer(raw))

    # then
    assert response.status_code == 401
    assert response.json() == {
        "detail": "Khóa API này đã bị thu hồi: hãy đề nghị Ban tổ chức cấp khóa mới.",
        "detail_en": "This API key was revoked: ask the organisers for a new one.",
    }


@pytest.mark.parametrize(
    "sent",
    [
        "of_live_abcd1234_" + "A" * 32,  # well formed, never issued
        "mat-khau-123",
        "of_live_",
    ],
)
def test_a_key_that_is_not_ours_is_refused_with_401(client, partner_key, sent):
    # when
    response = client.get(ME, HTTP_X_API_KEY=sent)

    # then
    assert response.status_code == 401
    assert response.json()["detail_en"].startswith("This API key is not valid")
    assert response.json()["detail"].startswith("Khóa API này không hợp lệ")


def test_a_wrong_key_is_refused_even_with_a_merchant_session(client, merchant_user, partner_key):
    # given a signed-in merchant user whose program also sends someone's mistyped key
    client.force_login(merchant_user)
    _, raw = partner_key

    # when
    response = client.get(ME, **bearer(raw[:-1] + ("a" if raw[-1] != "a" else "b")))

    # then the key is judged, not silently skipped
    assert response.status_code == 401


def test_a_signed_in_organiser_is_no_merchant(client, organiser):
    # when
    client.force_login(organiser)
    response = client.get(ME)

    # then
    assert response.status_code == 403
    assert response.json()["detail_en"].startswith("This account does not work for a merchant")
    assert response.json()["detail"].startswith("Tài khoản này không thuộc nhà bán hàng nào")


def test_the_key_is_stored_hashed_and_never_in_the_database(partner, organiser):
    # when
    key, raw = create_api_key(partner=partner, name="Máy chủ thử", actor=organiser)

    # then only its SHA-256 and its prefix are kept
    assert KEY.fullmatch(raw)
    assert key.key_hash == hashlib.sha256(raw.encode()).hexdigest()
    assert raw.startswith(key.prefix + "_")
    dump = StringIO()
    call_command("dumpdata", stdout=dump)
    assert raw not in dump.getvalue()
    assert raw.rsplit("_", 1)[1] not in dump.getvalue()  # not even the secret part


def test_the_back_office_shows_a_new_key_once_and_never_again(client, organiser, partner):
    # given the organiser creates a key in the back office
    client.force_login(organiser)
    page = client.post(
        reverse("dashboard:partners:key-create", args=[partner.pk]), {"name": "Máy chủ chính"}
    )
    assert page.status_code == 200
    shown = KEY.findall(page.content.decode())
    assert len(set(shown)) == 1
    raw = shown[0]
    assert "no-store" in page["Cache-Control"]

    # when the partner calls with it
    response = client.get(ME, **bearer(raw))

    # then it works
    assert response.status_code == 200
    # and no page shows it again, and it is nowhere in the database (sessions included)
    detail = client.get(reverse("dashboard:partners:detail", args=[partner.pk]))
    assert raw not in detail.content.decode()
    assert raw.rsplit("_", 1)[0] in detail.content.decode()  # its prefix tells it apart
    key_page = reverse("dashboard:partners:key-create", args=[partner.pk])
    assert client.get(key_page).status_code == 405
    dump = StringIO()
    call_command("dumpdata", stdout=dump)
    assert raw not in dump.getvalue()


def test_each_caller_is_rate_limited(client, partner_key, settings):
    # given a limit of 2 calls a minute
    settings.API_RATE_LIMIT = "2/min"
    _, raw = partner_key

    # when the partner calls three times
    answers = [client.get(ME, **bearer(raw)) for _ in range(3)]

    # then the third is refused, saying when to come back, in both languages
    assert [answer.status_code for answer in answers] == [200, 200, 429]
    assert int(answers[2]["Retry-After"]) > 0
    assert answers[2].json() == {
        "detail": "Quá nhiều yêu cầu: hãy chờ một phút rồi thử lại.",
        "detail_en": "Too many requests: wait a minute and try again.",
    }


def test_an_address_sending_many_wrong_keys_is_stopped_even_with_a_right_one(client, partner_key):
    # given 20 wrong keys sent from one address
    for _ in range(20):
        assert client.get(ME, HTTP_X_API_KEY="of_live_abcd1234_" + "B" * 32).status_code == 401

    # when the right key comes from the same address
    response = client.get(ME, **bearer(partner_key[1]))

    # then it waits too
    assert response.status_code == 429
    assert response.json()["detail_en"].startswith("Too many wrong API keys")


def test_represented_merchants_follow_the_partners_list(client, partner, partner_key, shop):
    # given the organiser replaces Hoàng Phát with the cooperative
    Shop.objects.filter(pk=shop.pk).delete()
    cooperative = Merchant.objects.create(
        name="HTX Rau sạch Củ Chi",
        tax_code="0300588569",
        business_type="cooperative",
        email="rau@cuchi.vn",
    )
    set_represented_merchants(partner, tax_codes=["0300-588-569"])

    # when
    body = client.get(ME, **bearer(partner_key[1])).json()

    # then
    assert [m["id"] for m in body["merchants"]] == [cooperative.pk]
    assert body["merchants"][0]["province"] is None
    assert body["merchants"][0]["rules_version"] is None


def test_a_partner_with_more_merchants_costs_no_more_queries(client, partner, partner_key):
    # given the key was just used (so no last-use write) and the partner represents one merchant
    key, raw = partner_key
    PartnerApiKey.objects.filter(pk=key.pk).update(last_used_at=timezone.now())

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            assert client.get(ME, **bearer(raw)).status_code == 200
        return len(captured)

    one = queries()
    # when it represents three more, each with a shop
    for number, code in enumerate(["0101245486", "0300588569", "0102721191"], start=1):
        more = Merchant.objects.create(
            name=f"Cửa hàng {number}", tax_code=code, business_type="company", email="a@b.vn"
        )
        Shop.objects.create(
            merchant=more,
            platform=Platform.objects.get(code="tiki"),
            name=more.name,
            url=f"https://tiki.vn/cua-hang-{number}",
        )
        partner.merchants.add(more)

    # then the same number of queries reads them all
    assert queries() == one


def test_behind_nginx_one_visitors_wrong_keys_do_not_stop_another(client, partner_key, settings):
    # given one trusted proxy, and a visitor who sent 20 wrong keys through it
    settings.PROXY_COUNT = 1
    for _ in range(20):
        client.get(
            ME, HTTP_X_API_KEY="of_live_abcd1234_" + "C" * 32, HTTP_X_FORWARDED_FOR="203.0.113.5"
        )

    # when another visitor comes through the same proxy with the right key
    other = client.get(ME, HTTP_X_FORWARDED_FOR="198.51.100.7", **bearer(partner_key[1]))
    same = client.get(ME, HTTP_X_FORWARDED_FOR="203.0.113.5", **bearer(partner_key[1]))

    # then only the first visitor waits
    assert (other.status_code, same.status_code) == (200, 429)
