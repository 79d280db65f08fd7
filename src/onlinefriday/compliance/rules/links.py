"""The link a shopper follows: https, on the declared platform."""

import re
from functools import lru_cache

from onlinefriday.compliance.facts import DealFacts, FestivalTerms
from onlinefriday.compliance.reasons import Messages, Severity, rule

MAX_URL_LENGTH = 1000
RULES_BASIS = "Quy chế Online Friday: đường dẫn đến gian hàng đã đăng ký"
RULES_BASIS_EN = "Online Friday rules: links lead to the registered shop"


# https://host[:port], then a path, query or fragment (anything but whitespace), or nothing; no
# credentials (user@). The host: dot-separated labels of letters, digits and inner hyphens, at
# least two of them.
SCHEME_AND_AUTHORITY = re.compile(r"https://([^/?#]*)", re.IGNORECASE)
AUTHORITY = re.compile(r"((?:\w(?:[\w-]{0,61}\w)?\.)+\w(?:[\w-]{0,61}\w)?)\.?(?::[0-9]{1,5})?")


@lru_cache(maxsize=1024)  # both link rules ask about the same URL in turn
def https_host(url: str) -> str | None:
    """The host (lower case) of a well-formed https URL without credentials, or None."""
    # A printable text holds no whitespace but the space.
    if len(url) > MAX_URL_LENGTH or not url.isprintable() or " " in url:
        return None
    match = SCHEME_AND_AUTHORITY.match(url)
    return None if match is None else _host(match.group(1))


@lru_cache(maxsize=1024)
def _host(authority: str) -> str | None:
    """Links lead to a few hosts: each is read once, not once a deal."""
    match = AUTHORITY.fullmatch(authority)
    return None if match is None else match.group(1).lower()


@rule("INVALID_LINK", Severity.REJECT, RULES_BASIS, RULES_BASIS_EN)
def invalid_link(deal: DealFacts, terms: FestivalTerms) -> Messages | None:
    """An https address a browser can open."""
    if https_host(deal.url) is not None:
        return None
    if not deal.url:
        return "Thiếu đường dẫn đến sản phẩm.", "The link to the product is missing."
    shown = deal.url if len(deal.url) <= 80 else deal.url[:77] + "..."
    return (
        f"Đường dẫn “{shown}” không phải địa chỉ https hợp lệ.",
        f"The link '{shown}' is not a valid https address.",
    )


@rule("LINK_PLATFORM_MISMATCH", Severity.REJECT, RULES_BASIS, RULES_BASIS_EN)
def link_platform_mismatch(deal: DealFacts, terms: FestivalTerms) -> Messages | None:
    """The link's host is the platform's domain or one of its subdomains."""
    known = terms.platform_domains
    host = https_host(deal.url)
    if host is None or not known:
        return None
    platform = deal.platform.strip().lower()
    if platform not in known:
        names = ", ".join(sorted(known))
        return (
            f"Nền tảng “{deal.platform}” không có trong danh sách: {names}.",
            f"Platform '{deal.platform}' is not one of: {names}.",
        )
    domains = known[platform]
    if not domains:
        return None  # a merchant's own website: any host
    for domain in domains:
        if host == domain or host.endswith("." + domain):
            return None
    listed = ", ".join(domains)
    return (
        f"Đường dẫn dẫn tới {host}, không thuộc {platform} ({listed}).",
        f"The link leads to {host}, which is not on {platform} ({listed}).",
    )
