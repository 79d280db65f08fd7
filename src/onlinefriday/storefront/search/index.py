"""The text index on the database in use: FTS5 over products on SQLite (``sqlite``), a full-text
GIN index over deals and a word list on PostgreSQL (``postgresql``). Both follow every write
to products (and deals) by themselves (triggers), whoever writes."""

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from types import ModuleType

from django.db import connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import QuerySet

from onlinefriday.core.bulk import pending_checks_run
from onlinefriday.core.text import fold
from onlinefriday.storefront.search import postgresql, sqlite
from onlinefriday.storefront.search.query import Filters, Query

# Two indexes on deals that hold every column a search filters them by (what
# ``published_deals`` and ``search.filtered_deals`` ask of a deal), so that neither reads the
# deals' rows. The first serves listings without words in their order (``Sort.RELEVANCE``:
# featured, then by discount, written as ``search.discount_percent`` compiles it): a
# category's first thousand deals are read in the index's order, where sorting its hundred
# thousand took 250 ms. It holds the prices too: PostgreSQL reads an index alone only when it
# holds every column the statement names, the discount's included (a category's listing read
# 3,149 deals' rows, 6 ms, for 1,000 of them). The second finds the deals of the products
# SQLite's text index matched (PostgreSQL's text index holds deals: ``postgresql``).
FILTERED = "status, starts_at, ends_at, hidden_at"
DISCOUNT = "(COALESCE(((price - sale_price) * 100) / NULLIF(price, 0), 0))"
DEAL_INDEXES = {
    "storefront_deal_listing": (
        f"status, featured, {DISCOUNT}, id, {FILTERED}, product_id, price, sale_price"
    ),
    "storefront_deal_product": (
        f"product_id, {FILTERED}, featured, platform_id, sale_price, price, id"
    ),
}
CREATE_DEAL_INDEXES = [
    f"CREATE INDEX IF NOT EXISTS {name} ON deals_deal ({columns})"
    for name, columns in DEAL_INDEXES.items()
]
DROP_DEAL_INDEXES = [f"DROP INDEX IF EXISTS {name}" for name in DEAL_INDEXES]
# On PostgreSQL, what a listing asks of each deal's product (its category, Vietnamese goods)
# from an index alone: read from the products' rows, it took 14 of a category listing's
# 20 ms. SQLite finds a product's row by its id in the table itself.
PRODUCT_FILTERS_INDEX = "storefront_product_filters"
CREATE_PRODUCT_FILTERS = (
    f"CREATE INDEX IF NOT EXISTS {PRODUCT_FILTERS_INDEX} "
    "ON deals_product (id, category_id, made_in_vietnam)"
)
SUGGESTION_ROWS = 200  # ranked deals read for suggestions: many deals share a title


def _backend(on: BaseDatabaseWrapper = connection) -> ModuleType:
    return postgresql if on.vendor == "postgresql" else sqlite


def listing_indexes(on: BaseDatabaseWrapper) -> tuple[list[str], list[str]]:
    """The statements that create, and those that drop, the indexes listings read on ``on``."""
    if on.vendor != "postgresql":
        return CREATE_DEAL_INDEXES, DROP_DEAL_INDEXES
    return (
        [*CREATE_DEAL_INDEXES, CREATE_PRODUCT_FILTERS],
        [*DROP_DEAL_INDEXES, f"DROP INDEX IF EXISTS {PRODUCT_FILTERS_INDEX}"],
    )


def install(on: BaseDatabaseWrapper, *, fill: bool = False) -> None:
    _backend(on).install(on, fill=fill)


def uninstall(on: BaseDatabaseWrapper) -> None:
    _backend(on).uninstall(on)


@contextmanager
def bulk_load(on: BaseDatabaseWrapper, *, first_product: int) -> Iterator[None]:
    """Write products and deals (from product id ``first_product`` on) without indexing each
    row, then index them all at once (also after a failure, for the chunks committed) and
    refresh the planner's statistics. Other writers of products must wait for the end."""
    backend = _backend(on)
    create, drop = listing_indexes(on)
    backend.suspend(on)
    _execute(on, drop)
    try:
        yield
    finally:
        with pending_checks_run(on):
            _execute(on, create)  # sorted once: faster than a row at a time
            backend.resume(on, since=first_product)


def _execute(on: BaseDatabaseWrapper, statements: list[str]) -> None:
    with on.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def holds_filters() -> bool:
    """Whether ``ranked`` reads ``filters`` in the index (PostgreSQL's holds them)."""
    return _backend() is postgresql


def ranked(
    deals: QuerySet,
    query: Query,
    *,
    limit: int,
    fields: Sequence[str] = ("id",),
    filters: Filters | None = None,
) -> list[tuple]:
    """The ``fields`` of up to ``limit`` of ``deals`` that match ``query`` (fields of the
    model or annotations, the last one ``id``): those whose words carry the marks typed first,
    then those that match once folded; newest products first in each. ``filters`` repeat some
    of the filters ``deals`` has, for an index that holds them (PostgreSQL's)."""
    return _backend().ranked(
        connection, deals, query, limit=limit, fields=fields, filters=filters or {}
    )


def ranked_ids(
    deals: QuerySet,
    query: Query,
    *,
    limit: int,
    filters: Filters | None = None,
) -> list[int]:
    return [deal_id for (deal_id,) in ranked(deals, query, limit=limit, filters=filters)]


def suggested_titles(deals: QuerySet, query: Query, *, limit: int) -> list[str]:
    """The best matching products' titles, each once (whatever its marks or case)."""
    ids = ranked_ids(deals, query, limit=SUGGESTION_ROWS)
    title_of = dict(deals.filter(pk__in=ids).values_list("id", "product__title"))
    titles: dict[str, str] = {}
    for pk in ids:
        titles.setdefault(fold(title_of[pk]), title_of[pk])
        if len(titles) == limit:
            break
    return list(titles.values())
