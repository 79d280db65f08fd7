"""An accepted deal and a festival's terms, for the compliance tests to vary field by field.

The festival is Online Friday 2026 (Friday 4 December, Vietnam time); the deal is a phone on
Shopee whose price did not change in the month before the festival.
"""

from dataclasses import replace
from datetime import datetime, timedelta
from types import MappingProxyType
from zoneinfo import ZoneInfo

from onlinefriday.compliance.engine import judge
from onlinefriday.compliance.facts import DealFacts, FestivalTerms
from onlinefriday.compliance.history import EMPTY_HISTORY, PriceHistory
from onlinefriday.compliance.reasons import Reason, Severity

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
FESTIVAL_START = datetime(2026, 12, 4, 0, 0, tzinfo=VIETNAM)
FESTIVAL_END = datetime(2026, 12, 6, 12, 0, tzinfo=VIETNAM)

# As seeded by merchants/0002: a merchant's own website has no fixed domain.
PLATFORM_DOMAINS = MappingProxyType(
    {
        "shopee": ("shopee.vn",),
        "tiki": ("tiki.vn",),
        "lazada": ("lazada.vn",),
        "website": (),
    }
)
CONCENTRATED = FestivalTerms(
    starts_at=FESTIVAL_START,
    ends_at=FESTIVAL_END,
    discount_cap_percent=100,
    platform_domains=PLATFORM_DOMAINS,
)
REGULAR = replace(CONCENTRATED, discount_cap_percent=50)

# Issue 4's table: the codes and their severities are part of the public API.
SEVERITIES = {
    "NOT_A_DISCOUNT": Severity.REJECT,
    "DISCOUNT_OVER_CAP": Severity.REJECT,
    "INFLATED_REFERENCE_PRICE": Severity.REJECT,
    "NO_PRICE_HISTORY": Severity.REVIEW,
    "BANNED_GOODS": Severity.REJECT,
    "MISSING_ORIGIN": Severity.REJECT,
    "MISSING_GENUINE_DECLARATION": Severity.REJECT,
    "OUTSIDE_FESTIVAL_WINDOW": Severity.REJECT,
    "CURRENCY_NOT_VND": Severity.REJECT,
    "INVALID_PRICE": Severity.REJECT,
    "INVALID_LINK": Severity.REJECT,
    "LINK_PLATFORM_MISMATCH": Severity.REJECT,
    "DUPLICATE_DEAL": Severity.REJECT,
    "PROMOTION_DAYS_EXCEEDED": Severity.REVIEW,
}


def days_before(days: float, start: datetime = FESTIVAL_START) -> datetime:
    """A moment ``days`` before ``start`` (negative: after it)."""
    return start - timedelta(days=days)


def history(*observations: tuple[float, int]) -> PriceHistory:
    """Prices given as (days before the festival starts, price) pairs."""
    return PriceHistory((days_before(days), price) for days, price in observations)


def steady(price: int) -> PriceHistory:
    """The same price seen three times in the 30 days before the festival."""
    return history((25, price), (15, price), (5, price))


def make_deal(**fields) -> DealFacts:
    """The accepted deal with ``fields`` changed; unless a history is given, the price before
    was seen unchanged for the month before (no history when that price is not a whole int)."""
    deal = {
        "sku": "SS-S24U-256",
        "title": "Điện thoại Samsung Galaxy S24 Ultra 256GB",
        "category": "dien-thoai-may-tinh-bang",
        "brand": "Samsung",
        "url": "https://shopee.vn/samsung-galaxy-s24-ultra-i.1001.2002",
        "platform": "shopee",
        "price": 30_000_000,
        "sale_price": 24_000_000,
        "origin_country": "KR",
        "genuine": True,
        "stock": 10,
        **fields,
    }
    if "price_history" not in fields:
        price = deal["price"]
        whole = type(price) is int and price > 0
        deal["price_history"] = steady(price) if whole else EMPTY_HISTORY
    return DealFacts(**deal)


def reasons(deal: DealFacts, terms: FestivalTerms = CONCENTRATED) -> dict[str, Reason]:
    """The reasons ``judge`` gives, by code."""
    return {reason.code: reason for reason in judge(deal, terms).reasons}


def assert_reason(found: Reason | None, code: str, vi: tuple[str, ...], en: tuple[str, ...]):
    """``found`` is the reason ``code`` with the table's severity, and its messages, one in
    each language, state what they should (``vi``, ``en``: fragments such as the numbers)."""
    assert found is not None, f"no {code}"
    assert found.code == code
    assert found.severity is SEVERITIES[code]
    assert found.message and found.message_en and found.message != found.message_en
    for fragment in vi:
        assert fragment in found.message
    for fragment in en:
        assert fragment in found.message_en
