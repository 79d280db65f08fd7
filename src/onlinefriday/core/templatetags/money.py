"""{% load money %}{{ deal.sale_price|vnd }} renders 1.234.000 ₫."""

from django import template

from onlinefriday.core.formatting import format_vnd

register = template.Library()


@register.filter
def vnd(amount: int | None) -> str:
    """Empty for a missing amount, so an unknown price never reads as 0 ₫."""
    if amount is None or amount == "":
        return ""
    return format_vnd(int(amount))
