"""/api/v1/price-observations: partners record prices for the merchants they represent, merchant
users for their own merchant; re-sending changes nothing; a product's history before a start
reads back ready for a chart. Refusals say why in Vietnamese and English."""

import json
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from onlinefriday.deals.models import PriceObservation, Product
from onlinefriday.merchants.partner_services import create_api_key, create_partner

pytestmark = pytest.mark.django_db

URL = "/api/v1/price-observations"
VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")

NOVEMBER = [
    {"sku": "IP15PM-256", "observed_at": "2021-11-01T08:00:00+07:00", "price": 27_990_000},
    {"sku": "IP15PM-256", "observed_at": "2021-11-10T08:00:00", "price": 25_990_000},
    {"sku": "IP15PM-256", "observed_at": "2021-11-30T20:00:00+07:00", "price": 29_990_000},
]


def post(client: Client, body: dict, **headers):
    return client.post(URL, json.dumps(body), content_type="application/json", **headers)


def bearer(raw: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {raw}"}


def stored() -> list[tuple]:
    return list(
        PriceObservation.objects.order_by("observed_at").values_list(
            "product__merchant", "product__sku", "observed_at", "price", "source"
        )
    )


@pytest.fixture
def key(partner_key) -> dict:
    """The headers of the affiliate network's key; it represents the fixture merchant only."""
    return bearer(partner_key[1])


def test_a_partner_records_prices_for_a_merchant_it_represents(client, key, merchant, product):
    # given AccessTrade, an affiliate network representing Hoàng Phát
    # when it sends three November prices of the iPhone, one without an offset
    response = post(client, {"merchant": merchant.pk, "observations": NOVEMBER}, **key)
    # then they are stored as the merchant's declarations, the one without offset in Vietnam time
    assert response.status_code == 200, response.content
    assert response.json() == {
        "merchant": merchant.pk,
        "source": "merchant",
        "created": 3,
        "updated": 0,
        "unchanged": 0,
        "products_created": 0,
    }
    assert stored()[1] == (
        merchant.pk,
        "IP15PM-256",
        datetime(2021, 11, 10, 8, 0, tzinfo=VIETNAM),
        25_990_000,
        "merchant",
    )


def test_sending_again_changes_nothing_and_a_new_price_corrects_one(client, key, merchant):
    # given the three prices recorded
    post(client, {"merchant": merchant.pk, "observations": NOVEMBER}, **key)
    before = stored()
    # when the same call is retried
    again = post(client, {"merchant": merchant.pk, "observations": NOVEMBER}, **key)
    # then nothing changed
    assert (again.json()["created"], again.json()["unchanged"]) == (0, 3)
    assert stored() == before
    # and when the last price comes again as 28,990,000 it is corrected
    corrected = [{**NOVEMBER[2], "price": 28_990_000}]
    body = post(client, {"merchant": merchant.pk, "observations": corrected}, **key).json()
    assert (body["created"], body["updated"], body["unchanged"]) == (0, 1, 0)
    assert [row[3] for row in stored()] == [27_990_000, 25_990_000, 28_990_000]


def test_an_unknown_sku_becomes_a_product_without_a_title(client, key, merchant):
    # given a SKU the merchant has no product for
    rice = [{"sku": "ST25-5KG", "observed_at": "2021-11-01", "price": 189_000}]
    # when a price for it is recorded
    body = post(client, {"merchant": merchant.pk, "observations": rice}, **key).json()
    # then the merchant has that product now
    assert body["products_created"] == 1
    assert Product.objects.get(merchant=merchant, sku="ST25-5KG").title == ""


def test_a_marketplaces_own_integration_records_prices_as_the_platforms(
    client, merchant, organiser
):
    # given Shopee's own integration as a partner (its code is the marketplace's code)
    shopee = create_partner(name="Shopee Việt Nam", code="shopee")
    shopee.merchants.add(merchant)
    _key, raw = create_api_key(partner=shopee, name="Tích hợp", actor=organiser)
    # when it reports a price
    body = post(client, {"merchant": merchant.pk, "observations": NOVEMBER[:1]}, **bearer(raw))
    # then the price counts as the platform's observation
    assert body.status_code == 200
    assert body.json()["source"] == "platform"
    assert stored()[0][4] == "platform"


def test_a_partner_cannot_record_for_a_merchant_it_does_not_represent(client, key, other_merchant):
    # given a merchant AccessTrade does not represent
    # when AccessTrade sends prices for it, or for a merchant id that does not exist
    for merchant_id in (other_merchant.pk, 999_999):
        response = post(client, {"merchant": merchant_id, "observations": NOVEMBER}, **key)
        # then it is refused in both languages, alike for both, and nothing is stored
        assert response.status_code == 403
        assert response.json()["detail_en"] == (
            "Your organisation does not represent this merchant: GET /api/v1/merchants/me "
            "lists the merchants it represents."
        )
        assert response.json()["detail"]
    assert stored() == []


def test_a_partner_must_say_which_merchant(client, key):
    # given a partner key
    # when prices come without a merchant
    response = post(client, {"observations": NOVEMBER}, **key)
    # then the call is refused naming the missing field
    assert response.status_code == 422
    assert [error["loc"] for error in response.json()["errors"]] == ["merchant"]
    assert stored() == []


def test_a_merchant_user_records_for_its_own_merchant(client, merchant_user, merchant):
    # given a merchant's user signed in
    client.force_login(merchant_user)
    # when the user sends prices without a merchant, then with its own merchant's id
    first = post(client, {"observations": NOVEMBER[:1]})
    second = post(client, {"merchant": merchant.pk, "observations": NOVEMBER[1:]})
    # then both are recorded for that merchant, as its declarations
    assert (first.status_code, second.status_code) == (200, 200)
    assert [(row[0], row[4]) for row in stored()] == [(merchant.pk, "merchant")] * 3


def test_a_merchant_user_cannot_record_for_another_merchant(client, merchant_user, other_merchant):
    # given a merchant's user signed in
    client.force_login(merchant_user)
    # when the user names another merchant
    response = post(client, {"merchant": other_merchant.pk, "observations": NOVEMBER})
    # then it is refused and nothing is stored
    assert response.status_code == 403
    assert response.json()["detail_en"].startswith("You can act only for your own merchant")
    assert stored() == []


def test_a_user_who_works_for_no_merchant_is_refused(client, organiser):
    # given an organiser signed in
    client.force_login(organiser)
    # when the organiser sends prices
    response = post(client, {"observations": NOVEMBER})
    # then it is refused: only merchants and partners record prices
    assert response.status_code == 403
    assert response.json()["detail_en"].startswith("This account does not work for a merchant")


def test_a_caller_without_a_key_or_session_is_asked_to_sign_in(client):
    # when an anonymous caller sends prices
    response = post(client, {"observations": NOVEMBER})
    # then it is told how to authenticate
    assert response.status_code == 401
    assert "X-API-Key" in response.json()["detail_en"]


def test_a_session_call_needs_the_csrf_token(merchant_user):
    # given a browser that checks CSRF as a real one, signed in as a merchant's user
    client = Client(enforce_csrf_checks=True)
    client.force_login(merchant_user)
    # when a page of another site makes it post prices (no CSRF token)
    response = post(client, {"observations": NOVEMBER})
    # then it is refused
    assert response.status_code == 403
    assert stored() == []


BAD_BODIES = [
    ("a price as text", {"price": "27990000"}, "observations.0.price"),
    ("a fractional price", {"price": 27990000.5}, "observations.0.price"),
    ("a zero price", {"price": 0}, "observations.0.price"),
    ("a price over 10 billion", {"price": 10_000_000_001}, "observations.0.price"),
    ("not a time", {"observed_at": "hôm qua"}, "observations.0.observed_at"),
    ("an empty SKU", {"sku": ""}, "observations.0.sku"),
    ("an unknown field", {"currency": "VND"}, "observations.0.currency"),
]


@pytest.mark.parametrize(
    ("case", "change", "loc"), BAD_BODIES, ids=[case for case, *_ in BAD_BODIES]
)
def test_a_wrong_field_is_refused_with_its_path(client, key, merchant, case, change, loc):
    # given a body whose first observation has `case`
    observations = [{**NOVEMBER[0], **change}, NOVEMBER[1]]
    # when it is sent
    response = post(client, {"merchant": merchant.pk, "observations": observations}, **key)
    # then the call is refused naming the place, and nothing is stored
    assert response.status_code == 422
    assert [error["loc"] for error in response.json()["errors"]] == [loc]
    assert stored() == []


def test_more_than_10000_observations_are_refused(client, key, merchant):
    # given 10,001 observations
    start = datetime(2021, 1, 1, tzinfo=VIETNAM)
    observations = [
        {"sku": "S", "observed_at": (start + timedelta(hours=n)).isoformat(), "price": 1000}
        for n in range(10_001)
    ]
    # when they are sent in one call
    response = post(client, {"merchant": merchant.pk, "observations": observations}, **key)
    # then the call is refused, saying the limit
    assert response.status_code == 422
    assert response.json()["errors"][0]["loc"] == "observations"
    assert "10000" in response.json()["errors"][0]["message_en"]
    assert stored() == []


def test_the_history_before_a_start_reads_back_for_a_chart(client, key, merchant, product):
    # given the three November prices recorded
    post(client, {"merchant": merchant.pk, "observations": NOVEMBER}, **key)
    # when a partner asks for the iPhone's prices before a start on 3 December
    query = {"sku": "IP15PM-256", "merchant": merchant.pk, "start": "2021-12-03T00:00:00+07:00"}
    response = client.get(URL, query, **key)
    # then the price immediately before is the raised one, the lowest of 30 days the cut one,
    # and the chart starts at the window's opening
    assert response.status_code == 200, response.content
    assert response.json() == {
        "merchant": merchant.pk,
        "sku": "IP15PM-256",
        "start": "2021-12-03T00:00:00+07:00",
        "window_days": 30,
        "price_before_start": 29_990_000,
        "lowest_price": 25_990_000,
        "observations_in_window": 3,
        "chart": [
            {"at": "2021-11-03T00:00:00+07:00", "price": 27_990_000},
            {"at": "2021-11-10T08:00:00+07:00", "price": 25_990_000},
            {"at": "2021-11-30T20:00:00+07:00", "price": 29_990_000},
        ],
    }


def test_a_merchant_user_reads_its_own_history_and_not_anothers(
    client, merchant_user, merchant, other_merchant, product
):
    # given the iPhone's prices, and a merchant's user signed in
    client.force_login(merchant_user)
    post(client, {"observations": NOVEMBER})
    # when the user reads its history (start in Vietnam time without an offset)
    own = client.get(URL, {"sku": "IP15PM-256", "start": "2021-11-11T00:00:00"})
    other = client.get(URL, {"sku": "IP15PM-256", "merchant": other_merchant.pk})
    # then it reads its own, and another merchant's is refused
    assert own.status_code == 200
    assert (own.json()["price_before_start"], own.json()["lowest_price"]) == (
        25_990_000,
        25_990_000,
    )
    assert other.status_code == 403


def test_reading_the_history_follows_the_same_rules_as_recording(
    client, key, merchant, other_merchant
):
    # given a partner key
    # when it asks without a merchant, for a merchant it does not represent, for an unknown SKU
    missing = client.get(URL, {"sku": "IP15PM-256"}, **key)
    foreign = client.get(URL, {"sku": "IP15PM-256", "merchant": other_merchant.pk}, **key)
    unknown = client.get(URL, {"sku": "KHONG-CO", "merchant": merchant.pk}, **key)
    bad_time = client.get(URL, {"sku": "X", "merchant": merchant.pk, "start": "mai"}, **key)
    # then each is refused with what is wrong
    assert missing.status_code == 422
    assert foreign.status_code == 403
    assert unknown.status_code == 404
    assert unknown.json()["detail_en"] == (
        "This merchant has no product with this SKU: record its prices first."
    )
    assert bad_time.status_code == 422
    assert [error["loc"] for error in bad_time.json()["errors"]] == ["query.start"]
