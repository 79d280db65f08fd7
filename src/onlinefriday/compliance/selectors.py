"""The engine's view of the database: a festival's terms. Judging itself reads nothing."""

from types import MappingProxyType

from onlinefriday.compliance.banned import DEFAULT_BANNED_GOODS, BannedGoods
from onlinefriday.compliance.engine import Judgement, judge_batch
from onlinefriday.compliance.facts import FeaturedThresholds, FestivalTerms
from onlinefriday.compliance.submission import DealIn
from onlinefriday.festivals.models import Festival
from onlinefriday.merchants.models import Platform


def festival_by_slug(slug: str) -> Festival:
    """The festival deals are judged for; raises Festival.DoesNotExist for an unknown slug."""
    return Festival.objects.get(slug=slug)


def terms_for(festival: Festival) -> FestivalTerms:
    """What ``festival`` asks of its deals, with the platforms' domains as they are now."""
    domains = {
        code: tuple(str(domain).lower() for domain in platform_domains)
        for code, platform_domains in Platform.objects.values_list("code", "domains")
    }
    banned = DEFAULT_BANNED_GOODS
    if festival.banned_goods is not None:
        banned = BannedGoods(festival.banned_goods)  # checked when it was saved (Festival.clean)
    return FestivalTerms(
        starts_at=festival.starts_at,
        ends_at=festival.ends_at,
        discount_cap_percent=festival.discount_cap_percent,
        min_price_observations=festival.min_price_observations,
        featured=FeaturedThresholds(
            min_price=festival.featured_min_price,
            min_discount_percent=festival.featured_min_discount_percent,
            min_savings=festival.featured_min_savings,
        ),
        banned_goods=banned,
        platform_domains=MappingProxyType(domains),
    )


def judge_submission(festival: Festival, deals: list[DealIn]) -> list[Judgement]:
    """A dry run: the engine's judgement of each deal, in order; nothing is stored."""
    return judge_batch([deal.facts() for deal in deals], terms_for(festival))
