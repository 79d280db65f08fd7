"""Thousands of rows into one table from plain tuples: multi-row ``INSERT`` on SQLite, ``COPY``
on PostgreSQL.

``bulk_create`` spends most of its time on thousands of rows building a model instance per row
and preparing each value through its field; an intake chunk of a thousand deals took longer to
write that way than to parse and judge (docs/benchmarks.md). Here the statements are built once
per model from its ``_meta`` and rows go straight to the driver. ``INSERT ... ON CONFLICT`` is
the same on SQLite (3.24+) and PostgreSQL.
"""

import gc
import json
import queue
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import connection, models, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import NOT_PROVIDED
from psycopg.types.datetime import TimestamptzLoader

SQLITE_MAX_VARIABLES = 32_766  # parameters a statement may bind (SQLite 3.32 and later)


@dataclass(frozen=True)
class ComputedColumn:
    """A column of a model's table that the model does not declare, computed from some of its
    fields for each row written here (``compute(*values)``). Another app keeps it for its own
    use, and the writers need not know: the search index's terms of a product on PostgreSQL,
    which Python computes in a tenth of the time SQL takes (docs/benchmarks.md)."""

    column: str
    sources: tuple[str, ...]
    compute: Callable[..., object]


COMPUTED_COLUMNS: dict[type[models.Model], ComputedColumn] = {}


def compute_column(model: type[models.Model], column: ComputedColumn) -> None:
    """Have every ``BulkUpsert`` of ``model`` that writes all of ``column.sources`` write
    ``column`` too (and update it with them); other writers leave it to the database."""
    COMPUTED_COLUMNS[model] = column


@contextmanager
def loaded_objects_frozen() -> Iterator[None]:
    """Keep the garbage collector's full passes off the objects the process held before a bulk
    job (Django, the app, the worker): a chunk allocates a lot, and each full pass walked them
    all again (an import runs 10 to 20% faster without it, docs/benchmarks.md). They go back to
    the collector afterwards: nothing is kept alive by this."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


@contextmanager
def database_not_mapped() -> Iterator[None]:
    """On SQLite, read the database by read() during a bulk job, not through mapped memory
    (``settings.SQLITE_MMAP_BYTES``, for the pages shoppers read): the job writes far more than
    it reads, and every mapped page it touched would count as its memory, which a million-row
    import must keep under 300 MB (docs/benchmarks.md). The setting is the connection's, and
    comes back after."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA mmap_size=0")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA mmap_size={int(settings.SQLITE_MMAP_BYTES)}")


@contextmanager
def pending_checks_run(on: BaseDatabaseWrapper = connection) -> Iterator[None]:
    """In an outer transaction (tests) on PostgreSQL, run the foreign-key checks pending, and
    each new one at once, until the end, then defer them again (Django's default): PostgreSQL
    refuses to alter or index a table with checks pending. After an error the transaction is
    void, and its error is the one raised."""
    checks = on.vendor == "postgresql" and on.in_atomic_block
    if checks:
        with on.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    yield
    if checks:
        with on.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


@contextmanager
def foreign_keys_checked_at_end(*tables: type[models.Model]) -> Iterator[None]:
    """On PostgreSQL, drop the foreign keys of the models' tables for a bulk load and add them
    back after, which checks the rows in one join per key: checked row by row at each
    commit, a key locks the row it refers to (``FOR KEY SHARE``), and the demo's 9 million
    price observations locked their products 9 million times (docs/benchmarks.md). The keys
    come back even after a failure; one that a row breaks is left unchecked for the rows there
    (``NOT VALID``), and its error, naming it, is raised. Other writers of these tables must
    wait for the end."""
    if connection.vendor != "postgresql":
        yield
        return
    names = [model._meta.db_table for model in tables]
    quote = connection.ops.quote_name  # a table comes as ``regclass`` writes it: quoted if need be
    with pending_checks_run(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) "
            "FROM pg_constraint WHERE contype = 'f' AND conrelid = ANY(%s::regclass[]) "
            "ORDER BY conrelid::regclass::text, conname",
            [names],
        )
        keys = cursor.fetchall()
        for table, name, _definition in keys:
            cursor.execute(f"ALTER TABLE {table} DROP CONSTRAINT {quote(name)}")
    try:
        yield
    finally:
        with pending_checks_run(), connection.cursor() as cursor:
            # Every key first, so that each holds for new rows whatever the checks find.
            for table, name, definition in keys:
                cursor.execute(
                    f"ALTER TABLE {table} ADD CONSTRAINT {quote(name)} {definition} NOT VALID"
                )
            for table, name, _definition in keys:
                cursor.execute(f"ALTER TABLE {table} VALIDATE CONSTRAINT {quote(name)}")


_END = object()  # no more items: to write (written_behind), or to read (ReadAhead)


@contextmanager
def written_behind(write: Callable[[Any], None]) -> Iterator[Callable[[Any], None]]:
    """Give ``submit``: it hands an item to ``write``, called on a thread of its own in a
    transaction of that thread's connection, while the caller goes on building the next item.
    The database writes one chunk while Python builds the next, where they took turns
    (docs/benchmarks.md). Items are written one at a time, in the order submitted; ``submit``
    waits while one is still waiting. The first error a write raises comes back to the caller,
    from ``submit`` or at the end, and nothing submitted after it is written. Inside a
    transaction (a test's) each item is written at once, in it: another connection would not
    see what that transaction holds."""
    if connection.in_atomic_block:

        def write_now(item: Any) -> None:
            with transaction.atomic():
                write(item)

        yield write_now
        return
    items: queue.Queue = queue.Queue(maxsize=1)
    failed: list[BaseException] = []

    def writer() -> None:
        ended = False
        try:
            with database_not_mapped():  # this connection is a bulk job's too
                while (item := items.get()) is not _END:
                    if failed:
                        continue  # still taken off the queue: ``submit`` never waits forever
                    try:
                        with transaction.atomic():
                            write(item)
                    except BaseException as error:  # handed to the caller, who raises it
                        failed.append(error)
                ended = True
        except BaseException as error:  # the connection could not be set up or given back
            failed.append(error)
        finally:
            while not ended and items.get() is not _END:
                pass
            connection.close()

    thread = threading.Thread(target=writer, name="written-behind")
    thread.start()

    def submit(item: Any) -> None:
        if failed:
            raise failed[0]
        items.put(item)

    try:
        yield submit
    finally:
        items.put(_END)
        thread.join()
    if failed:
        raise failed[0]


class ReadAhead(Iterator):
    """The items of ``items``, the next one taken on a thread of its own once ``take_next`` is
    called: a bulk job calls it just before a wait on the database server (its chunk's commit),
    and reads its next chunk meanwhile, where reading and the server took turns
    (docs/benchmarks.md). Only then: a reading thread running beside the job's own Python, or
    beside its many round trips, took the interpreter's lock from it, and gained nothing. Items
    come in order; an error taking one is raised where that item would have come. One thread
    at a time touches ``items``; ``close`` waits for the one taking an item, if any."""

    def __init__(self, items: Iterator):
        self._items = items
        self._thread: threading.Thread | None = None
        self._taken: tuple[bool, Any] | None = None  # (taken, the item or what was raised)

    def take_next(self) -> None:
        if self._thread is None and self._taken is None:
            self._thread = threading.Thread(target=self._take, name="read-ahead", daemon=True)
            self._thread.start()

    def _take(self) -> None:
        try:
            self._taken = (True, next(self._items, _END))
        except BaseException as error:  # raised to the caller, where the item would have come
            self._taken = (False, error)

    def __next__(self):
        self.close()
        if self._taken is None:
            return next(self._items)
        (taken, item), self._taken = self._taken, None
        if not taken:
            raise item
        if item is _END:
            raise StopIteration
        return item

    def close(self) -> None:
        if self._thread is not None:
            self._thread.join()
            self._thread = None


def fetched_rows(values: models.QuerySet) -> list[tuple]:
    """The rows of a ``values_list`` query as the driver reads them, without the ORM's
    converters: for the thousands of rows of a chunk's stored prices those took most of the
    read. On PostgreSQL moments are read by psycopg's own loader (in C, aware, in the session's
    UTC), not Django's (in Python, 4 µs a moment: 1.8 s for 400,000, against 0.3 s;
    docs/benchmarks.md). SQLite's driver gives them naive, in UTC: the caller makes them aware.
    Only for columns the driver reads as the ORM would (numbers, text, moments)."""
    sql, params = values.query.sql_with_params()
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.cursor.adapters.register_loader("timestamptz", TimestamptzLoader)
        cursor.execute(sql, params)
        return cursor.fetchall()


def adapt_moment(moment):
    """A moment as the rows given to ``BulkUpsert`` carry it adapted: ISO 8601 text on
    PostgreSQL, where psycopg formats a datetime for COPY at three times the cost of sending
    the text (docs/benchmarks.md), and as Django stores it on SQLite (UTC text without an
    offset)."""
    if connection.vendor == "postgresql" and moment is not None:
        return moment.isoformat()
    return connection.ops.adapt_datetimefield_value(moment)


@models.Field.register_lookup
class AnyOf(models.Lookup):
    """``field__any_of=values``: ``IN`` with the values bound as one parameter (an array on
    PostgreSQL, a JSON list on SQLite). Django prepares ``__in``'s thousands of values one by
    one, a tenth of an import's time (docs/benchmarks.md); the rows read are the same."""

    lookup_name = "any_of"
    prepare_rhs = False

    def as_sql(self, compiler, connection):
        # ``lhs`` is the column as Django compiles it; the values are bound, never in the SQL.
        lhs, lhs_params = self.process_lhs(compiler, connection)
        values = list(self.rhs)
        if connection.vendor == "postgresql":
            if all(type(value) in (int, str) for value in values):
                of = self.lhs.output_field.db_type(connection)  # a model's, never input
                return f"{lhs} = ANY(%s::{of}[])", (*lhs_params, array_text(values))
            return f"{lhs} = ANY(%s)", (*lhs_params, values)
        sql = f"{lhs} IN (SELECT value FROM json_each(%s))"  # noqa: S608
        return sql, (*lhs_params, json.dumps(values))


def array_text(values: Sequence[int | str]) -> str:
    """PostgreSQL's text form of an array of numbers or text ('{1,2}', '{"a","b"}'): built in
    one pass here, where psycopg dumps a list element by element in Python, at three times the
    cost (4 ms for 5,000 SKUs against 1.7; an import binds nine such lists a chunk)."""
    return (
        "{"
        + ",".join(
            str(value)
            if type(value) is int
            else '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
            for value in values
        )
        + "}"
    )


class BulkUpsert:
    """``INSERT INTO <table> (<fields>) VALUES (...)`` for one model, with an optional conflict
    clause: ``unique_fields`` with ``update_fields`` updates the row already there where one of
    them differs, with none leaves it as it is.

    Rows carry the named fields in order (a foreign key as its id). A ``ComputedColumn`` of the
    model is added to each row when the row holds its sources; a column not named gets its
    database default, or the field's default; ``DateTimeField`` values are adapted for the
    database (``adapt_moment``), unless ``moments_adapted`` says the rows carry them adapted
    already: a caller writing millions of rows adapts each distinct moment once while it
    builds them, and saves a pass over every row here.
    """

    def __init__(
        self,
        model: type[models.Model],
        fields: Sequence[str],
        *,
        unique_fields: Sequence[str] = (),
        update_fields: Sequence[str] = (),
        moments_adapted: bool = False,
    ):
        meta = model._meta
        given = [meta.get_field(name) for name in fields]
        rest = [
            field
            for field in meta.concrete_fields
            if field.name not in fields
            and not field.primary_key
            and field.db_default is NOT_PROVIDED
        ]
        self.defaults = tuple(f.get_db_prep_save(f.get_default(), connection) for f in rest)
        computed = COMPUTED_COLUMNS.get(model)
        self.computed = None
        if computed and set(computed.sources) <= set(fields):
            sources = [list(fields).index(name) for name in computed.sources]
            self.computed = (computed.compute, sources)
        self.moments = [
            index
            for index, field in enumerate(given)
            if isinstance(field, models.DateTimeField) and not moments_adapted
        ]
        quote = connection.ops.quote_name
        column = {field.name: quote(field.column) for field in meta.concrete_fields}
        extra = [quote(computed.column)] if self.computed else []
        columns = ", ".join(
            [*(quote(f.column) for f in given), *extra, *(quote(f.column) for f in rest)]
        )
        table = quote(meta.db_table)
        conflict = ""
        if unique_fields:
            target = ", ".join(column[name] for name in unique_fields)
            if update_fields:
                updated = [column[name] for name in update_fields]
                if self.computed and set(computed.sources) & set(update_fields):
                    updated += extra
                changes = ", ".join(f"{name} = EXCLUDED.{name}" for name in updated)
                # A row sent again unchanged stays as it is: no new version of it, no index
                # entries, no triggers (an import mostly sends products that are there already).
                differs = "IS DISTINCT FROM" if connection.vendor == "postgresql" else "IS NOT"
                changed = " OR ".join(
                    f"{table}.{column[name]} {differs} EXCLUDED.{column[name]}"
                    for name in update_fields
                )
                conflict = f" ON CONFLICT ({target}) DO UPDATE SET {changes} WHERE {changed}"
            else:
                conflict = f" ON CONFLICT ({target}) DO NOTHING"
        self.width = len(given) + len(extra) + len(rest)
        self._statements: dict[int, str] = {}
        # Table and column names come from model metadata, never from input.
        self._insert = f"INSERT INTO {table} ({columns}) VALUES "  # noqa: S608
        self._conflict = conflict
        self.copy_in = None
        self.before_copy: tuple[str, ...] = ()
        self.after_copy: tuple[str, ...] = ()
        if connection.vendor == "postgresql":
            # There each statement of an executemany costs a round trip and a plan, over
            # 200 µs a deal; COPY ... FROM STDIN is about ten times faster (docs/benchmarks.md).
            if conflict:
                # COPY has no conflict clause: into a temporary table of this session, then
                # one INSERT ... SELECT. It has every column of the table: writers of one
                # table share it, and not all of them write a computed column.
                staging = quote(f"bulk_{meta.db_table}")
                self.before_copy = (
                    f"CREATE TEMPORARY TABLE IF NOT EXISTS {staging} AS "  # noqa: S608
                    f"SELECT * FROM {table} WITH NO DATA",
                    f"TRUNCATE {staging}",
                )
                self.copy_in = f"COPY {staging} ({columns}) FROM STDIN"
                self.after_copy = (
                    f"INSERT INTO {table} ({columns}) SELECT {columns} FROM {staging}{conflict}",  # noqa: S608
                )
            else:
                self.copy_in = f"COPY {table} ({columns}) FROM STDIN"

    def run(self, rows: Sequence[tuple]) -> int:
        """Write ``rows`` in the current transaction; returns how many were sent. Rows that
        would update the same row twice must not be sent together."""
        if not rows:
            return 0
        if self.moments or self.computed:
            # A batch repeats a few moments (now, a festival's start and end) many times: each
            # is adapted once.
            adapted: dict = {}
            rows = [self._prepared(row, adapted) for row in rows]
        elif self.defaults:
            defaults = self.defaults
            rows = [row + defaults for row in rows]
        with connection.cursor() as cursor:
            if self.copy_in is None:
                # Many rows a statement, not one (``executemany``): SQLite opens a statement's
                # savepoint for each, and the search index's triggers wrote their pending terms
                # at every one (an import's products cost a third less this way).
                per_statement = max(1, SQLITE_MAX_VARIABLES // self.width)
                for start in range(0, len(rows), per_statement):
                    group = rows[start : start + per_statement]
                    values = [value for row in group for value in row]
                    cursor.execute(self._statement(len(group)), values)
                return len(rows)
            for sql in self.before_copy:
                cursor.execute(sql)
            with connection.wrap_database_errors, cursor.copy(self.copy_in) as copy:
                for row in rows:
                    copy.write_row(row)
            for sql in self.after_copy:
                cursor.execute(sql)
        return len(rows)

    def _statement(self, rows: int) -> str:
        """The INSERT of ``rows`` rows (the same few sizes recur: a full group and the rest)."""
        if rows not in self._statements:
            row = "(" + ", ".join(["%s"] * self.width) + ")"
            self._statements[rows] = self._insert + ", ".join([row] * rows) + self._conflict
        return self._statements[rows]

    def _prepared(self, row: tuple, adapted: dict) -> tuple:
        extra = ()
        if self.computed:
            compute, sources = self.computed
            extra = (compute(*(row[index] for index in sources)),)
        if self.moments:
            row = list(row)
            for index in self.moments:
                moment = row[index]
                if moment not in adapted:
                    adapted[moment] = adapt_moment(moment)
                row[index] = adapted[moment]
            row = tuple(row)
        return row + extra + self.defaults
