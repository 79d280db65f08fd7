"""Published deals for the shopper pages: accepted, in a festival live now."""

import itertools

import pytest

from onlinefriday.deals.models import Product

# Prices seen 20, 10 and 2 days before the start: three observations, the festival's minimum.
STEADY_MONTH = [(20, 34_000_000), (10, 33_500_000), (2, 34_000_000)]


@pytest.fixture
def published_deal(deal_factory):
    """The phone at 24,000,000 VND, 34,000,000 before (29% off), with a steady month behind it."""
    return deal_factory(status="accepted", history=STEADY_MONTH, coupon_code="OF2030")


@pytest.fixture
def product_factory(merchant, category):
    numbers = itertools.count(1)

    def make(title: str, **fields) -> Product:
        fields.setdefault("category", category)
        return Product.objects.create(
            merchant=merchant, sku=f"SKU-{next(numbers)}", title=title, **fields
        )

    return make
