"""The demo generator on its own: deterministic, realistic, and shaped for the rules to come."""

import re
from collections import Counter
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
from stdnum import ean
from stdnum.vn import mst

from onlinefriday.demo.generator import (
    BLOCK_SIZE,
    PROVINCE_CODES,
    FirstIds,
    Trait,
    generate,
)

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
NOW = datetime(2021, 12, 3, 9, 30, tzinfo=VIETNAM)  # Online Friday 2021, mid-morning
DOMAINS = {
    "shopee": "shopee.vn",
    "tiki": "tiki.vn",
    "lazada": "lazada.vn",
    "sendo": "sendo.vn",
    "voso": "voso.vn",
}
RESTRICTED = {"ruou-bia", "thuoc-la", "thuoc-chua-benh", "sua-thay-the-sua-me"}


def everything(data):
    """All rows of a DemoData, chunks included, as comparable plain values."""
    return (
        data.festival,
        data.flash_slots,
        data.merchants,
        data.shops,
        [tuple(chunk) for chunk in data.chunks()],
    )


@pytest.fixture(scope="module")
def data():
    return generate(seed=2021, deals=3_000, now=NOW)


@pytest.fixture(scope="module")
def rows(data):
    products, deals, observations = [], [], []
    for chunk in data.chunks():
        products += chunk.products
        deals += chunk.deals
        observations += chunk.observations
    history = {}
    for observation in observations:
        history.setdefault(observation.product_id, []).append(observation)
    return products, deals, history


def lowest_in_30_days_before(deal, history):
    window = [
        o.price
        for o in history[deal.product_id]
        if deal.starts_at - timedelta(days=30) <= o.observed_at < deal.starts_at
    ]
    return min(window)


def test_the_same_seed_and_moment_give_identical_data():
    # given / when the demo is generated twice with the same seed and the same now
    first, second = generate(7, 500, NOW), generate(7, 500, NOW)

    # then every row is the same
    assert everything(first) == everything(second)


def test_another_seed_gives_other_data():
    # when
    first, second = generate(7, 500, NOW), generate(8, 500, NOW)

    # then the festival is the same (it follows the clock) but the businesses and deals differ
    assert first.festival == second.festival
    assert first.merchants != second.merchants
    assert everything(first)[4] != everything(second)[4]


def test_large_sizes_stream_in_chunks_with_consecutive_ids():
    # given 25,000 deals whose ids start after rows already in the database
    data = generate(1, 25_000, NOW, first_ids=FirstIds(merchant=11, shop=21, product=31, deal=41))

    # when
    chunks = list(data.chunks())

    # then they come in blocks, and the ids run on from the given ones without gaps
    assert [len(chunk.deals) for chunk in chunks] == [BLOCK_SIZE, BLOCK_SIZE, 5_000]
    deals = [deal for chunk in chunks for deal in chunk.deals]
    assert [d.id for d in deals] == list(range(41, 41 + 25_000))
    assert [d.product_id for d in deals] == list(range(31, 31 + 25_000))
    assert data.merchants[0].id == 11 and data.shops[0].id == 21


@pytest.mark.parametrize(("deals", "merchants"), [(20, 5), (3_000, 10), (1_000_000, 3_333)])
def test_about_one_merchant_per_300_deals_and_at_least_five(deals, merchants):
    # when
    data = generate(1, deals, NOW)

    # then
    assert len(data.merchants) == merchants


def test_enterprise_tax_codes_pass_stdnum_and_households_use_a_personal_id(data):
    # given
    merchants = data.merchants

    # then every tax code is unique; companies and cooperatives have a valid 10-digit MST
    assert len({m.tax_code for m in merchants}) == len(merchants)
    enterprises = [m for m in merchants if m.business_type != "household"]
    assert all(len(m.tax_code) == 10 and mst.is_valid(m.tax_code) for m in enterprises)
    # and households a 12-digit CCCD: province, century/sex digit, birth year, serial
    households = [m for m in merchants if m.business_type == "household"]
    assert households
    for merchant in households:
        assert re.fullmatch(r"\d{12}", merchant.tax_code)
        province, century_sex, year = (
            int(merchant.tax_code[:3]),
            int(merchant.tax_code[3]),
            int(merchant.tax_code[4:6]),
        )
        assert province in PROVINCE_CODES
        assert century_sex in (0, 1, 2, 3)
        birth_year = (1900 if century_sex < 2 else 2000) + year
        assert NOW.year - 70 < birth_year <= NOW.year - 18


def test_merchants_are_approved_vietnamese_businesses_with_reserved_email_domains(data):
    for merchant in data.merchants:
        assert merchant.status == "approved"
        assert merchant.name.startswith(("Công ty", "Hộ kinh doanh", "Hợp tác xã"))
        assert merchant.email.endswith("@demo.example")
        assert merchant.province_code in PROVINCE_CODES


def test_shops_and_deal_links_are_https_on_their_platforms_domain(data, rows):
    # given
    _, deals, _ = rows
    shops = {shop.id: shop for shop in data.shops}

    # then
    assert {shop.platform for shop in shops.values()} == set(DOMAINS)
    for shop in shops.values():
        url = urlsplit(shop.url)
        assert (url.scheme, url.hostname) == ("https", DOMAINS[shop.platform])
    assert len({(s.platform, s.url) for s in shops.values()}) == len(shops)
    for deal in deals:
        url = urlsplit(deal.url)
        assert (url.scheme, url.hostname) == ("https", DOMAINS[shops[deal.shop_id].platform])


def test_a_deal_is_sold_by_a_shop_of_the_merchant_who_owns_the_product(data, rows):
    products, deals, _ = rows
    shop_owner = {shop.id: shop.merchant_id for shop in data.shops}
    for product, deal in zip(products, deals, strict=True):
        assert deal.product_id == product.id
        assert shop_owner[deal.shop_id] == product.merchant_id


def test_every_deal_has_price_history_from_at_least_30_days_before_its_start(rows):
    _, deals, history = rows
    for deal in deals:
        observed = [o.observed_at for o in history[deal.product_id]]
        assert min(observed) <= deal.starts_at - timedelta(days=30)
        assert max(observed) < deal.starts_at
        assert len(observed) >= 6


def test_inflated_deals_declare_more_than_the_lowest_price_of_the_30_days_before(rows):
    # given
    _, deals, history = rows
    inflated = [d for d in deals if d.trait is Trait.INFLATED]

    # then about 8% are inflated, and exactly those declare a 'before' price above the lowest
    assert 0.05 < len(inflated) / len(deals) < 0.11
    for deal in deals:
        declared_above_lowest = deal.price > lowest_in_30_days_before(deal, history)
        assert declared_above_lowest == (deal.trait is Trait.INFLATED), deal


def test_prices_are_whole_thousands_of_dong_and_the_sale_price_is_below_the_price(rows):
    _, deals, history = rows
    for deal in deals:
        assert isinstance(deal.price, int) and isinstance(deal.sale_price, int)
        assert deal.price % 1000 == 0 and deal.sale_price % 1000 == 0
        assert 0 < deal.sale_price < deal.price
        assert deal.sale_price >= deal.price * 0.1 - 1000  # at most 90% off
    assert all(o.price % 1000 == 0 for obs in history.values() for o in obs)


@pytest.mark.parametrize(
    "now",
    [
        datetime(2021, 12, 3, 0, 0, tzinfo=VIETNAM),  # the first instant of the day
        datetime(2021, 12, 3, 23, 59, 59, tzinfo=VIETNAM),  # the last second of the day
        datetime(2021, 12, 2, 17, 30, tzinfo=UTC),  # 00:30 on 3/12 in Vietnam
    ],
)
def test_the_demo_festival_is_live_now_and_lasts_60_hours(now):
    # when
    data = generate(1, 200, now)

    # then the window starts at 00:00 of today in Vietnam and contains now
    festival = data.festival
    assert festival.slug == "demo-live"
    assert festival.starts_at == datetime(2021, 12, 3, tzinfo=VIETNAM)
    assert festival.starts_at <= now < festival.ends_at
    assert festival.ends_at - festival.starts_at == timedelta(hours=60)
    assert festival.promotion_kind == "concentrated"
    assert [slot.name for slot in data.flash_slots] == [
        "Giờ vàng 0h",
        "Giờ vàng 12h",
        "Giờ vàng 20h",
    ]
    for slot in data.flash_slots:
        assert festival.starts_at <= slot.starts_at < slot.ends_at <= festival.ends_at
    for deal in next(data.chunks()).deals:
        assert festival.starts_at <= deal.starts_at < deal.ends_at <= festival.ends_at


def test_the_shares_later_rules_will_look_for_are_there(rows):
    # given
    products, deals, _ = rows
    categories = {p.id: p.category for p in products}

    # then about 3% are goods that may not be promoted, and only those are in their categories
    banned = [d for d in deals if d.trait is Trait.BANNED]
    assert 0.015 < len(banned) / len(deals) < 0.045
    assert all((categories[d.product_id] in RESTRICTED) == (d.trait is Trait.BANNED) for d in deals)
    # about 35% are Vietnamese goods, a few have no origin, a few are not declared genuine
    vietnamese = [p for p in products if p.made_in_vietnam]
    assert 0.3 < len(vietnamese) / len(products) < 0.4
    assert all(p.origin_country == "VN" for p in vietnamese)
    assert 0 < sum(p.origin_country == "" for p in products) < 0.05 * len(products)
    assert 0 < sum(not d.genuine_declared for d in deals) < 0.08 * len(deals)
    # and every origin given is an ISO 3166 alpha-2 code
    assert all(re.fullmatch(r"[A-Z]{2}", p.origin_country) for p in products if p.origin_country)
    assert len(Counter(p.category for p in products)) == 20


def test_products_have_vietnamese_titles_and_valid_barcodes(rows):
    products, _, _ = rows
    assert any(p.title.startswith("Điện thoại Samsung Galaxy") for p in products)
    assert all(ean.is_valid(p.gtin) for p in products if p.gtin)
    assert len({p.sku for p in products}) == len(products)


def test_now_without_a_time_zone_is_refused():
    with pytest.raises(ValueError, match="timezone-aware"):
        generate(1, 10, datetime(2021, 12, 3, 9, 30))
