"""Reads for the shopper pages beside search: one deal for its page, the flash slots of the
moment, the categories and platforms to browse by. Lists of deals come from ``search``."""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.utils import timezone

from onlinefriday.compliance.facts import REFERENCE_DAYS
from onlinefriday.compliance.history import PriceHistory
from onlinefriday.deals.models import Category, Deal, PriceObservation
from onlinefriday.deals.selectors import PriceBeforeStart, price_before_start
from onlinefriday.festivals.models import Festival, FlashSlot
from onlinefriday.merchants.models import Platform
from onlinefriday.storefront.search import ListedDeal, discount_percent
from onlinefriday.storefront.selectors import published_deals


@dataclass(frozen=True)
class DealPage:
    """A published deal with what its page shows beside the deal itself."""

    deal: Deal  # with ``discount_percent`` annotated, as lists show it
    before: PriceBeforeStart  # its prices in the 30 days before the start
    history_verified: bool  # enough prices seen in that window for the festival's terms


def deal_page(pk: int, now: datetime | None = None) -> DealPage:
    """Raises Deal.DoesNotExist for a deal shoppers may not see at ``now``."""
    deal = (
        published_deals(now)
        .annotate(discount_percent=discount_percent())
        .select_related("festival", "product__category", "product__merchant", "platform", "shop")
        .get(pk=pk)
    )
    before = price_before_start(deal.product, deal.starts_at, end=deal.ends_at)
    return DealPage(
        deal=deal,
        before=before,
        history_verified=_enough_seen(before.observations, deal.festival.min_price_observations),
    )


def with_verified_history(deals: Sequence[ListedDeal]) -> set[int]:
    """The deals whose product had the festival's number of prices seen in the 30 days before
    the start: the 'price history verified' badge in the API's lists, as on a deal's page."""
    needed = dict(
        Festival.objects.filter(pk__in={d.festival_id for d in deals}).values_list(
            "pk", "min_price_observations"
        )
    )
    points = defaultdict(list)
    for product_id, at, price in PriceObservation.objects.filter(
        product_id__in=[d.product_id for d in deals]
    ).values_list("product_id", "observed_at", "price"):
        points[product_id].append((at, price))
    return {
        deal.pk
        for deal in deals
        if _enough_seen(
            PriceHistory(points[deal.product_id])
            .reference(deal.starts_at, REFERENCE_DAYS)
            .observations,
            needed[deal.festival_id],
        )
    }


def _enough_seen(observations: int, festival_minimum: int) -> bool:
    """The 'price history verified' badge: the festival's number of prices seen in the window."""
    return observations >= festival_minimum


@dataclass(frozen=True)
class FlashSlots:
    current: FlashSlot | None
    next: FlashSlot | None


def flash_slots_now_and_next(festival: Festival, now: datetime | None = None) -> FlashSlots:
    """The festival's flash slot running at ``now`` and the one after it (either may be None)."""
    now = now or timezone.now()
    slots = festival.flash_slots.filter(ends_at__gt=now).order_by("starts_at")[:2]
    running = [slot for slot in slots if slot.starts_at <= now]
    upcoming = [slot for slot in slots if slot.starts_at > now]
    return FlashSlots(
        current=running[0] if running else None, next=upcoming[0] if upcoming else None
    )


def categories() -> list[Category]:
    return list(Category.objects.all())


def category_by_slug(slug: str) -> Category:
    """Raises Category.DoesNotExist."""
    return Category.objects.get(slug=slug)


def platforms() -> list[Platform]:
    return list(Platform.objects.all())


def platform_by_code(code: str) -> Platform:
    """Raises Platform.DoesNotExist."""
    return Platform.objects.get(code=code)
