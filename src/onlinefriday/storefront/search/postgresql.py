"""The index on PostgreSQL: GIN indexes over products' folded and marked words, by range of
ids, and the vocabulary of those words.

The indexes are on expressions of ``deals_product``'s own columns, so PostgreSQL keeps them
up to date on every write, COPY included; the vocabulary is kept by statement triggers on the
same table. No writer calls anything. ``vn_fold`` and ``vn_mark`` are IMMUTABLE SQL functions.
``vn_fold`` strips marks with ``unaccent`` (a trusted extension), which leaves every Vietnamese
letter bare ASCII, 'đ' included, so that ``lower`` ends it whatever the database's locale;
``vn_mark`` lower-cases with ICU's root locale, as Python does. Both agree with ``core.text`` on
every Vietnamese letter (tests): ``translate`` over a table of every marked letter, which did
the same, took 140 s to index a million products, these 10 s. Outside Vietnamese, 'ø', 'ß', 'æ'
and 'œ' fold to 'o', 'ss', 'ae' and 'oe' here, and stay as they are in Python: such words are
found by their marked form.

A GIN index hands over every product that matches, in no useful order: a common word
('samsung') matches tens of thousands, and reading each one's row to keep the newest took 90 ms.
So each index starts with the range of 65,536 ids a product falls in (``btree_gin``, a trusted
extension), and a search reads the newest range first, then the one before, until it has
enough; the ranges it never reaches cost nothing. GIN reads an exact word's entries of one
range only, not a prefix's ('samsung:*' gathers every product of every word it begins): the
vocabulary turns a prefix into the few words it begins, and a typo into the known words one
edit away.
"""

from array import array
from collections.abc import Iterator

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import QuerySet

from onlinefriday.core.bulk import AnyOf  # noqa: F401 - registers ``any_of``, used below
from onlinefriday.storefront.search.query import Query
from onlinefriday.storefront.search.text import NEW_PLACEMENTS, one_edit_away


def _new_placements(sql: str) -> str:
    for old, new in NEW_PLACEMENTS.items():
        sql = f"replace({sql}, '{old}', '{new}')"
    return sql


RANGE_BITS = 16  # products in a range: 65,536 ids
# Products read from the index at a time: at most, or half as many again as the deals asked
# for, which most queries find among them (several products have no deal on show).
BATCH = 2000
RANGE = f"(id >> {RANGE_BITS})"
# text.product_text; the index's expressions, which queries repeat to use them.
FOLDED = "vn_words(vn_fold(title || ' ' || brand))"
MARKED = "vn_words(vn_mark(title || ' ' || brand))"
INDEX_NAMES = {
    FOLDED: "storefront_product_folded_by_range",
    MARKED: "storefront_product_marked_by_range",
}
INDEXES = tuple(
    f"CREATE INDEX IF NOT EXISTS {name} ON deals_product USING gin ({RANGE}, {expression})"
    for expression, name in INDEX_NAMES.items()
)
WORDS = "storefront_product_word"  # every word of the indexes, folded and marked
# Known words a prefix may stand for, at most: a shorter prefix ('d') is matched in the index.
PREFIX_WORDS = 16
FUNCTION = (
    "CREATE OR REPLACE FUNCTION {name}(text) RETURNS {returns} LANGUAGE sql IMMUTABLE STRICT "
    "PARALLEL SAFE AS $$ SELECT {body} $$"
)
# The words of products' texts, from each distinct space-separated piece of them: folding and
# marking go letter by letter and keep spaces, so the pieces hold the text's every word, and
# a million products repeat far fewer pieces than texts.
LEARN = f"""
    INSERT INTO {WORDS} (marked, word)
    SELECT DISTINCT found.marked, found.word
    FROM (SELECT DISTINCT piece FROM {{rows}}, string_to_table(title || ' ' || brand, ' ') piece)
        pieces,
    LATERAL (
        SELECT false, unnest(tsvector_to_array(vn_words(vn_fold(piece))))
        UNION ALL SELECT true, unnest(tsvector_to_array(vn_words(vn_mark(piece))))
    ) found (marked, word)
    WHERE NOT EXISTS (
        SELECT 1 FROM {WORDS} known WHERE known.marked = found.marked AND known.word = found.word
    )"""  # noqa: S608 (this module's names)
# Products whose title or brand an UPDATE changed, from its transition tables. Triggers a
# statement at a time: a row at a time, learning took 2 ms a product.
CHANGED = (
    "(SELECT * FROM written WHERE NOT EXISTS (SELECT 1 FROM previous WHERE previous.id = "
    "written.id AND previous.title = written.title AND previous.brand = written.brand)) changed"
)
TRIGGERS = (
    "CREATE TRIGGER storefront_product_words_insert AFTER INSERT ON deals_product "
    "REFERENCING NEW TABLE AS written FOR EACH STATEMENT "
    "EXECUTE FUNCTION storefront_product_learn_words()",
    "CREATE TRIGGER storefront_product_words_update AFTER UPDATE ON deals_product "
    "REFERENCING OLD TABLE AS previous NEW TABLE AS written FOR EACH STATEMENT "
    "EXECUTE FUNCTION storefront_product_learn_words()",
)
DROP_TRIGGERS = (
    "DROP TRIGGER IF EXISTS storefront_product_words_insert ON deals_product",
    "DROP TRIGGER IF EXISTS storefront_product_words_update ON deals_product",
)
INSTALL = (
    "CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public",
    "CREATE EXTENSION IF NOT EXISTS btree_gin SCHEMA public",
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
    # '8gb/256gb' as one path-like token. Without positions, which no query asks for.
    FUNCTION.format(
        name="vn_words",
        returns="tsvector",
        body="strip(to_tsvector('simple'::regconfig, "
        "regexp_replace($1, '[^[:alnum:]]+', ' ', 'g')))",
    ),
    # A word stays when the last product that held it goes: the vocabulary only ever names
    # words to look for, and a word no product holds finds nothing (typed, it is taken as no
    # typo); the index built anew (a migration) learns the words there only. No unique index:
    # two writers learning the same new word would wait on each other.
    f'CREATE TABLE IF NOT EXISTS {WORDS} (marked boolean NOT NULL, word text COLLATE "C" NOT NULL)',
    f"CREATE INDEX IF NOT EXISTS {WORDS}_lookup ON {WORDS} (marked, word)",
    "CREATE OR REPLACE FUNCTION storefront_product_learn_words() RETURNS trigger "
    "LANGUAGE plpgsql AS $$ BEGIN "
    f"IF TG_OP = 'UPDATE' THEN {LEARN.format(rows=CHANGED)}; "
    f"ELSE {LEARN.format(rows='written')}; END IF; "
    "RETURN NULL; END $$",
)
DROP_INDEXES = tuple(f"DROP INDEX IF EXISTS {name}" for name in INDEX_NAMES.values())
UNINSTALL = (
    *DROP_TRIGGERS,
    *DROP_INDEXES,
    # The indexes before ranges (migration 0004).
    "DROP INDEX IF EXISTS storefront_product_folded",
    "DROP INDEX IF EXISTS storefront_product_marked",
    "DROP FUNCTION IF EXISTS storefront_product_learn_words()",
    f"DROP TABLE IF EXISTS {WORDS}",
    "DROP FUNCTION IF EXISTS vn_words(text)",
    "DROP FUNCTION IF EXISTS vn_mark(text)",
    "DROP FUNCTION IF EXISTS vn_fold(text)",
)


def install(connection: BaseDatabaseWrapper, *, fill: bool = False) -> None:
    """Create the functions, indexes and vocabulary; an index covers the rows there, ``fill``
    learns their words and measures the indexes' expressions for the planner."""
    with connection.cursor() as cursor:
        for statement in INSTALL:
            cursor.execute(statement)
        _build_indexes(cursor)
        if fill:
            _learn_words(cursor, since=0)
            cursor.execute("ANALYZE deals_product")
        for statement in (*DROP_TRIGGERS, *TRIGGERS):
            cursor.execute(statement)


def uninstall(connection: BaseDatabaseWrapper) -> None:
    with connection.cursor() as cursor:
        for statement in UNINSTALL:
            cursor.execute(statement)


def suspend(connection: BaseDatabaseWrapper) -> None:
    """Drop the indexes and stop learning words, for a bulk load (``resume`` afterwards): one
    build over every row takes a fraction of the time that adding each row's words to a GIN
    index does."""
    with connection.cursor() as cursor:
        for statement in (*DROP_TRIGGERS, *DROP_INDEXES):
            cursor.execute(statement)


def resume(connection: BaseDatabaseWrapper, *, since: int) -> None:
    """Build the indexes again (over every product), learn the words of the products from id
    ``since`` on, follow writes again, and ``ANALYZE``, so that the planner knows the new rows."""
    with connection.cursor() as cursor:
        _build_indexes(cursor)
        _learn_words(cursor, since=since)
        for statement in TRIGGERS:
            cursor.execute(statement)
        cursor.execute("ANALYZE")


def _build_indexes(cursor) -> None:
    cursor.execute("SET maintenance_work_mem = '256MB'")
    for statement in INDEXES:
        cursor.execute(statement)
    cursor.execute("RESET maintenance_work_mem")


def _learn_words(cursor, *, since: int) -> None:
    rows = f"(SELECT title, brand FROM deals_product WHERE id >= {int(since)}) products"  # noqa: S608
    cursor.execute(LEARN.format(rows=rows))


def _known(
    connection: BaseDatabaseWrapper, lookups: list[tuple[str, bool, bool]]
) -> dict[tuple[str, bool, bool], list[str]]:
    """For each (text, prefix, marked) asked, the known words that are ``text`` (or begin
    with it), up to one more than ``PREFIX_WORDS``: in one statement."""
    if not lookups:
        return {}
    texts, prefixes, marked = (list(column) for column in zip(*lookups, strict=True))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT asked.n, known.word "  # noqa: S608 (this module's names)
            "FROM unnest(%s::text[], %s::boolean[], %s::boolean[]) WITH ORDINALITY "
            "AS asked (text, prefix, marked, n) "
            f"CROSS JOIN LATERAL (SELECT DISTINCT word FROM {WORDS} WHERE marked = asked.marked "
            # A range of the index: every word that begins with the text sorts below the text
            # followed by the last code point.
            "AND word >= asked.text AND word <= CASE WHEN asked.prefix "
            "THEN asked.text || chr(1114111) ELSE asked.text END "
            "ORDER BY word LIMIT %s) known ORDER BY asked.n, known.word",
            [texts, prefixes, marked, PREFIX_WORDS + 1],
        )
        rows = cursor.fetchall()
    known: dict[tuple[str, bool, bool], list[str]] = {lookup: [] for lookup in lookups}
    for n, word in rows:
        known[lookups[n - 1]].append(word)
    return known


def known_words(connection: BaseDatabaseWrapper, candidates: set[str]) -> list[str]:
    """Those of ``candidates`` that are folded words of the vocabulary."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT DISTINCT word FROM {WORDS} WHERE NOT marked AND word = ANY(%s) ORDER BY word",  # noqa: S608
            [sorted(candidates)],
        )
        return [word for (word,) in cursor.fetchall()]


def _term(
    connection: BaseDatabaseWrapper,
    text: str,
    *,
    prefix: bool,
    typo: bool,
    known: list[str] | None,
) -> str:
    """The tsquery for one word as typed, given the ``known`` words that are it or begin with
    it (None: not asked, neither a prefix nor ``typo``): a prefix as the few known words it
    begins (the index reads a prefix's every product); one that no known word is or begins,
    and ``typo`` allows, as itself or any known word one edit away."""
    typed = f"{text}:*" if prefix else text
    if known is None or len(known) > PREFIX_WORDS:
        return typed
    if known:
        return _any(known) if prefix else text
    if typo:
        return _any([typed, *known_words(connection, one_edit_away(text))])
    return typed


def _any(forms: list[str]) -> str:
    return forms[0] if len(forms) == 1 else "(" + " | ".join(forms) + ")"


def match_expressions(connection: BaseDatabaseWrapper, query: Query) -> list[tuple[str, str]]:
    """(index, tsquery) to search in turn: the words with the marks typed, whose deals come
    first (when some are typed), then the folded words (one unknown to every product may be
    any known word one edit away)."""
    marks = any(word.marked != word.folded for word in query.words)
    # (text, prefix, marked, typo) of each term of both searches
    terms = [(w.folded, w.prefix, False, w.may_have_typo) for w in query.words]
    if marks:
        terms += [(w.marked, w.prefix, True, False) for w in query.words]
    known = _known(connection, list(dict.fromkeys(t[:3] for t in terms if t[1] or t[3])))

    def joined(marked: bool) -> str:
        return " & ".join(
            _term(connection, text, prefix=prefix, typo=typo, known=known.get((text, prefix, form)))
            for text, prefix, form, typo in terms
            if form == marked
        )

    searches = [(FOLDED, joined(marked=False))]
    if marks:
        searches.insert(0, (MARKED, joined(marked=True)))
    return searches


def ranked_ids(
    connection: BaseDatabaseWrapper, deals: QuerySet, query: Query, *, limit: int
) -> list[int]:
    """``index.ranked_ids``: matching products read a batch at a time, newest first, and their
    deals filtered per batch, until ``limit`` are found; most queries stop in the first batch
    and never run the folded search."""
    ids: list[int] = []
    read: set[int] = set()  # products whose deals were read: the folded search finds them again
    for search in match_expressions(connection, query):
        for batch in product_batches(connection, search, size=min(BATCH, limit * 3 // 2)):
            products = [pk for pk in batch if pk not in read]
            read.update(products)
            if products:
                ids += (
                    # An array, not a list: Django walks a list's every item for expressions
                    # (2,000 products: 2 ms); the lookup binds it as one parameter all the same.
                    deals.filter(product__id__any_of=array("q", products))
                    .order_by("-product_id")
                    .values_list("id", flat=True)
                )
            if len(ids) >= limit:
                return ids[:limit]
    return ids


def product_batches(
    connection: BaseDatabaseWrapper, search: tuple[str, str], *, size: int
) -> Iterator[list[int]]:
    """Matching products, newest first, ``size`` at a time (the last batch may be shorter)."""
    found: list[int] = []
    for ids in _matches_by_range(connection, search, size=size):
        found += ids
        while len(found) >= size:
            yield found[:size]
            found = found[size:]
    if found:
        yield found


def _matches_by_range(
    connection: BaseDatabaseWrapper, search: tuple[str, str], *, size: int
) -> Iterator[list[int]]:
    """Matching products, newest first: the newest range of ids, then the one before, while
    the matches found so far say that the older products hold more than ``size`` of them;
    then all the older ones at once (a rare word reads sixteen ranges of a million products
    in one statement)."""
    newest, ids = _newest_range(connection, search)
    if newest is None:
        return
    yield ids
    matches = len(ids)
    end = newest >> RANGE_BITS << RANGE_BITS  # ids below it are left to read
    while end > 0:
        read = newest + 1 - end
        if read < 1 << RANGE_BITS or matches * end > size * read:
            current = (end - 1) >> RANGE_BITS
            ids = _ids_in_range(connection, search, current)
            end = current << RANGE_BITS
        else:
            ids = _ids_before(connection, search, end)
            end = 0
        matches += len(ids)
        yield ids


def _newest_range(
    connection: BaseDatabaseWrapper, search: tuple[str, str]
) -> tuple[int | None, list[int]]:
    """The newest product's id (None: no products) and the matches of its range, newest
    first, in one statement."""
    index, tsquery = search
    newest = "(SELECT max(id) FROM deals_product)"
    with connection.cursor() as cursor:
        cursor.execute(
            # The range as a value computed once: joined to the newest id, the range was
            # matched by hash after reading every product that the words match (20 ms).
            f"SELECT {newest}, NULL UNION ALL SELECT NULL, id FROM deals_product "  # noqa: S608
            f"WHERE {RANGE} = {newest} >> {RANGE_BITS} AND {index} @@ %s::tsquery",
            [tsquery],
        )
        rows = cursor.fetchall()
    (newest_id,) = (newest_id for newest_id, product_id in rows if product_id is None)
    ids = sorted(
        (product_id for _newest, product_id in rows if product_id is not None), reverse=True
    )
    return newest_id, ids


def _ids_in_range(
    connection: BaseDatabaseWrapper, search: tuple[str, str], current: int
) -> list[int]:
    """The matching products of one range of ids, newest first."""
    index, tsquery = search
    # The range as a bigint: the index compares bigints only.
    sql = f"{RANGE} = %s::bigint AND {index} @@ %s::tsquery ORDER BY id DESC"
    return _product_ids(connection, sql, [current, tsquery])


def _ids_before(connection: BaseDatabaseWrapper, search: tuple[str, str], end: int) -> list[int]:
    """The matching products older than ``end``, newest first."""
    index, tsquery = search
    # Ordered by ``id + 0``, which no index gives: ordered by ``id``, the planner may walk the
    # primary key from the newest product and fold each one's text until it has found enough
    # ('tivi': 1.2 s), where the text index finds them all at once.
    sql = f"{index} @@ %s::tsquery AND id < %s ORDER BY id + 0 DESC"
    return _product_ids(connection, sql, [tsquery, end])


def _product_ids(connection: BaseDatabaseWrapper, condition: str, params: list) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT id FROM deals_product WHERE {condition}", params)  # noqa: S608
        return [product_id for (product_id,) in cursor.fetchall()]
