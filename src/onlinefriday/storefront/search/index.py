"""The text index of products on the database in use: FTS5 on SQLite (``sqlite``), full-text
and trigram indexes on PostgreSQL (``postgresql``). Both follow every write to products by
themselves (triggers, expression indexes), whoever writes."""

from types import ModuleType

from django.db import connection
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import QuerySet

from onlinefriday.core.bulk import AnyOf
from onlinefriday.core.text import fold
from onlinefriday.storefront.search import postgresql, sqlite
from onlinefriday.storefront.search.query import Query

BATCH = 2000  # products read from the index at a time
SUGGESTION_ROWS = 200  # ranked deals read for suggestions: many deals share a title


def _backend(on: BaseDatabaseWrapper = connection) -> ModuleType:
    return postgresql if on.vendor == "postgresql" else sqlite


def install(on: BaseDatabaseWrapper, *, fill: bool = False) -> None:
    _backend(on).install(on, fill=fill)


def uninstall(on: BaseDatabaseWrapper) -> None:
    _backend(on).uninstall(on)


def ranked_ids(deals: QuerySet, query: Query, *, limit: int) -> list[int]:
    """Ids of up to ``limit`` of ``deals`` that match ``query``: those whose words carry the
    marks typed first, then those that match once folded; newest products first in each.

    Matching products are read from the index first, then their deals filtered in batches:
    joined in one statement, SQLite's planner may start from a selective filter (a platform)
    and run the text query once per deal, for minutes."""
    assert AnyOf.lookup_name == "any_of"
    backend = _backend()
    ids: list[int] = []
    for search in backend.match_expressions(connection, query):
        # Most queries are served by the first products read; a filter that keeps few of them
        # reads all the others at once: each read evaluates the whole text query again.
        first = backend.product_ids(connection, search, before=None, size=BATCH)
        rest = (
            backend.product_ids(connection, search, before=first[-1], size=None)
            if len(first) == BATCH
            else []
        )
        products = first + rest
        for start in range(0, len(products), BATCH):
            if len(ids) >= limit:
                break
            found = (
                deals.filter(product__id__any_of=products[start : start + BATCH])
                .exclude(pk__in=ids)
                .order_by("-product_id")
                .values_list("id", flat=True)
            )
            ids += found[: limit - len(ids)]
    return ids


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
