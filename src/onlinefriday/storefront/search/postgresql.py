"""The index on PostgreSQL: GIN expression indexes over products' folded and marked words.

The indexes are on expressions of ``deals_product``'s own columns, so PostgreSQL keeps them
up to date on every write, COPY included; no writer calls anything. ``vn_fold`` and
``vn_mark`` are IMMUTABLE SQL functions that map each marked letter with ``translate``, from
tables built here out of ``core.text``'s: the same letters fold the same way in Python and in
SQL whatever the database's locale, which ``lower`` and ``unaccent`` do not promise.
"""

from django.db.backends.base.base import BaseDatabaseWrapper

from onlinefriday.core.text import FOLD_TABLE, fold
from onlinefriday.storefront.search.query import Query, Word
from onlinefriday.storefront.search.text import NEW_PLACEMENTS, one_edit_away


def _translation(mapping: dict[str, str]) -> tuple[str, str]:
    """``translate``'s two strings, quoted for SQL (letters only: no quote to escape)."""
    return "'" + "".join(mapping) + "'", "'" + "".join(mapping.values()) + "'"


def _fold_mapping() -> dict[str, str]:
    """Each marked letter, either case, to its bare lower-case letter (``fold``'s mapping)."""
    return {chr(code): fold(chr(code)) for code in FOLD_TABLE if len(fold(chr(code))) == 1}


def _lower_mapping() -> dict[str, str]:
    """Each upper-case marked letter to its lower-case one ('Ệ' -> 'ệ')."""
    return {
        chr(code): chr(code).lower()
        for code in FOLD_TABLE
        if chr(code).lower() != chr(code) and len(chr(code).lower()) == 1
    }


def _new_placements(sql: str) -> str:
    for old, new in NEW_PLACEMENTS.items():
        sql = f"replace({sql}, '{old}', '{new}')"
    return sql


FOLD_FROM, FOLD_TO = _translation(_fold_mapping())
LOWER_FROM, LOWER_TO = _translation(_lower_mapping())
# text.product_text; the index's expressions, which queries repeat to use them.
FOLDED = "vn_words(vn_fold(title || ' ' || brand))"
MARKED = "vn_words(vn_mark(title || ' ' || brand))"
FUNCTION = (
    "CREATE OR REPLACE FUNCTION {name}(text) RETURNS {returns} LANGUAGE sql IMMUTABLE STRICT "
    "PARALLEL SAFE AS $$ SELECT {body} $$"
)
INSTALL = (
    FUNCTION.format(
        name="vn_fold",
        returns="text",
        body=f"lower(translate(normalize($1, NFC), {FOLD_FROM}, {FOLD_TO}))",
    ),
    FUNCTION.format(
        name="vn_mark",
        returns="text",
        body=_new_placements(f"lower(translate(normalize($1, NFC), {LOWER_FROM}, {LOWER_TO}))"),
    ),
    # Runs of letters and digits, as ``text.words`` cuts them: the parser alone would keep
    # '8gb/256gb' as one path-like token.
    FUNCTION.format(
        name="vn_words",
        returns="tsvector",
        body="to_tsvector('simple'::regconfig, regexp_replace($1, '[^[:alnum:]]+', ' ', 'g'))",
    ),
    f"CREATE INDEX IF NOT EXISTS storefront_product_folded ON deals_product USING gin ({FOLDED})",
    f"CREATE INDEX IF NOT EXISTS storefront_product_marked ON deals_product USING gin ({MARKED})",
)
UNINSTALL = (
    "DROP INDEX IF EXISTS storefront_product_folded",
    "DROP INDEX IF EXISTS storefront_product_marked",
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


def product_ids(
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
            f"SELECT id FROM deals_product WHERE {index} @@ %s::tsquery AND id < %s "  # noqa: S608
            "ORDER BY id DESC LIMIT %s",
            [tsquery, before if before is not None else 2**63 - 1, size],  # None: ALL
        )
        return [product_id for (product_id,) in cursor.fetchall()]
