"""Is this address a shop on that platform? Checked without a database, the same for the
registration form and the service that saves shops.

A shop's address must be https and its host the platform's domain or one of its subdomains:
``https://shopee.vn/x`` and ``https://mall.shopee.vn/x`` are Shopee; ``http://shopee.vn/x``,
``https://shopee.vn.evil.com/x`` and ``https://shopee.vn@evil.com/x`` are not. A merchant's own
website (a platform with no domains) may be on any https host.
"""

from collections.abc import Sequence
from urllib.parse import urlsplit, urlunsplit

from django.utils.translation import gettext_lazy as _


def shop_url_problem(url: str, *, platform_name: str, domains: Sequence[str]) -> str | None:
    """What is wrong with ``url`` as the address of a shop on the platform, for a person to read;
    None when it is right. ``domains`` empty means any host (the merchant's own website)."""
    try:
        parts = urlsplit(url.strip())
        host = (parts.hostname or "").rstrip(".")
    except ValueError:  # e.g. an unclosed IPv6 bracket
        return str(_("This is not a web address: copy the shop's address from the browser."))
    if parts.scheme.lower() != "https":
        return str(_("The shop's address must start with https:// (a secure connection)."))
    if not host or "." not in host:
        return str(_("This is not a web address: copy the shop's address from the browser."))
    if parts.username is not None:
        # "https://shopee.vn@evil.com" leads to evil.com: a known disguise.
        return str(_("A shop's address has no '@' before its host: copy it from the browser."))
    if not domains:
        return None
    if any(host == domain or host.endswith("." + domain) for domain in domains):
        return None
    return str(
        _("This address is not on %(platform)s: a shop there has an address on %(domains)s.")
        % {"platform": platform_name, "domains": ", ".join(domains)}
    )


def normalise_shop_url(url: str) -> str:
    """One spelling per shop: lower-case scheme and host, no fragment, no trailing slash, so
    ``https://Shopee.vn/abc/`` and ``https://shopee.vn/abc`` are the same shop."""
    parts = urlsplit(url.strip())
    path = parts.path.rstrip("/")
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, parts.query, ""))
