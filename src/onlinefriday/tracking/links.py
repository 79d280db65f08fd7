"""Our click-out address for a deal, and where it leads.

The address carries the deal's id and a signature (an HMAC of the id with the secret key), so
that only links we made lead anywhere; where they lead is always the URL stored with the deal,
whatever the request says: there is nothing in it to turn into an open redirect.
"""

from typing import TYPE_CHECKING
from urllib.parse import quote, unquote_plus

from django.conf import settings
from django.urls import reverse
from django.utils.crypto import constant_time_compare, salted_hmac

from onlinefriday.deals.models import Deal

if TYPE_CHECKING:  # a deal as lists show it; storefront imports this module
    from onlinefriday.storefront.search import ListedDeal

SIGNATURE_SALT = "onlinefriday.tracking.click-out"
SIGNATURE_LENGTH = 16  # hex digits: 64 bits, far beyond guessing over HTTP
CAMPAIGN = (("utm_source", "onlinefriday"), ("utm_medium", "deal"))


def signature(deal_id: int, secret: str | None = None) -> str:
    digest = salted_hmac(SIGNATURE_SALT, str(deal_id), secret=secret, algorithm="sha256")
    return digest.hexdigest()[:SIGNATURE_LENGTH]


def signature_ok(deal_id: int, given: str) -> bool:
    """Links signed with a retired key (SECRET_KEY_FALLBACKS) keep working."""
    return any(
        constant_time_compare(given, signature(deal_id, secret))
        for secret in (settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS)
    )


def click_url(deal: "Deal | ListedDeal") -> str:
    """The path shoppers follow to the deal on its platform, e.g. ``/go/42-5f0c.../``."""
    return reverse("tracking:click", kwargs={"deal_id": deal.pk, "signature": signature(deal.pk)})


def with_campaign(url: str, festival_slug: str) -> str:
    """The deal's URL with our utm_source, utm_medium and utm_campaign (the festival's slug).
    The merchant's other parameters stay as they were written; their utm_* ones are dropped, so
    that the platform credits the click to Online Friday only."""
    base, hash_, fragment = url.partition("#")
    path, _, query = base.partition("?")
    kept = [
        part
        for part in query.split("&")
        if part and not unquote_plus(part.split("=", 1)[0]).lower().startswith("utm_")
    ]
    ours = [f"{key}={value}" for key, value in CAMPAIGN]
    ours.append(f"utm_campaign={quote(festival_slug, safe='')}")
    return f"{path}?{'&'.join(kept + ours)}{hash_}{fragment}"
