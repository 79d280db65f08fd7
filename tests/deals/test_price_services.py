"""Recording observed prices: sending the same observations again changes nothing, a new price
for the same moment corrects it, unknown SKUs become products; and what the history then says
about the price before a start."""

from datetime import UTC, datetime, timedelta
from typing import NamedTuple
from zoneinfo import ZoneInfo

import pytest

from onlinefriday.compliance.history import PricePoint
from onlinefriday.deals.models import ObservationSource, PriceObservation, Product
from onlinefriday.deals.selectors import price_before_start
from onlinefriday.deals.services import RecordedPrices, record_price_observations

pytestmark = pytest.mark.django_db

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
MERCHANT, PLATFORM = ObservationSource.MERCHANT, ObservationSource.PLATFORM


class Seen(NamedTuple):
    sku: str
    observed_at: datetime
    price: int


def day(number: int, hour: int = 8) -> datetime:
    """A moment in November 2021, Vietnam time."""
    return datetime(2021, 11, number, hour, tzinfo=VIETNAM)


def stored(product_sku: str) -> list[tuple]:
    return list(
        PriceObservation.objects.filter(product__sku=product_sku)
        .order_by("observed_at", "source")
        .values_list("observed_at", "price", "source")
    )


IPHONE_NOVEMBER = [
    Seen("IP15PM-256", day(1), 26_990_000),
    Seen("IP15PM-256", day(15), 25_990_000),
    Seen("ST25-5KG", day(1), 189_000),
]


def test_a_first_upload_creates_the_prices_and_the_unknown_products(merchant, product):
    # given the merchant's iPhone product, and a rice SKU it has no product for
    # when three prices are recorded
    result = record_price_observations(merchant=merchant, rows=IPHONE_NOVEMBER, source=MERCHANT)
    # then all three are new, and the rice became a product without a title
    assert result == RecordedPrices(created=3, updated=0, unchanged=0, products_created=1)
    rice = Product.objects.get(merchant=merchant, sku="ST25-5KG")
    assert rice.title == ""
    assert Product.objects.filter(merchant=merchant).count() == 2
    assert stored("IP15PM-256") == [
        (day(1), 26_990_000, "merchant"),
        (day(15), 25_990_000, "merchant"),
    ]


def test_sending_the_same_observations_again_changes_nothing(merchant, product):
    # given three prices recorded once
    record_price_observations(merchant=merchant, rows=IPHONE_NOVEMBER, source=MERCHANT)
    before = list(PriceObservation.objects.order_by("pk").values_list("pk", "observed_at", "price"))
    # when the same three are sent again
    result = record_price_observations(merchant=merchant, rows=IPHONE_NOVEMBER, source=MERCHANT)
    # then nothing is created or changed, and no product is added
    assert result == RecordedPrices(created=0, updated=0, unchanged=3, products_created=0)
    after = list(PriceObservation.objects.order_by("pk").values_list("pk", "observed_at", "price"))
    assert after == before
    assert Product.objects.filter(merchant=merchant).count() == 2


def test_a_new_price_for_the_same_moment_corrects_it(merchant, product):
    # given three prices recorded
    record_price_observations(merchant=merchant, rows=IPHONE_NOVEMBER, source=MERCHANT)
    # when the 15 November price is sent again as 25,490,000, with one new price for the 20th
    rows = [
        Seen("IP15PM-256", day(15), 25_490_000),
        Seen("IP15PM-256", day(20), 25_990_000),
        Seen("ST25-5KG", day(1), 189_000),
    ]
    result = record_price_observations(merchant=merchant, rows=rows, source=MERCHANT)
    # then one is updated, one created, one unchanged
    assert result == RecordedPrices(created=1, updated=1, unchanged=1, products_created=0)
    assert stored("IP15PM-256") == [
        (day(1), 26_990_000, "merchant"),
        (day(15), 25_490_000, "merchant"),
        (day(20), 25_990_000, "merchant"),
    ]


def test_the_same_moment_written_with_another_offset_is_the_same_observation(merchant, product):
    # given the price of 1 November at 08:00 Vietnam time
    record_price_observations(merchant=merchant, rows=IPHONE_NOVEMBER[:1], source=MERCHANT)
    # when it comes again as 01:00 UTC, the same instant
    utc = Seen("IP15PM-256", datetime(2021, 11, 1, 1, 0, tzinfo=UTC), 26_990_000)
    result = record_price_observations(merchant=merchant, rows=[utc], source=MERCHANT)
    # then it is the same observation
    assert result.unchanged == 1
    assert len(stored("IP15PM-256")) == 1


def test_rows_repeated_in_one_batch_count_as_if_sent_one_by_one(merchant, product):
    # given a batch with one moment three times: 100,000, again 100,000, then 90,000
    rows = [Seen("IP15PM-256", day(3), price) for price in (100_000, 100_000, 90_000)]
    # when it is recorded
    result = record_price_observations(merchant=merchant, rows=rows, source=MERCHANT)
    # then it counts one creation, one repeat and one correction, and the last price stays
    assert result == RecordedPrices(created=1, updated=1, unchanged=1, products_created=0)
    assert stored("IP15PM-256") == [(day(3), 90_000, "merchant")]


def test_the_platform_and_the_merchant_may_each_report_a_price_for_one_moment(merchant, product):
    # given the merchant's declared price for 1 November
    record_price_observations(merchant=merchant, rows=IPHONE_NOVEMBER[:1], source=MERCHANT)
    # when the platform reports another price for the same moment
    seen = [Seen("IP15PM-256", day(1), 27_490_000)]
    result = record_price_observations(merchant=merchant, rows=seen, source=PLATFORM)
    # then both are kept, each with its source
    assert result.created == 1
    assert stored("IP15PM-256") == [
        (day(1), 26_990_000, "merchant"),
        (day(1), 27_490_000, "platform"),
    ]


def test_another_merchant_with_the_same_sku_is_left_alone(merchant, other_merchant, product):
    # given another merchant that sells under the same SKU
    record_price_observations(merchant=other_merchant, rows=IPHONE_NOVEMBER[:1], source=MERCHANT)
    # when the first merchant records prices
    result = record_price_observations(merchant=merchant, rows=IPHONE_NOVEMBER, source=MERCHANT)
    # then its own product gets them, and the other merchant's product keeps its one price
    assert result.created == 3
    assert product.observations.count() == 2
    other = Product.objects.get(merchant=other_merchant, sku="IP15PM-256")
    assert other.observations.count() == 1


def test_nothing_to_record_writes_nothing(merchant, django_assert_num_queries):
    # given no rows (every row of a file had an error)
    # when they are recorded
    with django_assert_num_queries(0):
        result = record_price_observations(merchant=merchant, rows=[], source=MERCHANT)
    # then nothing happened
    assert result == RecordedPrices(created=0, updated=0, unchanged=0, products_created=0)


def test_a_large_batch_takes_a_few_bulk_queries(merchant, django_assert_max_num_queries):
    # given 1,200 prices of 600 new products (two moments each)
    rows = [
        Seen(f"SKU-{n:04d}", day(1 + moment), 100_000 + n)
        for n in range(600)
        for moment in range(2)
    ]
    # when they are recorded
    with django_assert_max_num_queries(20):
        result = record_price_observations(merchant=merchant, rows=rows, source=MERCHANT)
    # then all were written in bulk, not one query per row
    assert result == RecordedPrices(created=1200, updated=0, unchanged=0, products_created=600)
    assert PriceObservation.objects.count() == 1200


def test_the_history_gives_the_price_before_the_start_the_lowest_of_30_days_and_a_chart(
    merchant, product
):
    # given an iPhone at 27,990,000 since 20 October, cut to 25,990,000 on 10 November, raised to
    # 29,990,000 on 30 November; and a price seen after the start, on 3 December
    start = datetime(2021, 12, 3, 0, 0, tzinfo=VIETNAM)
    rows = [
        Seen("IP15PM-256", day(1) - timedelta(days=12), 27_990_000),  # 20 October
        Seen("IP15PM-256", day(10), 25_990_000),
        Seen("IP15PM-256", day(30), 29_990_000),
        Seen("IP15PM-256", start + timedelta(hours=1), 20_990_000),
    ]
    record_price_observations(merchant=merchant, rows=rows, source=MERCHANT)
    # when the history is read for a deal starting on 3 December
    prices = price_before_start(product, start)
    # then the price immediately before is the raised one, the lowest of the 30 days the cut one
    assert prices.price_before_start == 29_990_000
    assert prices.lowest == 25_990_000
    assert prices.observations == 3  # the one in force on 3 November, and the two changes
    # and the chart starts at the window's opening, the later price left out
    opening = start - timedelta(days=30)
    assert prices.chart == [
        PricePoint(opening, 27_990_000),
        PricePoint(day(10), 25_990_000),
        PricePoint(day(30), 29_990_000),
    ]
