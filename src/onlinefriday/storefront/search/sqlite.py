"""The index on SQLite: an FTS5 table of products' folded and marked text, kept by triggers.

The triggers call ``vn_fold`` and ``vn_mark``, Python functions registered on every connection
Django opens, so every write to ``deals_product`` (the ORM, ``submit_deals``' and the demo
loader's raw INSERTs) updates the index in its own transaction; no writer calls anything.
A connection without them (the ``sqlite3`` shell) cannot write products: it fails, it never
leaves the index behind. The table is contentless: it keeps the words, not the text.
"""

from collections.abc import Iterator

from django.db import transaction
from django.db.backends.base.base import BaseDatabaseWrapper

from onlinefriday.core.text import fold
from onlinefriday.storefront.search.query import Query, Word
from onlinefriday.storefront.search.text import marked, one_edit_away

FOLDED_TABLE = "storefront_product_folded"  # what every query matches
MARKED_TABLE = "storefront_product_marked"  # what ranks the marks typed first
WORDS = "storefront_product_words"  # the folded table's vocabulary, for typos
TEXT = "{row}.title || ' ' || {row}.brand"  # text.product_text
COLUMNS = ((FOLDED_TABLE, "vn_fold"), (MARKED_TABLE, "vn_mark"))


def _each_table(statement: str, row: str) -> str:
    return "\n".join(
        statement.format(table=table, text=f"{function}({TEXT.format(row=row)})", row=row)
        for table, function in COLUMNS
    )


ADD = "INSERT INTO {table} (rowid, text) VALUES ({row}.id, {text});"
REMOVE = "INSERT INTO {table} ({table}, rowid, text) VALUES ('delete', {row}.id, {text});"
INSTALL = (
    # Contentless (they keep the words, not the text) and without positions (detail=none):
    # queries ask which products hold words, never where. Two tables rather than two
    # columns: a column filter still reads the other column's entries of a word. Prefixes
    # of up to six letters are indexed as words: FTS5 merges every word a longer or unindexed
    # prefix begins before it returns a row ('noi chien khong d': 120 ms, 7 ms indexed; a
    # third more index).
    *(
        f"CREATE VIRTUAL TABLE IF NOT EXISTS {table} USING fts5(text, content='', "
        "detail=none, tokenize='unicode61 remove_diacritics 0', prefix='1 2 3 4 5 6')"
        for table, _function in COLUMNS
    ),
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {WORDS} USING fts5vocab({FOLDED_TABLE}, row)",
    f"""CREATE TRIGGER IF NOT EXISTS storefront_product_search_insert
        AFTER INSERT ON deals_product
    BEGIN {_each_table(ADD, "new")} END""",
    f"""CREATE TRIGGER IF NOT EXISTS storefront_product_search_delete
        AFTER DELETE ON deals_product
    BEGIN {_each_table(REMOVE, "old")} END""",
    f"""CREATE TRIGGER IF NOT EXISTS storefront_product_search_update
        AFTER UPDATE OF id, title, brand ON deals_product
        WHEN old.id IS NOT new.id OR old.title IS NOT new.title OR old.brand IS NOT new.brand
    BEGIN {_each_table(REMOVE, "old")} {_each_table(ADD, "new")} END""",
)
TRIGGERS = INSTALL[-3:]
# Table names here and below are this module's constants, never input.
FILL = tuple(
    f"INSERT INTO {table} (rowid, text) SELECT p.id, {function}({TEXT.format(row='p')}) "  # noqa: S608
    "FROM deals_product p WHERE p.id >= %s"
    for table, function in COLUMNS
)
DROP_TRIGGERS = tuple(
    f"DROP TRIGGER IF EXISTS storefront_product_search_{event}"
    for event in ("insert", "delete", "update")
)
UNINSTALL = (
    *DROP_TRIGGERS,
    f"DROP TABLE IF EXISTS {WORDS}",
    *(f"DROP TABLE IF EXISTS {table}" for table, _function in COLUMNS),
)


def register_functions(connection: BaseDatabaseWrapper) -> None:
    """Make ``vn_fold`` and ``vn_mark`` callable on this connection (triggers need them)."""
    raw = connection.connection
    raw.create_function("vn_fold", 1, _null_safe(fold), deterministic=True)
    raw.create_function("vn_mark", 1, _null_safe(marked), deterministic=True)


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
    """Index the products from id ``since`` on, in one statement per table: FTS5 builds its
    segments in memory, where a row at a time through the triggers, committed in chunks,
    writes and merges small segments all along (a demo load ran ten times as long)."""
    with connection.cursor() as cursor:
        for statement in FILL:
            cursor.execute(statement, [since])


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
        cursor.execute(f"SELECT 1 FROM sqlite_master WHERE name = '{FOLDED_TABLE}'")  # noqa: S608
        if cursor.fetchone() is not None:
            for statement in INSTALL:
                cursor.execute(statement)


def known_words(connection: BaseDatabaseWrapper, candidates: set[str]) -> list[str]:
    """Those of ``candidates`` that some product's folded text holds."""
    if not candidates:
        return []
    marks = ", ".join(["%s"] * len(candidates))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT term FROM {WORDS} WHERE term IN ({marks})",  # noqa: S608
            sorted(candidates),
        )
        return [term for (term,) in cursor.fetchall()]


def is_known(connection: BaseDatabaseWrapper, word: Word) -> bool:
    """Some product's folded text holds the word (or, while typed, a word it begins). Asked of
    the index, which stops at the first product: its vocabulary table counts them all."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT 1 FROM {FOLDED_TABLE} WHERE {FOLDED_TABLE} MATCH %s LIMIT 1",  # noqa: S608
            [_quoted(word.folded, word.prefix)],
        )
        return cursor.fetchone() is not None


def _quoted(term: str, prefix: bool = False) -> str:
    # Words are letters and digits only, so a double quote never needs escaping.
    return f'"{term}"*' if prefix else f'"{term}"'


def match_expressions(connection: BaseDatabaseWrapper, query: Query) -> list[tuple[str, str]]:
    """(table, FTS5 query) to search in turn: the words with the marks typed, whose deals
    come first (when some are typed), then the folded words (one unknown to every product may
    be any known word one edit away)."""
    folded = []
    for word in query.words:
        forms = [_quoted(word.folded, word.prefix)]
        if word.may_have_typo and not is_known(connection, word):
            forms += [_quoted(w) for w in known_words(connection, one_edit_away(word.folded))]
        folded.append(forms[0] if len(forms) == 1 else "(" + " OR ".join(forms) + ")")
    searches = [(FOLDED_TABLE, " AND ".join(folded))]
    if any(word.marked != word.folded for word in query.words):
        exact = " AND ".join(_quoted(word.marked, word.prefix) for word in query.words)
        searches.insert(0, (MARKED_TABLE, exact))
    return searches


def product_batches(
    connection: BaseDatabaseWrapper, search: tuple[str, str], *, size: int
) -> Iterator[list[int]]:
    """Matching products, newest first, ``size`` at a time. FTS5 reads its matches in rowid
    order, so a reader that stops early stops the query, where ranking them all (bm25) took
    160 to 640 ms for 10,000 to 60,000 matches."""
    table, expression = search
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT rowid FROM {table} WHERE {table} MATCH %s ORDER BY rowid DESC",  # noqa: S608
            [expression],
        )
        while rows := cursor.fetchmany(size):
            yield [rowid for (rowid,) in rows]


def uninstall(connection: BaseDatabaseWrapper) -> None:
    with connection.cursor() as cursor:
        for statement in UNINSTALL:
            cursor.execute(statement)
