"""``core.bulk``: many rows written at once, the same on SQLite and PostgreSQL."""

import threading
import zoneinfo
from datetime import UTC, datetime, timedelta

import pytest
from django.db import IntegrityError, connection, transaction

from onlinefriday.core.bulk import (
    SQLITE_MAX_VARIABLES,
    BulkUpsert,
    ReadAhead,
    adapt_moment,
    fetched_rows,
    foreign_keys_checked_at_end,
    written_behind,
)
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


def test_rows_fetched_past_the_orm_hold_what_the_orm_reads(merchant):
    # given prices observed at moments with microseconds, and one given in Vietnam time
    product = Product.objects.create(merchant=merchant, sku="CA-PHE-500G")
    moments = [START + timedelta(days=n, microseconds=n * 7) for n in range(3)]
    moments.append(datetime(1999, 12, 31, 23, 59, tzinfo=zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")))
    for n, moment in enumerate(moments):
        PriceObservation.objects.create(
            product=product, observed_at=moment, price=100_000 + n, source="platform"
        )
    query = product.observations.order_by("observed_at").values_list("id", "observed_at", "price")

    # when they are fetched through the driver's own converters
    fetched = fetched_rows(query)

    # then each row holds the same values (moments naive only on SQLite, in UTC)
    zone = connection.timezone
    made_aware = [
        (id_, at if at.tzinfo else at.replace(tzinfo=zone), price) for id_, at, price in fetched
    ]
    assert made_aware == list(query)
    assert [row[1].tzinfo is not None for row in fetched] == [
        connection.vendor == "postgresql"
    ] * len(moments)


def foreign_keys(table: str) -> list[tuple[str, str, bool]]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conname, pg_get_constraintdef(oid), convalidated FROM pg_constraint "
            "WHERE contype = 'f' AND conrelid = %s::regclass ORDER BY conname",
            [table],
        )
        return cursor.fetchall()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's row locks")
def test_a_bulk_load_writes_without_foreign_keys_and_gets_them_back_checked(merchant):
    # given a product and the keys of the price observations' table
    product = Product.objects.create(merchant=merchant, sku="GAO-ST25")
    keys = foreign_keys("deals_priceobservation")

    # when observations of it are written in a bulk load
    with foreign_keys_checked_at_end(PriceObservation):
        during = foreign_keys("deals_priceobservation")
        price_upsert().run([(product.pk, START, 100_000, ObservationSource.MERCHANT)])

    # then there was no key during the load, and the same keys are back after, checked
    assert keys and during == []
    assert foreign_keys("deals_priceobservation") == keys
    assert product.observations.get().price == 100_000


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's row locks")
@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # commits, as a load does
def test_a_row_referring_to_nothing_fails_the_load_and_its_key_still_holds(merchant):
    # given a bulk load that writes an observation of a product that does not exist
    missing = Product.objects.create(merchant=merchant, sku="GAO-ST25").pk + 1_000
    [(key, definition, _valid)] = foreign_keys("deals_priceobservation")
    try:
        # when the load ends
        with (
            pytest.raises(IntegrityError, match=key),
            foreign_keys_checked_at_end(PriceObservation),
        ):
            price_upsert().run([(missing, START, 100_000, ObservationSource.MERCHANT)])

        # then the error named the key, which is back, unchecked for the rows there only:
        # a new row that refers to nothing is refused
        unchecked = (key, f"{definition} NOT VALID", False)
        assert foreign_keys("deals_priceobservation") == [unchecked]
        with pytest.raises(IntegrityError), transaction.atomic():
            PriceObservation.objects.create(product_id=missing + 1, observed_at=START, price=1)
    finally:
        PriceObservation.objects.filter(product_id=missing).delete()
        with connection.cursor() as cursor:
            cursor.execute(f"ALTER TABLE deals_priceobservation VALIDATE CONSTRAINT {key}")


@pytest.mark.django_db(transaction=True, serialized_rollback=True)  # as a bulk job runs
def test_items_written_behind_are_written_in_order_each_in_a_transaction_of_another_thread(
    merchant,
):
    # given a product, and a write that records where it runs
    product = Product.objects.create(merchant=merchant, sku="GAO-ST25")
    seen = []

    def write(price: int) -> None:
        seen.append((threading.current_thread(), connection.in_atomic_block))
        price_upsert().run([(product.pk, START + timedelta(hours=price), price, "merchant")])

    # when three prices are submitted
    with written_behind(write) as submit:
        for price in (1, 2, 3):
            submit(price)

    # then each was written in order, in a transaction, on a thread other than the caller's
    stored = product.observations.order_by("observed_at").values_list("price", flat=True)
    assert list(stored) == [1, 2, 3]
    assert {atomic for _thread, atomic in seen} == {True}
    assert threading.current_thread() not in {thread for thread, _atomic in seen}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_failed_write_behind_is_raised_and_nothing_submitted_after_it_is_written(merchant):
    # given a product, and a write that fails for the second item (no such product)
    product = Product.objects.create(merchant=merchant, sku="GAO-ST25")
    missing = product.pk + 1_000

    def write(price: int) -> None:
        row_of = missing if price == 2 else product.pk
        price_upsert().run([(row_of, START + timedelta(hours=price), price, "merchant")])

    # when three prices are submitted
    with pytest.raises(IntegrityError), written_behind(write) as submit:
        for price in (1, 2, 3):
            submit(price)

    # then the first was written, the failed one and the one after it were not
    assert list(PriceObservation.objects.values_list("price", flat=True)) == [1]


def test_items_read_ahead_come_in_order_each_taken_on_the_thread_that_asked():
    # given chunks that note the thread taking each
    taken_on = []

    def chunks():
        for number in range(4):
            taken_on.append(threading.current_thread().name)
            yield [number]

    ahead = ReadAhead(chunks())

    # when the caller asks for the next one ahead after the first two, and twice in a row
    got = [next(ahead), next(ahead)]
    ahead.take_next()
    ahead.take_next()
    got += list(ahead)

    # then every chunk comes once, in order; the third was taken on the reading thread
    assert got == [[0], [1], [2], [3]]
    caller = threading.current_thread().name
    assert taken_on == [caller, caller, "read-ahead", caller]


def test_an_error_reading_ahead_is_raised_where_its_item_would_have_come():
    # given a file that fails at its third chunk
    def chunks():
        yield "one"
        yield "two"
        raise ValueError("row 11 cannot be read")

    ahead = ReadAhead(chunks())

    # when each next one is read ahead
    got = []
    with pytest.raises(ValueError, match="row 11"):
        for item in ahead:
            got.append(item)
            ahead.take_next()

    # then the chunks before it came first, and nothing is left running
    assert got == ["one", "two"]
    assert [t.name for t in threading.enumerate() if t.name == "read-ahead"] == []


def test_closing_waits_for_the_item_being_read_ahead():
    # given a chunk that takes a while to read
    release, finished = threading.Event(), []

    def chunks():
        yield 1
        release.wait(5)
        finished.append(2)
        yield 2

    ahead = ReadAhead(chunks())
    next(ahead)
    ahead.take_next()

    # when the reader is closed while the second is being read
    threading.Timer(0.05, release.set).start()
    ahead.close()

    # then it returned only once that read ended
    assert finished == [2]


def test_any_of_finds_exactly_the_values_given_whatever_they_hold(merchant):
    # given SKUs holding what an array's text form quotes or escapes, and one not asked for
    awkward = ['A"B', "C\\D", "E,F", "{G}", "NULL", " H ", "điện-thoại", "", "I'J"]
    for sku in [*awkward, "KHONG-HOI"]:
        Product.objects.create(merchant=merchant, sku=sku)
    ids = list(Product.objects.filter(sku__in=awkward).values_list("id", flat=True))

    # when they are looked up by SKU and by id, as lists of text and of numbers
    by_sku = Product.objects.filter(sku__any_of=awkward).values_list("sku", flat=True)
    by_id = Product.objects.filter(id__any_of=ids).values_list("sku", flat=True)

    # then each is found, and nothing else
    assert sorted(by_sku) == sorted(awkward)
    assert sorted(by_id) == sorted(awkward)
    assert list(Product.objects.filter(sku__any_of=[])) == []
