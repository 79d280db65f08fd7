"""The price before the promotion, against the prices the shop really applied."""

from datetime import timedelta

from onlinefriday.compliance.facts import (
    REFERENCE_DAYS,
    YEARLY_PROMOTION_DAY_LIMIT,
    DealFacts,
    FestivalTerms,
)
from onlinefriday.compliance.history import Reference
from onlinefriday.compliance.reasons import Messages, Severity, rule, vnd_en, when
from onlinefriday.compliance.rules.pricing import ARTICLE_7, ARTICLE_7_EN, whole_vnd
from onlinefriday.core.formatting import format_vnd as vnd


def reference(deal: DealFacts, terms: FestivalTerms) -> Reference:
    return deal.price_history.reference(deal.starts_at or terms.starts_at, REFERENCE_DAYS)


def _window(deal: DealFacts, terms: FestivalTerms) -> str:
    start = deal.starts_at or terms.starts_at
    return f"{when(start - timedelta(days=REFERENCE_DAYS))} – {when(start)}"


@rule(
    "INFLATED_REFERENCE_PRICE",
    Severity.REJECT,
    f"{ARTICLE_7}; Chỉ thị 98/6/EC, Điều 6a (giá thấp nhất 30 ngày trước khi giảm)",
    f"{ARTICLE_7_EN}; Directive 98/6/EC, Article 6a (lowest price of the 30 days before)",
)
def inflated_reference_price(deal: DealFacts, terms: FestivalTerms) -> Messages | None:
    """The declared 'before' price may not exceed the lowest price applied in the 30 days
    before the deal starts."""
    price = whole_vnd(deal.price)
    if not price:
        return None
    lowest = reference(deal, terms).lowest
    if lowest is None or price <= lowest:
        return None
    window = _window(deal, terms)
    return (
        f"Giá trước khuyến mại khai báo {vnd(price)} cao hơn giá thấp nhất đã áp dụng trong "
        f"{REFERENCE_DAYS} ngày trước khi bắt đầu ({window}): {vnd(lowest)}.",
        f"The declared price before the promotion {vnd_en(price)} is higher than the lowest "
        f"price applied in the {REFERENCE_DAYS} days before the start ({window}, Vietnam time): "
        f"{vnd_en(lowest)}.",
    )


@rule(
    "NO_PRICE_HISTORY",
    Severity.REVIEW,
    f"{ARTICLE_7} (giá ngay trước khuyến mại phải xác minh được)",
    f"{ARTICLE_7_EN} (the price before the promotion must be verifiable)",
)
def no_price_history(deal: DealFacts, terms: FestivalTerms) -> Messages | None:
    """Too few prices seen before the start to check the 'before' price."""
    needed = terms.min_price_observations
    ref = reference(deal, terms)
    if ref.observations >= needed:
        return None
    price = whole_vnd(deal.price)
    if price and ref.lowest is not None and price > ref.lowest:
        return None  # enough to know it is inflated: INFLATED_REFERENCE_PRICE says so
    window = _window(deal, terms)
    return (
        f"Chỉ có {ref.observations} lần ghi nhận giá trong {REFERENCE_DAYS} ngày trước khi bắt "
        f"đầu ({window}); cần ít nhất {needed} để xác minh giá trước khuyến mại.",
        f"Prices observed in the {REFERENCE_DAYS} days before the start ({window}, Vietnam "
        f"time): {ref.observations}; at least {needed} are needed to verify the price before "
        "the promotion.",
    )


@rule(
    "PROMOTION_DAYS_EXCEEDED",
    Severity.REVIEW,
    "Nghị định 81/2018/NĐ-CP, Điều 10 (sửa đổi bởi Nghị định 128/2024/NĐ-CP)",
    "Decree 81/2018/ND-CP, Article 10 (as amended by Decree 128/2024/ND-CP)",
)
def promotion_days_exceeded(deal: DealFacts, terms: FestivalTerms) -> Messages | None:
    """At most 120 discount days a year per product (centrally organised programmes, such as
    this festival, do not count)."""
    days, limit = deal.discount_days_past_year, YEARLY_PROMOTION_DAY_LIMIT
    if days <= limit:
        return None
    return (
        f"Sản phẩm đã được giảm giá {days} ngày trong 365 ngày qua, vượt giới hạn {limit} "
        "ngày một năm.",
        f"The product was on discount {days} days in the past 365 days, over the limit of "
        f"{limit} days a year.",
    )
