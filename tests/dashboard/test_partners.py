"""The organisers' back office for partners: create one, choose the merchants it represents,
create a key (shown once) and revoke it. Nobody else may."""

import re

import pytest
from django.urls import reverse

from onlinefriday.merchants.models import Partner, PartnerApiKey

LIST = reverse("dashboard:partners:list")
CREATE = reverse("dashboard:partners:create")
KEY = re.compile(r"of_live_[a-z0-9]{8}_[A-Za-z0-9]{32}")


def url(name: str, *args) -> str:
    return reverse(f"dashboard:partners:{name}", args=args)


@pytest.fixture
def organiser_client(client, organiser):
    client.force_login(organiser)
    return client


def test_organiser_creates_a_partner_with_a_code_made_from_its_name(organiser_client):
    # when
    response = organiser_client.post(
        CREATE, {"name": "Tiếp thị liên kết Đông Á", "code": ""}, follow=True
    )

    # then the partner exists and its page opens
    partner = Partner.objects.get()
    assert (partner.name, partner.code) == ("Tiếp thị liên kết Đông Á", "tiep-thi-lien-ket-dong-a")
    assert response.redirect_chain == [(url("detail", partner.pk), 302)]
    assert "Tiếp thị liên kết Đông Á" in response.content.decode()


def test_a_code_already_used_is_refused_and_the_form_keeps_what_was_typed(
    organiser_client, partner
):
    # given the partner 'accesstrade'
    # when another partner is given the same code
    response = organiser_client.post(
        CREATE, {"name": "AccessTrade (bản sao)", "code": "AccessTrade"}
    )

    # then
    assert response.status_code == 400
    page = response.content.decode()
    assert "Mã accesstrade đã được một đối tác khác sử dụng: hãy chọn mã khác." in page
    assert 'value="AccessTrade (bản sao)"' in page
    assert 'aria-invalid="true"' in page
    assert Partner.objects.count() == 1


def test_organiser_chooses_the_merchants_by_tax_code_in_any_spelling(
    organiser_client, partner, merchant, other_merchant
):
    # when the organiser lists both merchants, one with dashes, one with spaces
    response = organiser_client.post(
        url("merchants", partner.pk), {"tax_codes": "0100-233-488\n240 012 3458\n"}, follow=True
    )

    # then
    assert set(partner.merchants.all()) == {merchant, other_merchant}
    assert "AccessTrade Việt Nam hiện đại diện cho 2 nhà bán hàng." in response.content.decode()


def test_an_unknown_tax_code_changes_nothing_and_is_named(organiser_client, partner, merchant):
    # when one valid code is not registered
    response = organiser_client.post(
        url("merchants", partner.pk), {"tax_codes": "0100233488\n0300588569"}
    )

    # then the page says which and keeps the list typed; the partner still represents Hoàng Phát
    assert response.status_code == 400
    page = response.content.decode()
    assert "0300588569" in page and "hãy đăng ký trước" in page
    assert list(partner.merchants.all()) == [merchant]


def test_creating_a_key_shows_it_once_with_a_warning(organiser_client, partner, organiser):
    # when
    response = organiser_client.post(url("key-create", partner.pk), {"name": "Máy chủ chính"})

    # then
    assert response.status_code == 200
    page = response.content.decode()
    assert "Hãy sao chép khóa này ngay: khóa chỉ hiển thị một lần này." in page
    raw = KEY.search(page)[0]
    key = PartnerApiKey.objects.get()
    assert (key.partner, key.name, key.created_by) == (partner, "Máy chủ chính", organiser)
    assert raw.startswith(key.prefix + "_")
    # and the partner's page lists it by its prefix only
    detail = organiser_client.get(url("detail", partner.pk)).content.decode()
    assert key.prefix in detail and raw not in detail


def test_a_key_needs_a_name(organiser_client, partner):
    # when
    response = organiser_client.post(url("key-create", partner.pk), {"name": "  "})

    # then
    assert response.status_code == 400
    assert not PartnerApiKey.objects.exists()
    assert not KEY.search(response.content.decode())


def test_revoking_a_key_refuses_it_from_then_on(organiser_client, client, partner, partner_key):
    # given the partner's key works
    key, raw = partner_key
    assert client.get("/api/v1/merchants/me", HTTP_X_API_KEY=raw).status_code == 200

    # when the organiser revokes it
    response = organiser_client.post(url("key-revoke", partner.pk, key.pk), follow=True)

    # then
    key.refresh_from_db()
    assert key.revoked_at is not None
    assert "calls made with it are refused" not in response.content.decode()  # Vietnamese page
    assert "bị từ chối" in response.content.decode()
    assert client.get("/api/v1/merchants/me", HTTP_X_API_KEY=raw).status_code == 401


def test_a_key_is_revoked_only_through_its_own_partner(organiser_client, partner, partner_key):
    # given another partner
    other = Partner.objects.create(name="Shopee Affiliate", code="shopee-affiliate")
    key, _ = partner_key

    # when its address is used to revoke AccessTrade's key
    response = organiser_client.post(url("key-revoke", other.pk, key.pk))

    # then
    assert response.status_code == 404
    key.refresh_from_db()
    assert key.revoked_at is None


def test_the_list_counts_merchants_and_working_keys(organiser_client, partner, partner_key):
    # given a second key, revoked
    organiser_client.post(url("key-create", partner.pk), {"name": "Máy thử"})
    PartnerApiKey.objects.filter(name="Máy thử").update(revoked_at="2021-12-01T00:00+07:00")

    # when
    response = organiser_client.get(LIST)

    # then one merchant, one working key
    listed = response.context["partners"].get()
    assert (listed.merchant_count, listed.active_key_count) == (1, 1)
    assert "AccessTrade Việt Nam" in response.content.decode()


@pytest.fixture
def every_partner_page(partner, partner_key):
    key, _ = partner_key
    return [
        ("get", LIST),
        ("get", CREATE),
        ("post", CREATE),
        ("get", url("detail", partner.pk)),
        ("post", url("merchants", partner.pk)),
        ("post", url("key-create", partner.pk)),
        ("post", url("key-revoke", partner.pk, key.pk)),
    ]


@pytest.mark.parametrize("role", ["moderator", "merchant_user"])
def test_only_organisers_may_touch_partners(client, request, role, every_partner_page, partner):
    # given a moderator or a merchant's user
    client.force_login(request.getfixturevalue(role))

    # when they open or post to any partner page, then 403, and nothing changed
    for method, address in every_partner_page:
        data = {"name": "Lén", "code": "len", "tax_codes": ""}
        assert getattr(client, method)(address, data).status_code == 403, (method, address)
    assert Partner.objects.count() == 1
    assert partner.merchants.count() == 1
    assert PartnerApiKey.objects.filter(revoked_at__isnull=True).count() == 1


def test_anonymous_visitors_are_sent_to_sign_in(client, every_partner_page):
    for method, address in every_partner_page:
        response = getattr(client, method)(address)
        assert response.status_code == 302, (method, address)
        assert response["Location"].startswith(reverse("accounts:login"))
