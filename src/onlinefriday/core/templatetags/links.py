"""{% load links %}{% if url|is_web_url %}: only web addresses become links."""

from urllib.parse import urlsplit

from django import template

register = template.Library()


@register.filter
def is_web_url(url: str | None) -> bool:
    """True for http(s) addresses with a host; a URLField also accepts ftp:// and the like,
    which a visitor's browser should not be sent to from our pages."""
    if not url:
        return False
    parts = urlsplit(url.strip())
    return parts.scheme.lower() in {"http", "https"} and bool(parts.netloc)


@register.filter
def is_https_url(url: str | None) -> bool:
    """True for https addresses with a host: shops must be on https, so only those are links."""
    if not url:
        return False
    parts = urlsplit(url.strip())
    return parts.scheme.lower() == "https" and bool(parts.netloc)
