"""Reads of products, their price history and deals; the maths is ``compliance.history``'s."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import QuerySet

from onlinefriday.compliance.facts import REFERENCE_DAYS
from onlinefriday.compliance.history import PriceHistory, PricePoint
from onlinefriday.deals.models import Deal, ObservationSource, Product
from onlinefriday.festivals.models import Festival
from onlinefriday.merchants.models import Merchant, Partner, Platform


def product_by_sku(merchant: Merchant, sku: str) -> Product:
    """Raises Product.DoesNotExist."""
    return Product.objects.get(merchant=merchant, sku=sku)


def price_history_for(product: Product) -> PriceHistory:
    """Every price observed for the product, from every source."""
    return PriceHistory(product.observations.values_list("observed_at", "price"))


@dataclass(frozen=True)
class PriceBeforeStart:
    """What a product's history says about the prices before a start: the price immediately
    before it (Decree 81/2018 Art. 7), the lowest of the ``days`` before it (the 'before' price
    a deal may show), and the steps for a chart of that window."""

    start: datetime
    days: int
    price_before_start: int | None
    lowest: int | None
    observations: int  # prices that applied in the window
    chart: list[PricePoint]


def price_before_start(
    product: Product, start: datetime, *, end: datetime | None = None, days: int = REFERENCE_DAYS
) -> PriceBeforeStart:
    """The product's prices before ``start``; the chart runs to ``end`` (default: the start)."""
    history = price_history_for(product)
    reference = history.reference(start, days)
    return PriceBeforeStart(
        start=start,
        days=days,
        price_before_start=reference.last_before_start,
        lowest=reference.lowest,
        observations=reference.observations,
        chart=history.chart(start, end or start, days),
    )


def observation_source_for(partner: Partner) -> ObservationSource:
    """A marketplace's own integration (a partner with the code of a marketplace, e.g.
    'shopee') reports prices it charged: PLATFORM. An affiliate network or agency passes on
    what merchants declare: MERCHANT."""
    if Platform.objects.filter(code=partner.code, is_marketplace=True).exists():
        return ObservationSource.PLATFORM
    return ObservationSource.MERCHANT


def merchant_deals(merchant: Merchant, festival: Festival, status: str = "") -> QuerySet[Deal]:
    """The merchant's deals in a festival (of one status, when given), last changed first,
    with their reasons."""
    deals = Deal.objects.filter(festival=festival, product__merchant=merchant)
    if status:
        deals = deals.filter(status=status)
    return (
        deals.select_related("product__category", "platform")
        .prefetch_related("reasons")
        .order_by("-updated_at", "-pk")
    )


def merchant_deal(merchant: Merchant, pk: int) -> Deal:
    """One of the merchant's own deals; another merchant's raises Deal.DoesNotExist, as a deal
    that does not exist does."""
    return (
        Deal.objects.select_related("festival", "product__category", "platform")
        .prefetch_related("reasons")
        .get(pk=pk, product__merchant=merchant)
    )
