"""Reads that decide whether demo data may be loaded."""

from onlinefriday.deals.models import Deal
from onlinefriday.demo.generator import EMAIL_DOMAIN, FESTIVAL_SLUG
from onlinefriday.festivals.models import Festival
from onlinefriday.merchants.models import Merchant


def has_business_data() -> bool:
    """Any merchant or deal, demo or real: ``demo --if-empty`` then leaves the database alone."""
    return Merchant.objects.exists() or Deal.objects.exists()


def demo_is_loaded() -> bool:
    """The demo festival or demo merchants are there (their tax codes would collide)."""
    return (
        Festival.objects.filter(slug=FESTIVAL_SLUG).exists()
        or Merchant.objects.filter(email__endswith=f"@{EMAIL_DOMAIN}").exists()
    )
