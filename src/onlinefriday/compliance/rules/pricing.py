"""Prices: whole VND, a real discount, within the festival's cap (Decree 81/2018 Art. 7)."""

import math
from decimal import Decimal

from onlinefriday.compliance.facts import MAX_PRICE, Amount, DealFacts, FestivalTerms
from onlinefriday.compliance.reasons import Messages, Severity, percent, rule, vnd_en
from onlinefriday.core.formatting import format_vnd as vnd

ARTICLE_7 = "Nghị định 81/2018/NĐ-CP, Điều 7 (sửa đổi bởi Nghị định 128/2024/NĐ-CP)"
ARTICLE_7_EN = "Decree 81/2018/ND-CP, Article 7 (as amended by Decree 128/2024/ND-CP)"


def whole_vnd(amount: Amount) -> int | None:
    """The amount as an integer number of đồng, or None if it is not a usable price."""
    if type(amount) is int:  # the usual case, first; bool (a subclass) falls through
        return amount if 0 <= amount <= MAX_PRICE else None
    if isinstance(amount, Decimal):
        finite = amount.is_finite()
    elif isinstance(amount, float):
        finite = math.isfinite(amount)
    else:
        return None
    if finite and amount == int(amount) and 0 <= amount <= MAX_PRICE:
        return int(amount)
    return None


_last_prices: tuple[DealFacts | None, tuple[int, int] | None] = (None, None)


def prices(deal: DealFacts) -> tuple[int, int] | None:
    """(price before, sale price) when both are usable and the price before is above zero."""
    global _last_prices
    last, both = _last_prices
    if deal is last:  # three rules and the featured check ask about one deal in turn
        return both
    price, sale_price = whole_vnd(deal.price), whole_vnd(deal.sale_price)
    both = None if price is None or sale_price is None or price == 0 else (price, sale_price)
    _last_prices = (deal, both)
    return both


def _problem(amount: Amount, *, zero_allowed: bool) -> Messages | None:
    if amount is None:
        return "thiếu", "missing"
    if isinstance(amount, bool) or not isinstance(amount, int | float | Decimal):
        return f"“{amount}” không phải một số", f"'{amount}' is not a number"
    if whole_vnd(amount) is not None:
        if amount == 0 and not zero_allowed:
            return "bằng 0", "zero"
        return None
    if isinstance(amount, Decimal) and not amount.is_finite() or amount != amount:  # NaN
        return f"“{amount}” không phải một số", f"'{amount}' is not a number"
    if amount < 0:
        return f"{amount} là số âm", f"{amount} is negative"
    if amount > MAX_PRICE:
        return (
            f"{amount} vượt quá {vnd(MAX_PRICE)}, không thể là giá thật",
            f"{amount} is above {vnd_en(MAX_PRICE)}, not a real price",
        )
    return f"{amount} không phải số đồng nguyên", f"{amount} is not a whole number of đồng"


@rule(
    "INVALID_PRICE",
    Severity.REJECT,
    "Quy chế Online Friday: giá niêm yết bằng đồng Việt Nam",
    "Online Friday rules: prices are listed in whole Vietnamese đồng",
)
def invalid_price(deal: DealFacts, terms: FestivalTerms) -> Messages | None:
    """Missing, negative, fractional or absurd prices."""
    if prices(deal) is not None:
        return None
    problems = [
        (f"{label}: {problem[0]}", f"{label_en}: {problem[1]}")
        for label, label_en, amount, zero_allowed in (
            ("Giá trước khuyến mại", "Price before the promotion", deal.price, False),
            ("Giá khuyến mại", "Sale price", deal.sale_price, True),
        )
        if (problem := _problem(amount, zero_allowed=zero_allowed)) is not None
    ]
    return "; ".join(vi for vi, _en in problems) + ".", "; ".join(en for _vi, en in problems) + "."


@rule(
    "CURRENCY_NOT_VND",
    Severity.REJECT,
    "Pháp lệnh Ngoại hối; Quy chế Online Friday",
    "Foreign Exchange Ordinance; Online Friday rules",
)
def currency_not_vnd(deal: DealFacts, terms: FestivalTerms) -> Messages | None:
    """Prices in Vietnam are listed in đồng."""
    if deal.currency == "VND":  # as most deals send it, nothing to tidy
        return None
    currency = deal.currency.strip().upper()
    if currency in ("VND", ""):
        return None
    return (
        f"Giá phải tính bằng đồng Việt Nam (VND), không phải “{deal.currency}”.",
        f"Prices must be in Vietnamese đồng (VND), not '{deal.currency}'.",
    )


@rule("NOT_A_DISCOUNT", Severity.REJECT, ARTICLE_7, ARTICLE_7_EN)
def not_a_discount(deal: DealFacts, terms: FestivalTerms) -> Messages | None:
    """The sale price must be below the price before the promotion."""
    both = prices(deal)
    if both is None or both[1] < both[0]:
        return None
    price, sale_price = both
    return (
        f"Giá khuyến mại {vnd(sale_price)} không thấp hơn giá trước khuyến mại {vnd(price)}.",
        f"The sale price {vnd_en(sale_price)} is not below the price before the promotion "
        f"{vnd_en(price)}.",
    )


@rule("DISCOUNT_OVER_CAP", Severity.REJECT, ARTICLE_7, ARTICLE_7_EN)
def discount_over_cap(deal: DealFacts, terms: FestivalTerms) -> Messages | None:
    """At most the festival's cap: 100% in a concentrated programme, 50% in a regular one."""
    both = prices(deal)
    if both is None:
        return None
    price, sale_price = both
    cap = terms.discount_cap_percent
    if (price - sale_price) * 100 <= cap * price:
        return None
    share, share_en = percent(price - sale_price, price, up=True)
    return (
        f"Mức giảm {share} (từ {vnd(price)} xuống {vnd(sale_price)}) vượt mức tối đa {cap}% "
        "của chương trình.",
        f"The discount of {share_en} (from {vnd_en(price)} to {vnd_en(sale_price)}) exceeds the "
        f"programme's cap of {cap}%.",
    )
