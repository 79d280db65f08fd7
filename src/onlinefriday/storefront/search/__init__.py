"""Finding published deals: Vietnamese full-text search, filters, sorts and pages.

Every query starts from ``published_deals()``: status, window and shoppers' reports decide what
shows; the text index holds products' titles and brands, and on PostgreSQL the deals' filters
that searches combine with words (``storefront.search.index``).
"""

import math
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from operator import itemgetter

from django.db.models import Exists, F, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, NullIf
from django.utils import timezone

from onlinefriday.deals.models import Category, Deal, Product
from onlinefriday.merchants.models import Platform
from onlinefriday.storefront.search import index
from onlinefriday.storefront.search.query import Filters, Query
from onlinefriday.storefront.selectors import published_deals

# How many deals a query answers at most (41 pages of 24), as shops offer the first pages
# only: counting and ranking every one of the 100,000 deals that 'samsung' may match would
# take longer than the shopper waits (docs/benchmarks.md).
MAX_RESULTS = 1000


class Sort(StrEnum):
    RELEVANCE = "relevance"
    DISCOUNT = "discount"
    PRICE = "price"
    NEWEST = "newest"
    CLICKS = "clicks"


@dataclass(frozen=True)
class DealSearch:
    q: str = ""
    category: str = ""  # category slug
    platform: str = ""  # platform code
    min_price: int | None = None  # sale price band, VND
    max_price: int | None = None
    min_discount: int | None = None  # percent, integers
    max_discount: int | None = None
    made_in_vietnam: bool | None = None
    featured: bool | None = None
    sort: Sort = Sort.RELEVANCE
    page: int = 1
    per_page: int = 24


@dataclass(frozen=True, slots=True)
class ListedDeal:
    """A published deal as lists show it (``_deal_card.html``, the API's items, their badges
    and the page's expiry): plain values of one statement. Model instances of the deal, its
    product, merchant and platform took a quarter of a search's time to read and build
    (docs/benchmarks.md)."""

    pk: int
    festival_id: int
    product_id: int
    title: str
    image_url: str
    made_in_vietnam: bool
    merchant_name: str
    platform_code: str  # "" when the deal names no platform
    platform_name: str
    price: int
    sale_price: int
    discount_percent: int
    featured: bool
    genuine_declared: bool
    starts_at: datetime
    ends_at: datetime


# Where each field of ``ListedDeal`` comes from, as a deal's queries name it.
LISTED_FROM = {
    "pk": "id", "festival_id": "festival_id", "product_id": "product_id",
    "title": "product__title", "image_url": "product__image_url",
    "made_in_vietnam": "product__made_in_vietnam", "merchant_name": "product__merchant__name",
    "platform_code": "platform__code", "platform_name": "platform__name",
    "price": "price", "sale_price": "sale_price", "discount_percent": "discount_percent",
    "featured": "featured", "genuine_declared": "genuine_declared",
    "starts_at": "starts_at", "ends_at": "ends_at",
}  # fmt: skip


@dataclass(frozen=True)
class SearchResults:
    """One page of deals; ``total`` counts up to ``MAX_RESULTS``."""

    deals: list[ListedDeal]
    total: int
    page: int
    pages: int
    search: DealSearch


def discount_percent():
    """The discount in whole percent, rounded down (SQL integer division of integers).

    The numbers are written in the SQL, not bound: ``index.DEAL_INDEXES`` hold this expression,
    and a database uses an index on an expression only for the same SQL."""

    def number(value: int) -> RawSQL:
        return RawSQL(str(int(value)), (), output_field=IntegerField())  # noqa: S611 (an int)

    cut = (F("price") - F("sale_price")) * number(100) / NullIf(F("price"), number(0))
    return Coalesce(cut, number(0), output_field=IntegerField())


ORDERINGS = {
    # Without words, 'relevance' puts the festival's featured deals first.
    Sort.RELEVANCE: ("-featured", "-discount_percent", "-id"),
    Sort.DISCOUNT: ("-discount_percent", "-id"),
    Sort.PRICE: ("sale_price", "id"),
    Sort.NEWEST: ("-starts_at", "-id"),
    Sort.CLICKS: (F("clicks__clicks").desc(nulls_last=True), "-id"),
}


def filtered_deals(search: DealSearch, now: datetime | None = None) -> QuerySet[Deal]:
    """Published deals that pass the search's filters, ``discount_percent`` annotated."""
    deals = published_deals(now).annotate(discount_percent=discount_percent())
    # A category or platform by its id, looked up once in the statement: by its code, each
    # deal the search reads joined its row (6,000 deals read for 'tủ lạnh' on Tiki: 10 ms).
    products = {}
    if search.category:
        products["category_id"] = _id_of(Category.objects.filter(slug=search.category))
    if search.made_in_vietnam is not None:
        products["made_in_vietnam"] = search.made_in_vietnam
    if products:
        # Asked of each deal's product, not joined: joined, the planner starts from the
        # category's products and sorts all their deals, where reading the listing index
        # (``index.DEAL_INDEXES``) in order stops at the first thousand (400 ms against 20).
        deals = deals.filter(Exists(Product.objects.filter(pk=OuterRef("product_id"), **products)))
    if search.platform:
        deals = deals.filter(platform_id=_id_of(Platform.objects.filter(code=search.platform)))
    if search.featured is not None:
        deals = deals.filter(featured=search.featured)
    if search.min_price is not None:
        deals = deals.filter(sale_price__gte=search.min_price)
    if search.max_price is not None:
        deals = deals.filter(sale_price__lte=search.max_price)
    if search.min_discount is not None:
        deals = deals.filter(discount_percent__gte=search.min_discount)
    if search.max_discount is not None:
        deals = deals.filter(discount_percent__lte=search.max_discount)
    return deals


def _id_of(rows: QuerySet) -> Subquery:
    return Subquery(rows.values("id")[:1])


def search_deals(search: DealSearch, now: datetime | None = None) -> SearchResults:
    """One page of the published deals that match ``search``, in its order."""
    now = now or timezone.now()
    deals = filtered_deals(search, now)
    query = Query.parse(search.q)
    ordering = ORDERINGS[search.sort]
    if query.words:
        # The best matches in the order asked: ordering every match of a word that thousands
        # of deals hold would take longer than the shopper waits. Their keys come with them
        # (a second statement took 10 ms), but for the clicks, which another table holds.
        filters = indexed_filters(search) if index.holds_filters() else {}
        if search.sort is not Sort.RELEVANCE and all(isinstance(k, str) for k in ordering):
            fields = [key.removeprefix("-") for key in ordering]
            found = index.ranked(deals, query, limit=MAX_RESULTS, fields=fields, filters=filters)
            ids = _in_order(found, ordering)
        else:
            ids = index.ranked_ids(deals, query, limit=MAX_RESULTS, filters=filters)
            if search.sort is not Sort.RELEVANCE:
                ordered = deals.filter(pk__any_of=ids).order_by(*ordering)
                ids = list(ordered.values_list("id", flat=True))
    else:
        ordered = deals.order_by(*ordering)
        ids = list(ordered.values_list("id", flat=True)[:MAX_RESULTS])
    total = len(ids)
    pages = max(1, math.ceil(total / search.per_page))
    page = min(max(search.page, 1), pages)
    shown = ids[(page - 1) * search.per_page : page * search.per_page]
    # The page's deals by id alone: they passed the filters at ``now`` already, and with the
    # filters again the planner may start from a category's every deal.
    rows = (
        Deal.objects.filter(pk__in=shown)
        .annotate(discount_percent=discount_percent())
        .values_list(*LISTED_FROM.values())
    )
    found = {row[0]: _listed(row) for row in rows}  # "pk" first
    return SearchResults(
        deals=[found[pk] for pk in shown if pk in found],
        total=total,
        page=page,
        pages=pages,
        search=search,
    )


def indexed_filters(search: DealSearch) -> Filters:
    """The search's filters that a text index may hold (``index.ranked``): a category or
    platform by its id (None when there is no such)."""
    filters: dict[str, int | bool | None] = {}
    if search.featured is not None:
        filters["featured"] = search.featured
    if search.made_in_vietnam is not None:
        filters["made_in_vietnam"] = search.made_in_vietnam
    if search.category:
        category = Category.objects.filter(slug=search.category)
        filters["category_id"] = category.values_list("id", flat=True).first()
    if search.platform:
        platform = Platform.objects.filter(code=search.platform)
        filters["platform_id"] = platform.values_list("id", flat=True).first()
    return filters


def _listed(row: tuple) -> ListedDeal:
    listed = dict(zip(LISTED_FROM, row, strict=True))
    listed["platform_code"] = listed["platform_code"] or ""  # no platform: blank
    listed["platform_name"] = listed["platform_name"] or ""
    return ListedDeal(**listed)


def _in_order(rows: list[tuple], ordering: tuple[str, ...]) -> list[int]:
    """The ids of ``rows`` (the values of ``ordering``'s fields, the last the id) sorted as
    the database would: by the last key first, as Python's sort keeps earlier orders."""
    for position in reversed(range(len(ordering))):
        rows.sort(key=itemgetter(position), reverse=ordering[position].startswith("-"))
    return [row[-1] for row in rows]


def suggest(prefix: str, limit: int = 8, now: datetime | None = None) -> list[str]:
    """Titles of published deals for search-as-you-type, best match first, each once."""
    query = Query.parse(prefix)
    if not query.words:
        return []
    return index.suggested_titles(published_deals(now), query, limit=limit)
