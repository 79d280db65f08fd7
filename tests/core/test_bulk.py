"""``core.bulk``: many rows written at once, the same on SQLite and PostgreSQL."""

import zoneinfo
from datetime import UTC, datetime, timedelta

from django.db import connection

from onlinefriday.core.bulk import SQLITE_MAX_VARIABLES, BulkUpsert, adapt_moment
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


def price_upsert() -> BulkUpsert:
    """Prices by (product, moment, source), the price updated when it comes again."""
    return BulkUpsert(
        PriceObservation,
        ["product", "observed_at", "price", "source"],
        unique_fields=["product", "observed_at", "source"],
        update_fields=["price"],
    )


def test_a_conflict_updates_the_row_there_and_leaves_the_others(merchant):
    # given a product's price at a moment, stored
    product = Product.objects.create(merchant=merchant, sku="GAO-ST25")
    writer = price_upsert()
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


def rewrites(action) -> bool:
    """Whether ``action`` wrote the one price observation again, as the database tells: on
    PostgreSQL a new version of a row lies elsewhere (``ctid``), SQLite counts its changes."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT ctid::text FROM deals_priceobservation")
            before = cursor.fetchone()
            action()
            cursor.execute("SELECT ctid::text FROM deals_priceobservation")
            return cursor.fetchone() != before
    before = connection.connection.total_changes
    action()
    return connection.connection.total_changes != before


def test_a_row_sent_again_unchanged_is_left_as_it_is(merchant):
    # given a product's price at a moment, stored
    product = Product.objects.create(merchant=merchant, sku="GAO-ST25")
    writer = price_upsert()
    row = (product.pk, START, 100_000, ObservationSource.MERCHANT)
    writer.run([row])

    # when it is sent again as it is, then with another price
    unchanged = rewrites(lambda: writer.run([row]))
    changed = rewrites(lambda: writer.run([(*row[:2], 95_000, row[3])]))

    # then the database writes nothing the first time, the row the second
    assert (unchanged, changed) == (False, True)
    assert product.observations.get().price == 95_000


def test_moments_in_any_time_zone_are_stored_as_the_same_instants(merchant):
    # given moments in Vietnam time, in UTC, and with microseconds
    product = Product.objects.create(merchant=merchant, sku="GAO-ST25")
    vietnam = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
    moments = [
        datetime(2026, 12, 3, 0, 0, tzinfo=vietnam),
        START,
        START + timedelta(microseconds=250_001),
    ]

    # when they are written, adapted by the writer, and adapted by the caller
    writer = BulkUpsert(PriceObservation, ["product", "observed_at", "price", "source"])
    writer.run([(product.pk, moments[0], 1, ObservationSource.MERCHANT)])
    adapted = BulkUpsert(
        PriceObservation, ["product", "observed_at", "price", "source"], moments_adapted=True
    )
    adapted.run([(product.pk, adapt_moment(m), 2, ObservationSource.MERCHANT) for m in moments[1:]])

    # then each reads back as the instant it was
    stored = product.observations.order_by("price", "observed_at").values_list("observed_at")
    assert [moment for (moment,) in stored] == moments
