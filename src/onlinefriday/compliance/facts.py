"""What the engine judges: a deal as the merchant sent it, and the festival's terms.

Plain frozen data, no database: intake (form, files, feeds, the API) and the stored deals all
become ``DealFacts``; ``compliance.selectors.terms_for`` makes ``FestivalTerms`` of a festival.
Prices are kept as sent (an int, or a float or Decimal when a file or JSON carried one) so that
``INVALID_PRICE`` can say what was wrong with them; every decision works on whole VND integers.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from types import MappingProxyType

from onlinefriday.compliance.banned import DEFAULT_BANNED_GOODS, BannedGoods
from onlinefriday.compliance.history import EMPTY_HISTORY, PriceHistory

Amount = int | float | Decimal | None

MAX_PRICE = 10_000_000_000  # VND; above this a price is a typing mistake, not a product
REFERENCE_DAYS = 30  # the 'before' price is the lowest of the 30 days before the start
YEARLY_PROMOTION_DAY_LIMIT = 120  # Decree 81/2018 Art. 10 as amended by 128/2024


@dataclass(frozen=True, slots=True, kw_only=True)
class DealFacts:
    """One deal as submitted. ``starts_at``/``ends_at`` None: the festival's whole window."""

    sku: str = ""
    title: str = ""
    category: str = ""  # a category slug or name, as the merchant's tools name it
    brand: str = ""
    gtin: str = ""
    url: str = ""
    platform: str = ""  # a platform code: shopee, tiki, lazada, sendo, voso, website, ...
    price: Amount = None  # the price immediately before the promotion
    sale_price: Amount = None
    currency: str = "VND"
    starts_at: datetime | None = None
    ends_at: datetime | None = None
    origin_country: str = ""  # ISO 3166-1 alpha-2
    genuine: bool | None = None  # declared genuine; None: not declared
    made_in_vietnam: bool = False
    coupon_code: str = ""
    stock: int | None = None
    price_history: PriceHistory = EMPTY_HISTORY
    # Days the product was on discount in the 365 days before the start, in programmes that
    # count towards the yearly limit (centrally organised ones, like this festival, do not).
    discount_days_past_year: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class FeaturedThresholds:
    """A deal is featured at or above all three (the defaults are past editions' criteria)."""

    min_price: int = 3_000_000
    min_discount_percent: int = 30
    min_savings: int = 30_000_000  # (price - sale price) x stock


@dataclass(frozen=True, slots=True, kw_only=True)
class FestivalTerms:
    """What a festival asks of its deals."""

    starts_at: datetime
    ends_at: datetime
    discount_cap_percent: int = 100
    min_price_observations: int = 3
    featured: FeaturedThresholds = FeaturedThresholds()
    banned_goods: BannedGoods = DEFAULT_BANNED_GOODS
    # Platform code -> its domains; a platform with no domains (a merchant's own website)
    # accepts any https host.
    platform_domains: Mapping[str, tuple[str, ...]] = field(
        default_factory=lambda: MappingProxyType({})
    )
