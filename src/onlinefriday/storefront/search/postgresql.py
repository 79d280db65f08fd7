"""The index on PostgreSQL: one GIN index over deals' words (their products') and filters, by
range of product ids, and the vocabulary of products' words, searched by trigram for typos
(``pg_trgm``).

Each product's words are a column of ``deals_product`` (``search_terms``): its folded words (no
marks, lower case) and its marked ones (lower case, NFC, one tone placement) in one
``tsvector``. A folded word is bare ASCII and a marked one is not, unless the word has no
marks, in which case the two are one lexeme: so a folded query matches the folded words, a
marked one the marked words, in the same column. The bulk writers (``core.bulk.BulkUpsert``:
imports, the partner API, the demo) send each product's terms with its text, computed in
Python (``product_terms``, which this app registers as a ``ComputedColumn`` of products): 5 µs
a product, where SQL takes 30 to 90. For any other writer, row triggers compute the column
when a product is written with a new title or brand and without new terms, and only then (an
upsert's proposed row whose SKU exists is left to its UPDATE). Statement triggers keep the
vocabulary.

Each deal's terms, a column of ``deals_deal`` too, are its product's and one term for each
filter a search may add to its words (``FILTERS``: featured, platform, category, Vietnamese
goods), so that the index hands over only the deals that pass them; each deal's status and
window are read from its row, which the index found already (the category and Vietnamese
goods are asked again of the product of each deal found, as ``deals`` asks them). Row
triggers compute them as a deal is written, and again when the deal's filters or its
product's terms or filters change. PostgreSQL keeps the GIN index on every write, COPY
included. No writer calls anything. A migration that alters the type of a column that a
trigger's condition names (a product's ``title``, ``brand``, ``category_id`` or
``made_in_vietnam``, a deal's ``product_id``, ``featured`` or ``platform_id``) must
``uninstall`` first: PostgreSQL refuses it.

``vn_fold`` and ``vn_mark`` are IMMUTABLE SQL functions. ``vn_fold`` strips marks with
``unaccent`` (a trusted extension), which leaves every Vietnamese letter bare ASCII, 'đ'
included, so that ``lower`` ends it whatever the database's locale; ``vn_mark`` lower-cases
with ICU's root locale, as Python does. Both agree with ``core.text`` on every Vietnamese letter
(tests). Outside Vietnamese, 'ø', 'ß', 'æ' and 'œ' fold to 'o', 'ss', 'ae' and 'oe' here, and
stay as they are in Python: such words are found by their marked form.

A GIN index hands over every deal that matches, in no useful order: a common word ('samsung')
matches tens of thousands. So the index starts with the range of 65,536 product ids a deal's
product falls in (``btree_gin``, a trusted extension), and a search is one statement that
reads the newest range first, then the one before, and stops as soon as it has enough deals;
the ranges it never reaches cost nothing. GIN reads an exact word's entries, not a prefix's
('samsung:*' gathers every deal of every word it begins): the vocabulary turns a prefix into
the few words it begins, a prefix that begins many is checked on each matched deal's words
instead, and a typo becomes the known words one edit away, which ``pg_trgm`` finds among the
words that share trigrams with it.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import BooleanField, QuerySet
from django.db.models.expressions import RawSQL

from onlinefriday.storefront.search.query import Filters, Query
from onlinefriday.storefront.search.text import (
    NEW_PLACEMENTS,
    forms,
    one_edit_away,
    product_text,
)


def _new_placements(sql: str) -> str:
    for old, new in NEW_PLACEMENTS.items():
        sql = f"replace({sql}, '{old}', '{new}')"
    return sql


RANGE_BITS = 16  # products in a range: 65,536 ids


def range_of(product_id: str) -> str:
    """The range of ids that the SQL ``product_id`` falls in, as the index and the searches
    write it (PostgreSQL matches an index's expression to a statement's by its form)."""
    return f"({product_id} >> {RANGE_BITS})"


RANGE = range_of("product_id")  # of a deal
# A column of deals_product (text.product_text's words) and of deals_deal (its product's, and
# ``FILTERS``' terms of the deal).
TERMS = "search_terms"
INDEX = "storefront_deal_terms_by_range"
CREATE_INDEX = f"CREATE INDEX IF NOT EXISTS {INDEX} ON deals_deal USING gin ({RANGE}, {TERMS})"
PRODUCTS_INDEX = "storefront_product_terms_by_range"  # products' own, before migration 0009
# The filters a search may add to its words, each a term of every deal that passes it: the
# index then reads only the deals that do ('kem chống nắng' among featured deals: the 24,914
# deals of its products were read, one by one, to find none; docs/benchmarks.md). Price and
# discount bands are not terms: they are checked on the deals the index found.
FILTERS = {"featured": "_f", "platform_id": "_p", "category_id": "_c", "made_in_vietnam": "_v"}
# A deal's terms: its product's, and its value of each filter ('_p' followed by the platform's
# id, 0 for none; a flag as 0 or 1). No word of a text begins with '_' (``text.words``).
DEAL_TERMS = (
    f"{{product}}.{TERMS} || array_to_tsvector(ARRAY["
    "'_f' || {deal}.featured::int, '_p' || coalesce({deal}.platform_id, 0), "
    "'_c' || coalesce({product}.category_id, 0), '_v' || {product}.made_in_vietnam::int])"
)
WORDS = "storefront_product_word"  # every word of the index, folded and marked
# Known words a prefix may stand for, at most: a shorter prefix ('d') is checked on the
# deals the other words matched (or, typed alone, matched in the index).
PREFIX_WORDS = 16
# Typos: the known words more similar than this by trigrams, each then checked for one edit
# (``text.one_edit_away``). A word of five letters or more shares at least a fifth of the
# trigrams of any word one edit away (a swap of neighbours in the middle of five letters,
# 'abcde' and 'acbde', shares two of ten), above pg_trgm's own threshold of 0.3.
TYPO_SIMILARITY = 0.15
FUNCTION = (
    "CREATE OR REPLACE FUNCTION {name}(text) RETURNS {returns} LANGUAGE sql IMMUTABLE STRICT "
    "PARALLEL SAFE AS $$ SELECT {body} $$"
)
# A product's terms, when its writer did not send them: computed by a row trigger on INSERT,
# unless an upsert proposes a product that is there already (its UPDATE follows, and computes
# them if the text changed), and on an UPDATE of the text. If that product went in the
# meantime, the row goes in without terms, and the statement trigger computes them
# (``COMPLETE``). The lookup is planned once per session, maybe while the table is empty, when
# a scan looks cheaper than the unique index: then every row of a bulk load into it scanned
# all those before (20,000 rows: 28 s, against under a second by the index), so the function
# never scans.
COMPUTE = f"""
    CREATE OR REPLACE FUNCTION storefront_product_terms() RETURNS trigger LANGUAGE plpgsql
    SET enable_seqscan = off AS $$
    BEGIN
        IF TG_OP = 'INSERT' AND EXISTS (
            SELECT 1 FROM deals_product WHERE merchant_id = NEW.merchant_id AND sku = NEW.sku
        ) THEN
            RETURN NEW;
        END IF;
        NEW.{TERMS} := vn_terms(NEW.title || ' ' || NEW.brand);
        RETURN NEW;
    END $$"""  # noqa: S608 (this module's names)
COMPLETE = (  # an UPDATE only when needed: it would fire the statement triggers for nothing
    f"IF EXISTS (SELECT 1 FROM written WHERE {TERMS} IS NULL) THEN "  # noqa: S608
    f"UPDATE deals_product SET {TERMS} = vn_terms(title || ' ' || brand) "
    f"WHERE id IN (SELECT id FROM written WHERE {TERMS} IS NULL); END IF"
)
# A deal's terms, computed as it is written, and again when its product's terms or filters
# change (the product's trigger empties them). As for products, the lookup never scans.
COMPUTE_DEAL = f"""
    CREATE OR REPLACE FUNCTION storefront_deal_terms() RETURNS trigger LANGUAGE plpgsql
    SET enable_seqscan = off AS $$
    BEGIN
        NEW.{TERMS} := (
            SELECT {DEAL_TERMS.format(product="p", deal="NEW")}
            FROM deals_product p WHERE p.id = NEW.product_id
        );
        RETURN NEW;
    END $$"""  # noqa: S608 (this module's names)
RENEW_DEALS = f"""
    CREATE OR REPLACE FUNCTION storefront_product_deals_terms() RETURNS trigger
    LANGUAGE plpgsql SET enable_seqscan = off AS $$
    BEGIN
        UPDATE deals_deal SET {TERMS} = NULL WHERE product_id = NEW.id;
        RETURN NULL;
    END $$"""  # noqa: S608 (this module's names)
FILL_DEALS = (
    f"UPDATE deals_deal d SET {TERMS} = {DEAL_TERMS.format(product='p', deal='d')} "  # noqa: S608
    "FROM deals_product p WHERE p.id = d.product_id"
)
DEAL_TRIGGERS = (
    "CREATE TRIGGER storefront_deal_terms_insert BEFORE INSERT ON deals_deal FOR EACH ROW "
    "EXECUTE FUNCTION storefront_deal_terms()",
    "CREATE TRIGGER storefront_deal_terms_update BEFORE UPDATE ON deals_deal FOR EACH ROW "
    f"WHEN (NEW.{TERMS} IS NULL OR NEW.product_id <> OLD.product_id "
    "OR NEW.featured <> OLD.featured OR NEW.platform_id IS DISTINCT FROM OLD.platform_id) "
    "EXECUTE FUNCTION storefront_deal_terms()",
    "CREATE TRIGGER storefront_product_deals_terms AFTER UPDATE ON deals_product FOR EACH ROW "
    f"WHEN (NEW.{TERMS} IS DISTINCT FROM OLD.{TERMS} "
    "OR NEW.category_id IS DISTINCT FROM OLD.category_id "
    "OR NEW.made_in_vietnam <> OLD.made_in_vietnam) "
    "EXECUTE FUNCTION storefront_product_deals_terms()",
)
DROP_DEAL_TRIGGERS = (
    "DROP TRIGGER IF EXISTS storefront_deal_terms_insert ON deals_deal",
    "DROP TRIGGER IF EXISTS storefront_deal_terms_update ON deals_deal",
    "DROP TRIGGER IF EXISTS storefront_product_deals_terms ON deals_product",
)
# The words of the products a statement wrote that the vocabulary lacks. Triggers a statement
# at a time: a row at a time, learning took 2 ms a product.
LEARN = f"""
    INSERT INTO {WORDS} (word, folded)
    SELECT found.word, found.word = vn_fold(found.word)
    FROM (SELECT DISTINCT unnest(tsvector_to_array({TERMS})) AS word FROM {{rows}}) found
    WHERE NOT EXISTS (SELECT 1 FROM {WORDS} known WHERE known.word = found.word)"""  # noqa: S608 (this module's names)
TERMS_TRIGGERS = (
    "CREATE TRIGGER storefront_product_terms_insert BEFORE INSERT ON deals_product "
    f"FOR EACH ROW WHEN (NEW.{TERMS} IS NULL) EXECUTE FUNCTION storefront_product_terms()",
    # The text changed and its terms did not come with it (the ORM's UPDATE keeps the old).
    "CREATE TRIGGER storefront_product_terms_update BEFORE UPDATE ON deals_product FOR EACH ROW "
    f"WHEN (NEW.{TERMS} IS NULL OR ((OLD.title IS DISTINCT FROM NEW.title "
    f"OR OLD.brand IS DISTINCT FROM NEW.brand) AND NEW.{TERMS} IS NOT DISTINCT FROM OLD.{TERMS})) "
    "EXECUTE FUNCTION storefront_product_terms()",
)
TRIGGERS = (
    "CREATE TRIGGER storefront_product_words_insert AFTER INSERT ON deals_product "
    "REFERENCING NEW TABLE AS written FOR EACH STATEMENT "
    "EXECUTE FUNCTION storefront_product_learn_words()",
    "CREATE TRIGGER storefront_product_words_update AFTER UPDATE ON deals_product "
    "REFERENCING NEW TABLE AS written FOR EACH STATEMENT "
    "EXECUTE FUNCTION storefront_product_learn_words()",
)
DROP_TRIGGERS = (
    "DROP TRIGGER IF EXISTS storefront_product_words_insert ON deals_product",
    "DROP TRIGGER IF EXISTS storefront_product_words_update ON deals_product",
)
DROP_TERMS_TRIGGERS = (
    "DROP TRIGGER IF EXISTS storefront_product_terms_insert ON deals_product",
    "DROP TRIGGER IF EXISTS storefront_product_terms_update ON deals_product",
)
INSTALL = (
    "CREATE EXTENSION IF NOT EXISTS unaccent SCHEMA public",
    "CREATE EXTENSION IF NOT EXISTS btree_gin SCHEMA public",
    "CREATE EXTENSION IF NOT EXISTS pg_trgm SCHEMA public",
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
    FUNCTION.format(
        name="vn_terms", returns="tsvector", body="vn_words(vn_fold($1)) || vn_words(vn_mark($1))"
    ),
    # Computed for the products there as the table is rewritten once (an UPDATE of every row
    # would leave a dead copy of each), then kept by the triggers.
    f"ALTER TABLE deals_product ADD COLUMN IF NOT EXISTS {TERMS} tsvector "
    "GENERATED ALWAYS AS (vn_terms(title || ' ' || brand)) STORED",
    f"ALTER TABLE deals_product ALTER COLUMN {TERMS} DROP EXPRESSION IF EXISTS",
    COMPUTE,
    f"ALTER TABLE deals_deal ADD COLUMN IF NOT EXISTS {TERMS} tsvector",
    COMPUTE_DEAL,
    RENEW_DEALS,
    f"DROP INDEX IF EXISTS {PRODUCTS_INDEX}",
    # A word stays when the last product that held it goes: the vocabulary only ever names
    # words to look for, and a word no product holds finds nothing (typed, it is taken as no
    # typo); the index built anew (a migration) learns the words there only. No unique index:
    # two writers learning the same new word would wait on each other.
    f'CREATE TABLE IF NOT EXISTS {WORDS} (word text COLLATE "C" NOT NULL, folded boolean NOT NULL)',
    f"CREATE INDEX IF NOT EXISTS {WORDS}_lookup ON {WORDS} (word)",
    f"CREATE INDEX IF NOT EXISTS {WORDS}_trigrams ON {WORDS} USING gin (word gin_trgm_ops) "
    "WHERE folded",
    "CREATE OR REPLACE FUNCTION storefront_product_learn_words() RETURNS trigger "
    "LANGUAGE plpgsql AS $$ BEGIN "
    f"IF TG_OP = 'INSERT' THEN {COMPLETE}; END IF; "
    f"{LEARN.format(rows='written')}; RETURN NULL; END $$",
)
UNINSTALL = (
    *DROP_TRIGGERS,
    *DROP_TERMS_TRIGGERS,
    *DROP_DEAL_TRIGGERS,
    f"DROP INDEX IF EXISTS {INDEX}",
    f"DROP INDEX IF EXISTS {PRODUCTS_INDEX}",
    f"ALTER TABLE deals_deal DROP COLUMN IF EXISTS {TERMS}",
    f"ALTER TABLE deals_product DROP COLUMN IF EXISTS {TERMS}",
    "DROP FUNCTION IF EXISTS storefront_deal_terms()",
    "DROP FUNCTION IF EXISTS storefront_product_deals_terms()",
    # The indexes of expressions before the column (migrations 0001 to 0005).
    "DROP INDEX IF EXISTS storefront_product_folded_by_range",
    "DROP INDEX IF EXISTS storefront_product_marked_by_range",
    "DROP INDEX IF EXISTS storefront_product_folded",
    "DROP INDEX IF EXISTS storefront_product_marked",
    "DROP FUNCTION IF EXISTS storefront_product_learn_words()",
    "DROP FUNCTION IF EXISTS storefront_product_terms()",
    f"DROP TABLE IF EXISTS {WORDS}",
    "DROP FUNCTION IF EXISTS vn_terms(text)",
    "DROP FUNCTION IF EXISTS vn_words(text)",
    "DROP FUNCTION IF EXISTS vn_mark(text)",
    "DROP FUNCTION IF EXISTS vn_fold(text)",
)


def product_terms(title: str, brand: str) -> str:
    """A product's terms as ``vn_terms`` gives them, in ``tsvector`` input form (its words
    are letters and digits only: none needs quoting)."""
    return " ".join(forms(product_text(title, brand)))


def install(connection: BaseDatabaseWrapper, *, fill: bool = False) -> None:
    """Create the functions, columns, index and vocabulary; the products' column covers the
    products there, ``fill`` computes the deals' column too (before the index is built over
    it), learns the products' words and measures the columns for the planner."""
    with connection.cursor() as cursor:
        for statement in INSTALL:
            cursor.execute(statement)
        if fill:
            cursor.execute(FILL_DEALS)
        _build_index(cursor)
        if fill:
            _learn_words(cursor, since=0)
            cursor.execute("ANALYZE deals_product")
            cursor.execute("ANALYZE deals_deal")
        for statement in (
            *DROP_TERMS_TRIGGERS,
            *TERMS_TRIGGERS,
            *DROP_TRIGGERS,
            *TRIGGERS,
            *DROP_DEAL_TRIGGERS,
            *DEAL_TRIGGERS,
        ):
            cursor.execute(statement)


def uninstall(connection: BaseDatabaseWrapper) -> None:
    with connection.cursor() as cursor:
        for statement in UNINSTALL:
            cursor.execute(statement)


def suspend(connection: BaseDatabaseWrapper) -> None:
    """Drop the index and stop learning words, for a bulk load (``resume`` afterwards): one
    build over every row takes a fraction of the time that adding each row's words to a GIN
    index does. Each product's and deal's terms are still computed as it is written."""
    with connection.cursor() as cursor:
        for statement in (*DROP_TRIGGERS, f"DROP INDEX IF EXISTS {INDEX}"):
            cursor.execute(statement)


def resume(connection: BaseDatabaseWrapper, *, since: int) -> None:
    """Build the index again (over every deal), learn the words of the products from id
    ``since`` on, follow writes again, and ``ANALYZE``, so that the planner knows the new rows.
    Outside a transaction (which VACUUM cannot run in), ``VACUUM`` as well, as autovacuum would
    later: it marks the new rows' pages all-visible, so that a listing reads its deals from the
    listing index alone rather than from their rows too (docs/benchmarks.md; 5 s after a load
    of a million deals)."""
    with connection.cursor() as cursor:
        _build_index(cursor)
        _learn_words(cursor, since=since)
        for statement in TRIGGERS:
            cursor.execute(statement)
        cursor.execute("ANALYZE" if connection.in_atomic_block else "VACUUM (ANALYZE)")


def _build_index(cursor) -> None:
    cursor.execute("SET maintenance_work_mem = '256MB'")
    cursor.execute(CREATE_INDEX)
    cursor.execute("RESET maintenance_work_mem")


def _learn_words(cursor, *, since: int) -> None:
    rows = f"(SELECT {TERMS} FROM deals_product WHERE id >= {int(since)}) products"  # noqa: S608
    cursor.execute(LEARN.format(rows=rows))


def _known(
    connection: BaseDatabaseWrapper, lookups: list[tuple[str, bool, bool]]
) -> dict[tuple[str, bool, bool], list[str]]:
    """For each (text, prefix, marked) asked, the known words that are ``text`` (or begin
    with it), folded ones only unless ``marked``, up to one more than ``PREFIX_WORDS``: in one
    statement."""
    if not lookups:
        return {}
    texts, prefixes, marked = (list(column) for column in zip(*lookups, strict=True))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT asked.n, known.word "  # noqa: S608 (this module's names)
            "FROM unnest(%s::text[], %s::boolean[], %s::boolean[]) WITH ORDINALITY "
            "AS asked (text, prefix, marked, n) "
            f"CROSS JOIN LATERAL (SELECT DISTINCT word FROM {WORDS} "
            # A range of the index: every word that begins with the text sorts below the text
            # followed by the last code point.
            "WHERE word >= asked.text AND word <= CASE WHEN asked.prefix "
            "THEN asked.text || chr(1114111) ELSE asked.text END "
            "AND (folded OR asked.marked) ORDER BY word LIMIT %s) known "
            "ORDER BY asked.n, known.word",
            [texts, prefixes, marked, PREFIX_WORDS + 1],
        )
        rows = cursor.fetchall()
    known: dict[tuple[str, bool, bool], list[str]] = {lookup: [] for lookup in lookups}
    for n, word in rows:
        known[lookups[n - 1]].append(word)
    return known


def corrections(connection: BaseDatabaseWrapper, typed: str) -> list[str]:
    """The folded words of the vocabulary one edit away from ``typed``: those that share
    enough trigrams with it, checked edit by edit."""
    with connection.cursor() as cursor:
        cursor.execute(f"SET pg_trgm.similarity_threshold = {TYPO_SIMILARITY}")
        cursor.execute(
            f"SELECT DISTINCT word FROM {WORDS} WHERE folded AND word %% %s",  # noqa: S608
            [typed],
        )
        similar = {word for (word,) in cursor.fetchall()}
    return sorted(similar & one_edit_away(typed))


@dataclass(frozen=True)
class Match:
    """One search of the index: what it reads of the GIN index, and what each deal it
    reads must also hold (a prefix of many words, None: nothing more)."""

    index: str  # a tsquery
    also: str | None = None


def _term(
    connection: BaseDatabaseWrapper,
    text: str,
    *,
    prefix: bool,
    typo: bool,
    known: list[str] | None,
) -> tuple[str, bool]:
    """The tsquery for one word as typed, and whether the index can read it (a prefix of
    many words it cannot), given the ``known`` words that are it or begin with it (None: not
    asked, neither a prefix nor ``typo``): a prefix as the few known words it begins; one that
    no known word is or begins, and ``typo`` allows, as itself or any known word one edit away."""
    typed = f"{text}:*" if prefix else text
    if known is None:
        return typed, True
    if len(known) > PREFIX_WORDS:
        return typed, not prefix
    if known:
        return (_any(known) if prefix else text), True
    if typo:
        return _any([typed, *corrections(connection, text)]), True
    return typed, True


def _any(forms: list[str]) -> str:
    return forms[0] if len(forms) == 1 else "(" + " | ".join(forms) + ")"


def matches(connection: BaseDatabaseWrapper, query: Query) -> list[Match]:
    """The searches to run in turn: the words with the marks typed, whose deals come first
    (when some are typed), then the folded words (one unknown to every product may be any
    known word one edit away)."""
    marks = any(word.marked != word.folded for word in query.words)
    # (text, prefix, marked, typo) of each term of both searches
    terms = [(w.folded, w.prefix, False, w.may_have_typo) for w in query.words]
    if marks:
        terms += [(w.marked, w.prefix, True, False) for w in query.words]
    known = _known(connection, list(dict.fromkeys(t[:3] for t in terms if t[1] or t[3])))

    def match(marked: bool) -> Match:
        read, checked = [], []
        for text, prefix, form, typo in terms:
            if form == marked:
                tsquery, indexed = _term(
                    connection,
                    text,
                    prefix=prefix,
                    typo=typo,
                    known=known.get((text, prefix, form)),
                )
                (read if indexed else checked).append(tsquery)
        if not read:  # a short prefix typed alone: the index reads it after all
            read, checked = checked, []
        return Match(" & ".join(read), " & ".join(checked) or None)

    return [match(marked=True), match(marked=False)] if marks else [match(marked=False)]


# The matching deals, newest product first: the ranges of product ids from the newest down,
# each range's matches sorted, until LIMIT has enough. A nested loop hands over rows in that
# order and stops at the limit; a range it never reaches is never read. ``OFFSET 0`` keeps the
# subquery apart, so that the loop is the only plan.
SEARCH = f"""
    SELECT {{columns}}
    FROM generate_series({range_of("(SELECT max(id) FROM deals_product)")}, 0, -1) ranges (n)
    CROSS JOIN LATERAL ({{deals}} OFFSET 0) found
    LIMIT %s"""  # noqa: S608 (this module's names)
# The range and words a deal of the subquery must match, its filters' terms among them.
DEAL_PRODUCT = '"deals_deal".product_id'
MATCHED = (
    f'({range_of(DEAL_PRODUCT)} = ranges.n AND "deals_deal".{TERMS} @@ %s::tsquery {{checks}})'
)
# A tsquery checked on each matched deal's terms: as a function, which no index serves, so
# that the planner cannot make the GIN index gather a prefix's every deal.
CHECK = f'ts_match_vq("deals_deal".{TERMS}, %s::tsquery)'


def filter_terms(filters: Filters) -> list[str]:
    """The terms of the deals that pass ``filters`` (``FILTERS``' names: an id or a flag; None,
    an id that does not exist, is a term no deal holds)."""
    return [
        FILTERS[name] + ("" if value is None else str(int(value)))
        for name, value in filters.items()
    ]


def ranked(
    connection: BaseDatabaseWrapper,
    deals: QuerySet,
    query: Query,
    *,
    limit: int,
    fields: Sequence[str] = ("id",),
    filters: Filters | None = None,
) -> list[tuple]:
    """``index.ranked``: one statement a search (``SEARCH``); most queries find enough
    with the marked words and never run the folded search. That one finds again the deals the
    marked one found (too few of them): each is kept once, where it came first. Leaving them
    out in the index instead (``& !(...)``) cost more than reading them again, now that the
    index holds the ``filters`` (``FILTERS``) that ``deals`` has: 'kem chống nắng' among
    featured deals, 1.7 ms against 0.9 ms a range of the index, for no deal. The last of
    ``fields`` is the deal's id."""
    passing = filter_terms(filters or {})
    columns = ", ".join(f"found.{name}" for name in fields)  # names of model fields
    rows: list[tuple] = []
    for match in matches(connection, query):
        checks, params = "", []
        if match.also:
            checks = f"AND {CHECK}"
            params.append(match.also)
        matched = RawSQL(  # noqa: S611 (this module's SQL; the words are parameters)
            MATCHED.format(checks=checks),
            [" & ".join([match.index, *passing]), *params],
            output_field=BooleanField(),
        )
        in_range = deals.filter(matched).order_by("-product_id", "-id").values(*fields)
        deals_sql, deals_params = in_range.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(SEARCH.format(columns=columns, deals=deals_sql), [*deals_params, limit])
            found = {row[-1] for row in rows}
            rows += [row for row in cursor.fetchall() if row[-1] not in found]
        if len(rows) >= limit:
            break
    return rows[:limit]
