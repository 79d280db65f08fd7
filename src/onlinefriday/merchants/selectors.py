"""Reads of merchants for pages and the API; each loads what its page shows in a fixed number of
queries, however many merchants, shops or events there are."""

from typing import TypedDict

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from onlinefriday.merchants.models import (
    Merchant,
    MerchantEvent,
    MerchantMembership,
    Platform,
    RulesVersion,
    Shop,
)


class MerchantFilters(TypedDict, total=False):
    """What the organisers' list can be narrowed by; a missing or empty key does not narrow."""

    status: str
    province: int
    business_type: str
    platform: Platform
    category: object  # deals.Category
    q: str


def merchant_list(filters: MerchantFilters | None = None) -> QuerySet[Merchant]:
    """Merchants for the back office, newest registrations first, narrowed by ``filters``.

    The text search matches the name, or the tax code in any spelling (spaces, dashes).
    Platform and category use EXISTS, so a merchant with two shops on one platform is listed once.
    """
    filters = filters or {}
    merchants = Merchant.objects.all()
    if status := filters.get("status"):
        merchants = merchants.filter(status=status)
    if (province := filters.get("province")) is not None and province != "":
        merchants = merchants.filter(province_code=province)
    if business_type := filters.get("business_type"):
        merchants = merchants.filter(business_type=business_type)
    if platform := filters.get("platform"):
        merchants = merchants.filter(
            Exists(Shop.objects.filter(merchant=OuterRef("pk"), platform=platform))
        )
    if category := filters.get("category"):
        merchants = merchants.filter(
            Exists(
                Merchant.categories.through.objects.filter(
                    merchant=OuterRef("pk"), category=category
                )
            )
        )
    if text := (filters.get("q") or "").strip():
        match = Q(name__icontains=text)
        digits = "".join(ch for ch in text if ch not in " -.")
        if digits.isdigit():
            # Stored codes carry a dash before a branch suffix: match with or without it.
            match |= Q(tax_code__contains=digits)
            if len(digits) > 10:
                match |= Q(tax_code__contains=f"{digits[:10]}-{digits[10:]}")
        merchants = merchants.filter(match)
    return merchants.order_by("-created_at", "-pk")


def merchant_detail(pk: int) -> Merchant:
    """A merchant with everything its back-office page shows: parent and branches, categories,
    shops with their platform, users, and the history with who did each step.

    Raises Merchant.DoesNotExist.
    """
    return (
        Merchant.objects.select_related("parent", "rules_version")
        .prefetch_related(
            "branches",
            "categories",
            Prefetch("shops", queryset=Shop.objects.select_related("platform")),
            Prefetch(
                "memberships",
                queryset=MerchantMembership.objects.select_related("user").order_by("created_at"),
            ),
            Prefetch("events", queryset=MerchantEvent.objects.select_related("actor")),
        )
        .get(pk=pk)
    )


def current_rules() -> RulesVersion | None:
    """The rules merchants accept today: the version published last."""
    return RulesVersion.objects.order_by("-published_at", "-pk").first()


def merchant_area(merchant_pk: int) -> Merchant:
    """The merchant as its own users see it: identity, parent, categories, shops, users and the
    rules accepted, in a fixed number of queries. Raises Merchant.DoesNotExist."""
    return (
        Merchant.objects.select_related("parent", "rules_version")
        .prefetch_related(
            "categories",
            Prefetch("shops", queryset=Shop.objects.select_related("platform")),
            Prefetch(
                "memberships",
                queryset=MerchantMembership.objects.select_related("user", "invited_by").order_by(
                    "created_at", "pk"
                ),
            ),
        )
        .get(pk=merchant_pk)
    )


def shop_is_registered(platform: Platform, url: str) -> bool:
    """Whether a merchant already registered this shop (``url`` in its stored spelling)."""
    return Shop.objects.filter(platform=platform, url=url).exists()
