"""Shopper page helpers: {% load storefront %}."""

import segno
from django import template
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

register = template.Library()


@register.filter
def localized_name(category) -> str:
    """A category's name in the active language (categories keep an English name beside)."""
    if (get_language() or "").startswith("en") and category.name_en:
        return category.name_en
    return category.name


@register.simple_tag
def qr_svg(address: str) -> SafeString:
    """A QR code of ``address`` as inline SVG, black on white whatever the page's colours. It is
    decorative for screen readers: the caption beside it says what it opens."""
    svg = segno.make(address, error="m").svg_inline(
        scale=4, dark="#000", light="#fff", svgclass="qr-code", lineclass=None, omitsize=True
    )
    return mark_safe(svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1))  # noqa: S308 - segno escapes what it writes
