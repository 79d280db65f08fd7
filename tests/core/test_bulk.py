"""``core.bulk``: many rows written at once, the same on SQLite and PostgreSQL."""

from datetime import UTC, datetime, timedelta

from onlinefriday.core.bulk import SQLITE_MAX_VARIABLES, BulkUpsert
from onlinefriday.deals.models import ObservationSource, PriceObservation, Product

START = datetime(2026, 11, 1, tzinfo=UTC)


def test_more_rows_than_one_statement_binds_are_all_written(merchant):
    # given more observations than one SQLite statement may carry (four values a row)
    product = Product.objects.create(merchant=merchant, sku="GAO-ST25")
    count = SQLITE_MAX_VARIABLES // 4 * 2 + 7
    rows = [
        (product.pk, START + timedelta(minutes=n), 100_000 + n, ObservationSource.MERCHANT)
        for n in range(count)
    ]
    # when they are written
    writer = BulkUpsert(PriceObservation, ["product", "observed_at", "price", "source"])
    written = writer.run(rows)
    # then every one is there, the last as sent
    assert written == count
    assert product.observations.count() == count
    last = product.observations.get(observed_at=START + timedelta(minutes=count - 1))
    assert last.price == 100_000 + count - 1


def test_a_conflict_updates_the_row_there_and_leaves_the_others(merchant):
    # given a product's price at a moment, stored
    product = Product.objects.create(merchant=merchant, sku="GAO-ST25")
    writer = BulkUpsert(
        PriceObservation,
        ["product", "observed_at", "price", "source"],
        unique_fields=["product", "observed_at", "source"],
        update_fields=["price"],
    )
    writer.run([(product.pk, START, 100_000, ObservationSource.MERCHANT)])
    # when the same moment comes again with another price, beside a new moment
    writer.run(
        [
            (product.pk, START, 95_000, ObservationSource.MERCHANT),
            (product.pk, START + timedelta(days=1), 90_000, ObservationSource.MERCHANT),
        ]
    )
    # then the price is corrected, and nothing is duplicated
    prices = list(product.observations.order_by("observed_at").values_list("price", flat=True))
    assert prices == [95_000, 90_000]
