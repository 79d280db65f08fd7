"""``GET /api/v1/deals``: the published deals shoppers see, searched, filtered and paged as on
the storefront (``storefront.search``). Open to anyone, rate-limited per address.

Its operation sits on the deals router (``api.deals``): the path is the one ``POST`` stores deals
at, and Django routes a path to one view only.
"""

from enum import StrEnum

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Query
from ninja.responses import Status
from pydantic import BaseModel, Field

from onlinefriday.api.deals import router
from onlinefriday.api.errors import BadInputOut, ErrorOut, bad_input
from onlinefriday.compliance.submission_errors import Problem, both
from onlinefriday.deals.models import Category
from onlinefriday.merchants.models import Platform
from onlinefriday.storefront.page_selectors import with_verified_history
from onlinefriday.storefront.search import DealSearch, ListedDeal, Sort, search_deals
from onlinefriday.tracking.links import click_url

PER_PAGE = 24
UNKNOWN_CATEGORY = _("There is no such category. The categories are: %(slugs)s.")
UNKNOWN_PLATFORM = _("There is no such platform. The platforms are: %(codes)s.")


class Badge(StrEnum):
    PRICE_HISTORY_VERIFIED = "price_history_verified"
    GENUINE_DECLARED = "genuine_declared"
    MADE_IN_VIETNAM = "made_in_vietnam"
    FEATURED = "featured"


class DealFilters(BaseModel):
    q: str = Field("", max_length=200, description="Words, with or without marks.")
    category: str = Field("", description="A category's slug, e.g. dien-thoai-may-tinh-bang.")
    platform: str = Field("", description="A platform's code, e.g. shopee.")
    made_in_vietnam: bool | None = None
    featured: bool | None = None
    min_discount: int | None = Field(None, ge=0, le=100, description="Percent.")
    sort: Sort = Sort.RELEVANCE
    page: int = Field(1, ge=1, le=1000)


class DealItemOut(BaseModel):
    id: int
    title: str
    price: int = Field(description="Before the promotion, in đồng.")
    sale_price: int = Field(description="In đồng.")
    discount_percent: int = Field(description="Whole percent, rounded down.")
    platform: str = Field(description="The platform's code.")
    merchant: str = Field(description="The merchant's name.")
    badges: list[Badge]
    url: str = Field(description="Our click-out link to the deal on its platform.")


class DealPageOut(BaseModel):
    items: list[DealItemOut]
    total: int = Field(description="Deals found, counted up to 1,000.")
    page: int
    pages: int
    per_page: int


@router.get(
    "",
    auth=None,
    response={200: DealPageOut, 422: BadInputOut, 429: ErrorOut},
    summary="Published deals: search, filter, sort, page",
)
def list_deals(request: HttpRequest, filters: Query[DealFilters]):
    """The deals shoppers see now, found as on the storefront: words match with or without
    marks, the last one as a prefix, with one typo in words of five letters or more."""
    problems = _unknown_names(filters)
    if problems:
        return Status(422, bad_input(problems))
    results = search_deals(
        DealSearch(
            q=filters.q,
            category=filters.category,
            platform=filters.platform,
            made_in_vietnam=filters.made_in_vietnam,
            featured=filters.featured,
            min_discount=filters.min_discount,
            sort=filters.sort,
            page=filters.page,
            per_page=PER_PAGE,
        )
    )
    verified = with_verified_history(results.deals)
    return DealPageOut(
        items=[_item(request, deal, deal.pk in verified) for deal in results.deals],
        total=results.total,
        page=results.page,
        pages=results.pages,
        per_page=PER_PAGE,
    )


def _unknown_names(filters: DealFilters) -> list[Problem]:
    problems = []
    if filters.category and not Category.objects.filter(slug=filters.category).exists():
        slugs = ", ".join(Category.objects.values_list("slug", flat=True))
        problems.append(Problem(("query", "category"), *both(UNKNOWN_CATEGORY, {"slugs": slugs})))
    if filters.platform and not Platform.objects.filter(code=filters.platform).exists():
        codes = ", ".join(Platform.objects.values_list("code", flat=True))
        problems.append(Problem(("query", "platform"), *both(UNKNOWN_PLATFORM, {"codes": codes})))
    return problems


def _item(request: HttpRequest, deal: ListedDeal, history_verified: bool) -> DealItemOut:
    badges = [
        badge
        for badge, shown in (
            (Badge.PRICE_HISTORY_VERIFIED, history_verified),
            (Badge.GENUINE_DECLARED, deal.genuine_declared),
            (Badge.MADE_IN_VIETNAM, deal.made_in_vietnam),
            (Badge.FEATURED, deal.featured),
        )
        if shown
    ]
    return DealItemOut(
        id=deal.pk,
        title=deal.title,
        price=deal.price,
        sale_price=deal.sale_price,
        discount_percent=deal.discount_percent,
        platform=deal.platform_code,
        merchant=deal.merchant_name,
        badges=badges,
        url=request.build_absolute_uri(click_url(deal)),
    )
