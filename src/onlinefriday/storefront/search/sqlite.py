"""The index on SQLite: an FTS5 table of the terms of products' text, kept by triggers.

The triggers call ``vn_index`` (``text.index_text``), a Python function registered on every
connection Django opens, so every write to ``deals_product`` (the ORM, ``submit_deals``' and
the demo loader's raw INSERTs) updates the index in its own transaction; no writer calls
anything. A connection without it (the ``sqlite3`` shell) cannot write products: it fails, it
never leaves the index behind. The table is contentless: it keeps the terms, not the text.
"""

from collections.abc import Sequence

from django.db import transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import QuerySet

from onlinefriday.storefront.search.query import Filters, Query, Word
from onlinefriday.storefront.search.text import (
    MARK,
    index_text,
    marked_term,
    one_edit_away,
)

TABLE = "storefront_product_text"
WORDS = "storefront_product_words"  # the index's vocabulary, a row a term: which words exist
TERMS = "storefront_product_terms"  # a row a term and product: the first one of a term is cheap
TEXT = "vn_index({row}.title || ' ' || {row}.brand)"  # text.product_text
# Prefixes of up to three letters are indexed as terms: FTS5 merges every term a longer or
# unindexed prefix begins before it returns a row ('noi chien khong d': 120 ms, 7 ms indexed).
# A longer prefix begins few words: they are read from the vocabulary and searched for as
# words ('dien thoai samsung' as typed: 13 ms merged, 1 ms so, at a million products), which
# costs less than indexing prefixes of four to six letters (a fifth more to write through the
# triggers, an index half as large again).
INDEXED_PREFIX = 3
COMPLETIONS = 32  # words a prefix may stand for; past that FTS5 merges them
# One table for both forms: a query matches the marked terms and the folded ones together.
# Without positions (detail=none): queries ask which products hold terms, never where. Its
# lengths are kept (columnsize=0 wrote no faster, and a contentless table without them cannot
# be read whole: ``SELECT count(*)`` fails).
CREATE_TABLE = (
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {TABLE} USING fts5(text, content='', detail=none, "
    f"tokenize=\"unicode61 remove_diacritics 0 tokenchars '{MARK}'\", "
    f"prefix='{' '.join(str(n) for n in range(1, INDEXED_PREFIX + 1))}')"
)
# Table names here and below are this module's constants, never input.
ADD = f"INSERT INTO {TABLE} (rowid, text) VALUES (new.id, {TEXT.format(row='new')});"  # noqa: S608
REMOVE = (
    f"INSERT INTO {TABLE} ({TABLE}, rowid, text) "  # noqa: S608
    f"VALUES ('delete', old.id, {TEXT.format(row='old')});"
)
TRIGGERS = (
    f"""CREATE TRIGGER IF NOT EXISTS storefront_product_search_insert
        AFTER INSERT ON deals_product
    BEGIN {ADD} END""",
    f"""CREATE TRIGGER IF NOT EXISTS storefront_product_search_delete
        AFTER DELETE ON deals_product
    BEGIN {REMOVE} END""",
    f"""CREATE TRIGGER IF NOT EXISTS storefront_product_search_update
        AFTER UPDATE OF id, title, brand ON deals_product
        WHEN old.id IS NOT new.id OR old.title IS NOT new.title OR old.brand IS NOT new.brand
    BEGIN {REMOVE} {ADD} END""",
)
INSTALL = (
    CREATE_TABLE,
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {WORDS} USING fts5vocab({TABLE}, row)",
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {TERMS} USING fts5vocab({TABLE}, instance)",
    *TRIGGERS,
)
FILL = (
    f"INSERT INTO {TABLE} (rowid, text) SELECT p.id, {TEXT.format(row='p')} "  # noqa: S608
    "FROM deals_product p WHERE p.id >= %s"
)
# Into one segment: a term is then looked up once, not in each of the segments a fill leaves
# (vocabulary lookups three times as fast, matches a third faster; a second for a million).
OPTIMIZE = f"INSERT INTO {TABLE} ({TABLE}) VALUES ('optimize')"  # noqa: S608
DROP_TRIGGERS = tuple(
    f"DROP TRIGGER IF EXISTS storefront_product_search_{event}"
    for event in ("insert", "delete", "update")
)
UNINSTALL = (
    *DROP_TRIGGERS,
    f"DROP TABLE IF EXISTS {TERMS}",
    f"DROP TABLE IF EXISTS {WORDS}",
    f"DROP TABLE IF EXISTS {TABLE}",
)


def register_functions(connection: BaseDatabaseWrapper) -> None:
    """Make ``vn_index`` callable on this connection: the triggers need it."""
    raw = connection.connection
    raw.create_function("vn_index", 1, _null_safe(index_text), deterministic=True)


def _null_safe(function):
    return lambda text: None if text is None else function(text)


def install(connection: BaseDatabaseWrapper, *, fill: bool = False) -> None:
    """Create the index and its triggers; ``fill`` indexes the products already there."""
    with connection.cursor() as cursor:
        for statement in INSTALL:
            cursor.execute(statement)
    if fill:
        _fill(connection, since=0)


def _fill(connection: BaseDatabaseWrapper, *, since: int) -> None:
    """Index the products from id ``since`` on, in one statement: FTS5 builds its segments in
    memory, where a row at a time through the triggers writes and merges a segment for each
    product (every statement that fires them opens a savepoint, which flushes FTS5)."""
    with connection.cursor() as cursor:
        cursor.execute(FILL, [since])
        cursor.execute(OPTIMIZE)


def suspend(connection: BaseDatabaseWrapper) -> None:
    """Stop indexing each write (a bulk load of new products, ``resume`` afterwards)."""
    with connection.cursor() as cursor:
        for statement in DROP_TRIGGERS:
            cursor.execute(statement)


def resume(connection: BaseDatabaseWrapper, *, since: int) -> None:
    """Index the products written from id ``since`` on while suspended, and follow writes
    again; ``ANALYZE`` so that the planner knows how selective each index now is."""
    with transaction.atomic(using=connection.alias):
        _fill(connection, since=since)
        with connection.cursor() as cursor:
            for statement in TRIGGERS:
                cursor.execute(statement)
    with connection.cursor() as cursor:
        # The tables searches read, whole: sampled (``analysis_limit``), every deal's first
        # index entries are accepted ones and the status looks selective, so the planner
        # read a thousand deals by status rather than by id (200 ms against 10).
        cursor.execute("ANALYZE deals_product")
        cursor.execute("ANALYZE deals_deal")


def restore_triggers(connection: BaseDatabaseWrapper) -> None:
    """Recreate missing triggers, once the index exists: SQLite alters a table by copying it,
    which drops its triggers (the copy keeps the rows, so the index still matches them)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT 1 FROM sqlite_master WHERE name = '{TABLE}'")  # noqa: S608
        if cursor.fetchone() is not None:
            for statement in INSTALL:
                cursor.execute(statement)


def known_words(connection: BaseDatabaseWrapper, candidates: set[str]) -> list[str]:
    """Those of ``candidates`` that some product's text holds."""
    if not candidates:
        return []
    marks = ", ".join(["%s"] * len(candidates))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT term FROM {WORDS} WHERE term IN ({marks})",  # noqa: S608
            sorted(candidates),
        )
        return [term for (term,) in cursor.fetchall()]


def completions(connection: BaseDatabaseWrapper, prefix: str) -> list[str] | None:
    """The folded words that begin with ``prefix`` (the marked terms that do, if it ends with
    ``MARK``), or None when there are more than ``COMPLETIONS``. A term at a time, each the
    first entry of the next term in the vocabulary: its first entry only, where counting a
    word's products would read all of them."""
    found: list[str] = []
    start = prefix
    with connection.cursor() as cursor:
        while len(found) <= COMPLETIONS:
            cursor.execute(f"SELECT term FROM {TERMS} WHERE term >= %s LIMIT 1", [start])  # noqa: S608
            row = cursor.fetchone()
            if row is None or not row[0].startswith(prefix):
                return found
            term = row[0]
            folded, mark, _marked = term.partition(MARK)
            if mark and MARK not in prefix:
                # A marked form of a word already found (it sorts after it): past them all.
                start = folded + chr(ord(MARK) + 1)
                continue
            found.append(term)
            start = term + "\x01"  # the least string after the term: no term holds \x01
    return None


def is_known(connection: BaseDatabaseWrapper, word: str) -> bool:
    """Some product's text holds the folded word."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT 1 FROM {TERMS} WHERE term = %s LIMIT 1", [word])  # noqa: S608
        return cursor.fetchone() is not None


def _quoted(term: str, prefix: bool = False) -> str:
    # Terms are letters, digits and MARK only, so a double quote never needs escaping.
    return f'"{term}"*' if prefix else f'"{term}"'


def _any(terms: list[str]) -> str:
    quoted = [_quoted(term) for term in terms]
    return quoted[0] if len(quoted) == 1 else "(" + " OR ".join(quoted) + ")"


def _folded(connection: BaseDatabaseWrapper, word: Word) -> str:
    """The word in the folded search: a word typed so far as every word it begins (by the
    prefix index up to ``INDEXED_PREFIX`` letters); one unknown to every product, when it may
    hold a typo, as any known word one edit away."""
    if word.prefix and len(word.folded) <= INDEXED_PREFIX:
        return _quoted(word.folded, prefix=True)
    if word.prefix:
        words = completions(connection, word.folded)
        if words is None:
            return _quoted(word.folded, prefix=True)
        if words or not word.may_have_typo:
            return _any(words or [word.folded])  # no word: matches nothing
    elif not word.may_have_typo or is_known(connection, word.folded):
        return _quoted(word.folded)
    return _any([word.folded, *known_words(connection, one_edit_away(word.folded))])


def _exact(connection: BaseDatabaseWrapper, word: Word, folded: str) -> str:
    """The word in the search for the marks typed: a marked word by its marked term, or while
    typed by those of the words it begins (of up to ``INDEXED_PREFIX`` letters: as if whole);
    a bare word as a product holds it bare, not marked ('da': leather, not 'đá'; a product
    holding both is taken as marked); a bare word still typed as in the folded search."""
    whole = marked_term(word.folded, word.marked)
    if word.prefix and word.marked == word.folded:
        return folded
    if word.prefix and len(word.folded) > INDEXED_PREFIX:
        words = completions(connection, word.folded) or []
        terms = [
            t for w in words for t in completions(connection, marked_term(w, word.marked)) or []
        ]
        return _any(terms or [whole])
    if word.marked != word.folded:
        return _quoted(whole)
    forms = completions(connection, marked_term(word.folded, ""))
    if forms is None:
        return f"({folded} NOT {_quoted(marked_term(word.folded, ''), prefix=True)})"
    return f"({folded} NOT {_any(forms)})" if forms else folded


def match_expressions(connection: BaseDatabaseWrapper, query: Query) -> list[str]:
    """FTS5 queries to search in turn: the words with the marks typed, whose deals come first
    (when some are typed), then the folded words in the other products."""
    folded = [_folded(connection, word) for word in query.words]
    if all(word.marked == word.folded for word in query.words):
        return [" AND ".join(folded)]
    exact = " AND ".join(_exact(connection, w, f) for w, f in zip(query.words, folded, strict=True))
    # The folded search runs when the marked one found too few deals, after it read every
    # product it matches: their deals again would only cost ('tủ lạnh' on Tiki: a fifth).
    return [exact, f"({' AND '.join(folded)}) NOT ({exact})"]


def ranked(
    connection: BaseDatabaseWrapper,
    deals: QuerySet,
    query: Query,
    *,
    limit: int,
    fields: Sequence[str] = ("id",),
    filters: Filters | None = None,
) -> list[tuple]:
    """``index.ranked`` in one statement a search: the index read in rowid order (newest
    product first), each product's deals found by the deals' index, until ``limit`` are; the
    ``filters`` are those of ``deals``, which this index does not hold. A
    CROSS JOIN fixes that order: joined freely, the planner may start from a selective filter
    (a platform) and run the text query once per deal, for minutes. Read by batches of
    products instead, a search took about 2 ms more (the ids through Python and back)."""
    sql, params = deals.order_by().values(*fields, "product_id").query.sql_with_params()
    columns = ", ".join(f"d.{name}" for name in fields)  # names of model fields
    rows: list[tuple] = []
    for expression in match_expressions(connection, query):
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {columns} FROM {TABLE} f CROSS JOIN ({sql}) d "  # noqa: S608
                f"ON d.product_id = f.rowid WHERE f.{TABLE} MATCH %s "
                "ORDER BY f.rowid DESC LIMIT %s",
                [*params, expression, limit - len(rows)],
            )
            rows += cursor.fetchall()
        if len(rows) >= limit:
            break
    return rows


def uninstall(connection: BaseDatabaseWrapper) -> None:
    with connection.cursor() as cursor:
        for statement in UNINSTALL:
            cursor.execute(statement)
