"""POST /api/v1/deals: a partner (or a merchant's signed-in user) submits a merchant's deals;
each is stored by (merchant, SKU) and judged, the call can be retried without changing anything,
and a deal that cannot be stored does not stop the others."""

import json
from datetime import timedelta

import pytest

from onlinefriday.deals.models import Deal, DealReason, DealSource, DealStatus, PriceObservation
from onlinefriday.merchants.models import MerchantStatus
from tests.fixtures.submissions import SEEDED, a_deal

URL = "/api/v1/deals"

pytestmark = pytest.mark.django_db


@pytest.fixture
def festival(festival_factory):
    """A festival starting in ten days: deals are taken until it ends."""
    return festival_factory(starts_in=timedelta(days=10), slug="online-friday-api")


def steady_history(festival, price: int = 26_000_000) -> list[dict]:
    """The same price 28, 14 and 3 days before the festival starts."""
    return [
        {"observed_at": (festival.starts_at - timedelta(days=days)).isoformat(), "price": price}
        for days in (28, 14, 3)
    ]


def three_deals(festival) -> list[dict]:
    """Accepted (a steady month at 26,000,000), to review (no history) and rejected (the
    'before' price is above the month's lowest)."""
    return [
        a_deal(price_history=steady_history(festival)),
        a_deal(sku="AO-01", url="https://shopee.vn/ao-thun-01", price_history=[]),
        a_deal(
            sku="TV-55",
            url="https://shopee.vn/tivi-55",
            price=15_000_000,
            sale_price=9_000_000,
            price_history=steady_history(festival, 11_000_000),
        ),
    ]


def send(client, body: dict, **headers):
    return client.post(URL, json.dumps(body), content_type="application/json", **headers)


@pytest.fixture
def key(partner_key) -> dict:
    """AccessTrade's key: it represents the fixture merchant only."""
    return {"HTTP_AUTHORIZATION": f"Bearer {partner_key[1]}"}


def test_a_partner_submits_deals_and_gets_each_verdict(client, key, merchant, festival):
    # given three deals of Hoàng Phát, one per verdict
    body = {"festival": festival.slug, "merchant": merchant.pk, "deals": three_deals(festival)}

    # when AccessTrade sends them
    response = send(client, body, **key)

    # then each is stored with its verdict, in the order sent
    assert response.status_code == 200, response.content
    answer = response.json()
    assert (answer["stored"], answer["unchanged"], answer["not_stored"]) == (3, 0, 0)
    verdicts = [(r["sku"], r["verdict"], r["changed"]) for r in answer["results"]]
    assert verdicts == [
        ("IP13-128", "accepted", True),
        ("AO-01", "review", True),
        ("TV-55", "rejected", True),
    ]
    assert [r["code"] for r in answer["results"][2]["reasons"]] == ["INFLATED_REFERENCE_PRICE"]
    stored = {deal.product.sku: deal for deal in Deal.objects.select_related("product")}
    assert stored["IP13-128"].status == DealStatus.ACCEPTED
    assert stored["AO-01"].status == DealStatus.REVIEW
    assert stored["TV-55"].status == DealStatus.REJECTED
    assert {deal.source for deal in stored.values()} == {DealSource.API}
    assert answer["results"][0]["deal_id"] == stored["IP13-128"].pk
    assert DealReason.objects.get(deal=stored["TV-55"]).code == "INFLATED_REFERENCE_PRICE"
    assert PriceObservation.objects.filter(product__sku="TV-55").count() == 3


def test_sending_the_same_call_again_changes_nothing(client, key, merchant, festival):
    # given the three deals sent once, and a moderator's approval of the one in review
    body = {"festival": festival.slug, "merchant": merchant.pk, "deals": three_deals(festival)}
    send(client, body, **key)
    Deal.objects.filter(product__sku="AO-01").update(status=DealStatus.ACCEPTED)
    before = list(Deal.objects.order_by("pk").values())

    # when the partner retries the call
    answer = send(client, body, **key).json()

    # then nothing changed, and the moderator's decision stands
    assert (answer["stored"], answer["unchanged"], answer["not_stored"]) == (0, 3, 0)
    assert [r["changed"] for r in answer["results"]] == [False, False, False]
    assert answer["results"][1]["verdict"] == "accepted"
    assert list(Deal.objects.order_by("pk").values()) == before


def test_a_changed_deal_is_judged_again(client, key, merchant, festival):
    # given the accepted phone stored
    phone = three_deals(festival)[0]
    first = send(
        client, {"festival": festival.slug, "merchant": merchant.pk, "deals": [phone]}, **key
    )
    deal_id = first.json()["results"][0]["deal_id"]

    # when it comes again at 30,000,000 before (above its month at 26,000,000)
    raised = {**phone, "price": 30_000_000}
    answer = send(
        client, {"festival": festival.slug, "merchant": merchant.pk, "deals": [raised]}, **key
    ).json()

    # then the same deal is updated and now rejected
    [result] = answer["results"]
    assert (result["deal_id"], result["verdict"], result["changed"]) == (
        deal_id,
        "rejected",
        True,
    )
    assert Deal.objects.get().price == 30_000_000
    assert Deal.objects.get().status == DealStatus.REJECTED


def test_a_deal_that_cannot_be_stored_does_not_stop_the_others(client, key, merchant, festival):
    # given a deal in a category the festival does not have, and a SKU sent twice
    deals = [
        a_deal(sku="X-1", category="Đồ cổ", price_history=steady_history(festival)),
        a_deal(price_history=steady_history(festival)),
        a_deal(url="https://shopee.vn/iphone-lan-hai", price_history=steady_history(festival)),
    ]

    # when
    answer = send(
        client, {"festival": festival.slug, "merchant": merchant.pk, "deals": deals}, **key
    ).json()

    # then the first says which field is wrong, in both languages; the repeat is rejected
    unknown, phone, repeat = answer["results"]
    assert (unknown["deal_id"], unknown["verdict"]) == (None, None)
    [error] = unknown["errors"]
    assert error["field"] == "category"
    assert "Đồ cổ" in error["message"] and "Đồ cổ" in error["message_en"]
    assert error["message"] != error["message_en"]
    assert phone["verdict"] == "accepted" and phone["deal_id"] is not None
    assert repeat["deal_id"] is None
    assert [r["code"] for r in repeat["reasons"]] == ["DUPLICATE_DEAL"]
    assert (answer["stored"], answer["not_stored"]) == (1, 2)
    assert list(Deal.objects.values_list("product__sku", flat=True)) == ["IP13-128"]


def test_a_merchant_user_submits_for_its_own_merchant(client, merchant_user, merchant, festival):
    # given a signed-in user of Hoàng Phát
    client.force_login(merchant_user)

    # when it sends a deal without naming the merchant
    response = send(client, {"festival": festival.slug, "deals": three_deals(festival)[:1]})

    # then the deal is Hoàng Phát's
    assert response.status_code == 200, response.content
    assert response.json()["merchant"] == merchant.pk
    assert Deal.objects.get().product.merchant == merchant


def test_a_partner_cannot_submit_for_a_merchant_it_does_not_represent(
    client, key, other_merchant, festival
):
    # given a merchant AccessTrade does not represent
    body = {"festival": festival.slug, "merchant": other_merchant.pk, "deals": []}

    # when it sends deals for it, then without naming any merchant
    refused = send(client, body, **key)
    unnamed = send(client, {"festival": festival.slug, "deals": []}, **key)

    # then the first is forbidden and the second must name one
    assert refused.status_code == 403
    assert "represent" in refused.json()["detail_en"]
    assert unnamed.status_code == 422
    assert [error["loc"] for error in unnamed.json()["errors"]] == ["merchant"]
    assert not Deal.objects.exists()


def test_a_merchant_not_yet_approved_is_told_in_both_languages(client, key, merchant, festival):
    # given Hoàng Phát waiting for the organisers' approval
    merchant.status = MerchantStatus.PENDING
    merchant.save()
    body = {"festival": festival.slug, "merchant": merchant.pk, "deals": three_deals(festival)}

    # when
    response = send(client, body, **key)

    # then
    assert response.status_code == 403
    assert response.json() == {
        "detail": "Nhà bán hàng chưa được Ban tổ chức phê duyệt nên chưa thể gửi ưu đãi.",
        "detail_en": "The business is not approved by the organisers yet, so it cannot submit "
        "deals.",
    }
    assert not Deal.objects.exists()


def test_deals_for_a_festival_past_its_deadline_are_refused(client, key, merchant):
    # given Online Friday 2021, long over
    body = {"festival": SEEDED, "merchant": merchant.pk, "deals": [a_deal()]}

    # when
    response = send(client, body, **key)

    # then the deadline is named
    assert response.status_code == 403
    assert "05/12/2021" in response.json()["detail"]
    assert "deadline" in response.json()["detail_en"]
    assert not Deal.objects.exists()


def test_unreadable_calls_are_refused_with_the_place(client, key, merchant, festival):
    # given a call without a key, one for an unknown festival, one with 1,001 deals and one
    # with a price in quotes
    many = {"festival": festival.slug, "merchant": merchant.pk, "deals": [{}] * 1001}
    quoted = {
        "festival": festival.slug,
        "merchant": merchant.pk,
        "deals": [a_deal(price="26000000")],
    }
    unknown = {"festival": "khong-co", "merchant": merchant.pk, "deals": []}

    # when / then
    assert send(client, {"festival": festival.slug, "deals": []}).status_code == 401
    assert send(client, unknown, **key).status_code == 404
    too_many = send(client, many, **key)
    assert too_many.status_code == 422
    assert [error["loc"] for error in too_many.json()["errors"]] == ["deals"]
    wrong_type = send(client, quoted, **key)
    assert wrong_type.status_code == 422
    assert [error["loc"] for error in wrong_type.json()["errors"]] == ["deals.0.price"]
    assert not Deal.objects.exists()


def test_csrf_is_asked_of_signed_in_browsers_only(merchant_user, festival):
    # given a client that checks CSRF as browsers' requests are checked
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    body = {"festival": festival.slug, "deals": []}

    # when a call comes with neither key nor session, then it is told to sign in or send a key
    anonymous = send(browser, body)
    assert anonymous.status_code == 401
    assert "API key" in anonymous.json()["detail_en"]

    # when a signed-in browser calls without its CSRF token, then it is refused in both languages
    browser.force_login(merchant_user)
    refused = send(browser, body)
    assert refused.status_code == 403
    assert "CSRF" in refused.json()["detail"] and "X-CSRFToken" in refused.json()["detail_en"]
    assert refused.json()["detail"] != refused.json()["detail_en"]

    # and with its token it is served
    browser.get("/")
    token = browser.cookies["csrftoken"].value
    assert send(browser, body, HTTP_X_CSRFTOKEN=token).status_code == 200
