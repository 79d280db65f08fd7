"""GET /api/v1/deals: the published deals shoppers see, searched and paged, open to anyone."""

from datetime import timedelta

import pytest
from django.utils import timezone

from onlinefriday.deals.models import Product
from onlinefriday.merchants.models import Platform
from onlinefriday.tracking.models import DealClicks

URL = "/api/v1/deals"


@pytest.fixture
def phone(deal_factory, platform):
    """The iPhone at 24,000,000 VND, 34,000,000 before (29% off), three prices seen before it,
    declared genuine, on Shopee."""
    history = [(20, 34_000_000), (10, 33_500_000), (2, 34_000_000)]
    return deal_factory(status="accepted", history=history, platform=platform)


def test_a_search_without_marks_lists_the_deal_with_its_prices_badges_and_link(client, phone):
    # when anyone, signed out, searches the title without marks
    response = client.get(URL, {"q": "dien thoai iphone"})

    # then the deal is listed with what a shopper needs to choose it
    assert response.status_code == 200
    body = response.json()
    assert (body["total"], body["page"], body["pages"], body["per_page"]) == (1, 1, 1, 24)
    [item] = body["items"]
    assert item == {
        "id": phone.pk,
        "title": "Điện thoại Apple iPhone 15 Pro Max 256GB",
        "price": 34_000_000,
        "sale_price": 24_000_000,
        "discount_percent": 29,
        "platform": "shopee",
        "merchant": "Công ty TNHH Thương mại Hoàng Phát",
        "badges": ["price_history_verified", "genuine_declared"],
        "url": item["url"],
    }
    assert item["url"].startswith(f"http://testserver/go/{phone.pk}-")


def test_filters_and_sort(client, phone, deal_factory, merchant, category):
    tiki = Platform.objects.get(code="tiki")
    vietnamese = Product.objects.create(
        merchant=merchant, sku="VSJ4", title="Điện thoại Vsmart Joy 4", category=category,
        made_in_vietnam=True,
    )  # fmt: skip
    deal_factory(
        product=vietnamese, status="accepted", platform=tiki, featured=True, price=3_000_000,
        sale_price=1_500_000,
    )  # fmt: skip

    def ids(**params) -> list[str]:
        return [item["title"] for item in client.get(URL, params).json()["items"]]

    assert ids(q="dien thoai", sort="discount") == [
        "Điện thoại Vsmart Joy 4",
        "Điện thoại Apple iPhone 15 Pro Max 256GB",
    ]
    assert ids(q="dien thoai", platform="tiki") == ["Điện thoại Vsmart Joy 4"]
    assert ids(made_in_vietnam="true") == ["Điện thoại Vsmart Joy 4"]
    assert ids(featured="false") == ["Điện thoại Apple iPhone 15 Pro Max 256GB"]
    assert ids(min_discount=30) == ["Điện thoại Vsmart Joy 4"]
    assert ids(category="dien-thoai-may-tinh-bang", sort="price")[0] == "Điện thoại Vsmart Joy 4"


def test_a_deal_out_of_its_window_is_not_listed(client, deal_factory, festival_factory):
    later = festival_factory(starts_in=timedelta(days=1), slug="sap-toi-2030")
    deal_factory(festival=later, status="accepted")

    assert client.get(URL).json()["items"] == []


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("params", "loc"),
    [
        ({"page": "0"}, "query.page"),
        ({"sort": "cheapest"}, "query.sort"),
        ({"min_discount": "half"}, "query.min_discount"),
        ({"made_in_vietnam": "maybe"}, "query.made_in_vietnam"),
        ({"category": "dien-thoai"}, "query.category"),
        ({"platform": "amazon"}, "query.platform"),
    ],
)
def test_a_bad_parameter_is_refused_with_its_place_in_both_languages(client, params, loc):
    response = client.get(URL, params)

    assert response.status_code == 422
    body = response.json()
    assert [error["loc"] for error in body["errors"]] == [loc]
    assert body["detail"].startswith(loc) and body["detail_en"].startswith(loc)


@pytest.mark.django_db
def test_the_unknown_category_answer_lists_the_known_ones(client):
    body = client.get(URL, {"category": "dien-thoai"}).json()

    assert body["detail_en"].startswith("query.category: There is no such category.")
    assert "dien-thoai-may-tinh-bang" in body["detail_en"]


@pytest.mark.django_db
def test_calls_are_rate_limited_per_address(client, settings):
    settings.API_RATE_LIMIT = "2/min"

    answers = [client.get(URL).status_code for _ in range(3)]

    assert answers == [200, 200, 429]


def test_a_deal_leaves_the_list_at_its_end_time_exactly(client, phone, monkeypatch):
    # given the phone's deal, asked for a second before its end
    end = phone.ends_at
    monkeypatch.setattr(timezone, "now", lambda: end - timedelta(seconds=1))
    before = client.get(URL).json()["items"]
    # when the clock reaches its end time
    monkeypatch.setattr(timezone, "now", lambda: end)
    at_end = client.get(URL).json()["items"]
    # then it was listed, and is not any more
    assert [item["id"] for item in before] == [phone.pk]
    assert at_end == []


def test_every_badge_and_the_click_out_link(client, phone, deal_factory, merchant, category):
    # given a featured Vietnamese phone with no price seen before its start, declared genuine
    vietnamese = Product.objects.create(
        merchant=merchant, sku="VSJ4", title="Điện thoại Vsmart Joy 4", category=category,
        made_in_vietnam=True,
    )  # fmt: skip
    deal_factory(product=vietnamese, status="accepted", featured=True)
    # when anyone lists the deals
    items = {item["title"]: item for item in client.get(URL, {"sort": "newest"}).json()["items"]}
    # then each carries the badges its evidence earns
    assert items["Điện thoại Vsmart Joy 4"]["badges"] == [
        "genuine_declared",
        "made_in_vietnam",
        "featured",
    ]
    # and its url is our click-out link, which leads to the deal's page on its platform
    phone_item = items["Điện thoại Apple iPhone 15 Pro Max 256GB"]
    answer = client.get(phone_item["url"].removeprefix("http://testserver"))
    assert answer.status_code == 302
    assert answer["Location"].startswith(f"{phone.url}?utm_source=onlinefriday&utm_medium=deal")


def test_pages_and_the_most_clicked_first(client, deal_factory, merchant, category):
    # given 30 published deals, the 7th the most clicked
    deals = [
        deal_factory(
            status="accepted",
            product=Product.objects.create(
                merchant=merchant, sku=f"SP-{number}", title=f"Sản phẩm {number}", category=category
            ),
        )
        for number in range(30)
    ]
    DealClicks.objects.create(deal=deals[6], clicks=40)
    # when a partner reads the second page, and the first by clicks
    second = client.get(URL, {"page": 2}).json()
    by_clicks = client.get(URL, {"sort": "clicks"}).json()
    # then the second page holds the six left, and the most clicked comes first
    assert (second["page"], second["pages"], second["total"], len(second["items"])) == (2, 2, 30, 6)
    assert by_clicks["items"][0]["id"] == deals[6].pk


@pytest.mark.parametrize(
    ("history", "verified"),
    [
        ([(20, 34_000_000), (10, 33_500_000), (2, 34_000_000)], True),
        # the price in force 40 days before still applied when the 30 days opened: it counts
        ([(40, 34_000_000), (10, 33_500_000), (2, 34_000_000)], True),
        ([(10, 33_500_000), (2, 34_000_000)], False),
    ],
    ids=["three-in-the-month", "one-in-force-at-the-opening", "two-only"],
)
def test_the_api_and_the_deal_page_agree_on_the_verified_history(
    client, deal_factory, history, verified
):
    # given a deal with this history (the festival asks for three prices)
    deal = deal_factory(status="accepted", history=history)
    # when a partner lists it and a shopper opens its page
    [item] = client.get(URL).json()["items"]
    page = client.get(f"/uu-dai/{deal.pk}/").content.decode()
    # then both show the badge, or neither
    assert ("price_history_verified" in item["badges"]) is verified
    assert ('class="badge badge--verified"' in page) is verified
