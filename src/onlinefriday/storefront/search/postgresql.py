"""The index on PostgreSQL: GIN expression indexes over products' folded and marked words.

The indexes are on expressions of ``deals_product``'s own columns, so PostgreSQL keeps them
up to date on every write, COPY included; no writer calls anything. ``vn_fold`` and
``vn_mark`` are IMMUTABLE SQL functions. ``vn_fold`` strips marks with ``unaccent`` (a trusted
extension), which leaves every Vietnamese letter bare ASCII, 'đ' included, so that ``lower``
ends it whatever the database's locale; ``vn_mark`` lower-cases with ICU's root locale, as
Python does. Both agree with ``core.text`` on every Vietnamese letter (tests): ``translate``
over a table of every marked letter, which did the same, took 140 s to index a million
products, these 10 s. Outside Vietnamese, 'ø', 'ß', 'æ' and 'œ' fold to 'o', 'ss', 'ae' and
'oe' here, and stay as they are in Python: such words are found by their marked form.
"""

from collections.abc import Iterator

from django.db.backends.base.base import BaseDatabaseWrapper

from onlinefriday.storefront.search.query import Query, Word
from onlinefriday.storefront.search.text import NEW_PLACEMENTS, one_edit_away


def _new_placements(sql: str) -> str:
    for old, new in NEW_PLACEMENTS.items():
        sql = f"replace({sql}, '{old}', '{new}')"
    return sql


# text.product_text; the index's expressions, which queries repeat to use them.
FOLDED = "vn_words(vn_fold(title || ' ' || brand))"
MARKED = "vn_words(vn_mark(title || ' ' || brand))"
INDEXES = (
    f"CREATE INDEX IF NOT EXISTS storefront_product_folded ON deals_product USING gin ({FOLDED})",
    f"CREATE INDEX IF NOT EXISTS storefront_product_marked ON deals_product USING gin ({MARKED})",
)
FUNCTION = (
    "CREATE OR REPLACE FUNCTION {name}(text) RETURNS {returns} LANGUAGE sql IMMUTABLE STRICT "
    "PARALLEL SAFE AS $$ SELECT {body} $$"
)
INSTALL = (
    "CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public",
    FUNCTION.format(
        name="vn_fold",
        returns="text",
        body="lower(public.unaccent('public.unaccent'::regdictionary, normalize($1, NFC)))",
    ),
    FUNCTION.format(
        name="vn_mark",
        returns="text",
        body=_new_placements('lower(normalize($1, NFC) COLLATE "und-x-icu")'),
    ),
    # Runs of letters and digits, as ``text.words`` cuts them: the parser alone would keep
    # '8gb/256gb' as one path-like token.
    FUNCTION.format(
        name="vn_words",
        returns="tsvector",
        body="to_tsvector('simple'::regconfig, regexp_replace($1, '[^[:alnum:]]+', ' ', 'g'))",
    ),
    *INDEXES,
)
DROP_INDEXES = (
    "DROP INDEX IF EXISTS storefront_product_folded",
    "DROP INDEX IF EXISTS storefront_product_marked",
)
UNINSTALL = (
    *DROP_INDEXES,
    "DROP FUNCTION IF EXISTS vn_words(text)",
    "DROP FUNCTION IF EXISTS vn_mark(text)",
    "DROP FUNCTION IF EXISTS vn_fold(text)",
)


def install(connection: BaseDatabaseWrapper, *, fill: bool = False) -> None:
    """Create the functions and indexes (an index covers the rows there: ``fill`` is moot)."""
    with connection.cursor() as cursor:
        for statement in INSTALL:
            cursor.execute(statement)


def uninstall(connection: BaseDatabaseWrapper) -> None:
    with connection.cursor() as cursor:
        for statement in UNINSTALL:
            cursor.execute(statement)


def suspend(connection: BaseDatabaseWrapper) -> None:
    """Drop the indexes for a bulk load (``resume`` afterwards): one build over every row
    takes a fraction of the time that adding each row's words to a GIN index does."""
    with connection.cursor() as cursor:
        for statement in DROP_INDEXES:
            cursor.execute(statement)


def resume(connection: BaseDatabaseWrapper, *, since: int) -> None:
    """Build the indexes again (over every product: ``since`` is moot) and ``ANALYZE``, so
    that the planner knows the new rows."""
    with connection.cursor() as cursor:
        cursor.execute("SET maintenance_work_mem = '256MB'")
        for statement in INDEXES:
            cursor.execute(statement)
        cursor.execute("RESET maintenance_work_mem")
        cursor.execute("ANALYZE")


def _term(word: str, prefix: bool = False) -> str:
    # Words are letters and digits only: nothing to escape in a tsquery.
    return f"{word}:*" if prefix else word


def _holds(connection: BaseDatabaseWrapper, word: Word) -> bool:
    """Some product's folded text holds the word (or, while typed, a word it begins)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT EXISTS (SELECT 1 FROM deals_product WHERE {FOLDED} @@ %s::tsquery)",  # noqa: S608
            [_term(word.folded, word.prefix)],
        )
        return cursor.fetchone()[0]


def match_expressions(connection: BaseDatabaseWrapper, query: Query) -> list[tuple[str, str]]:
    """(index, tsquery) to search in turn: the words with the marks typed, whose deals come
    first (when some are typed), then the folded words (one unknown to every product may be
    any word one edit away: the index skips those it does not hold)."""
    folded = []
    for word in query.words:
        forms = [_term(word.folded, word.prefix)]
        if word.may_have_typo and not _holds(connection, word):
            forms += sorted(one_edit_away(word.folded))
        folded.append(forms[0] if len(forms) == 1 else "(" + " | ".join(forms) + ")")
    searches = [(FOLDED, " & ".join(folded))]
    if any(word.marked != word.folded for word in query.words):
        searches.insert(0, (MARKED, " & ".join(_term(w.marked, w.prefix) for w in query.words)))
    return searches


def product_batches(
    connection: BaseDatabaseWrapper, search: tuple[str, str], *, size: int
) -> Iterator[list[int]]:
    """Matching products, newest first, ``size`` at a time: the first ``size`` read, then,
    when there are more, all the others at once (each read evaluates the whole text query
    again)."""
    products = _product_ids(connection, search, before=None, size=size)
    if len(products) == size:
        products += _product_ids(connection, search, before=products[-1], size=None)
    for start in range(0, len(products), size):
        yield products[start : start + size]


def _product_ids(
    connection: BaseDatabaseWrapper,
    search: tuple[str, str],
    *,
    before: int | None,
    size: int | None,
) -> list[int]:
    """Up to ``size`` (None: all) matching products, newest first, older than ``before``."""
    index, tsquery = search
    with connection.cursor() as cursor:
        cursor.execute(
            # Ordered by ``id + 0``, which no index gives: ordered by ``id``, the planner may
            # walk the primary key from the newest product and fold each one's text until it
            # has found enough ('tivi': 1.2 s), where the text index finds them all at once.
            f"SELECT id FROM deals_product WHERE {index} @@ %s::tsquery AND id < %s "  # noqa: S608
            "ORDER BY id + 0 DESC LIMIT %s",
            [tsquery, before if before is not None else 2**63 - 1, size],  # None: ALL
        )
        return [product_id for (product_id,) in cursor.fetchall()]
