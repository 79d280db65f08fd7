"""Merchants waiting for the organisers' decision, made through the same service as registration."""

import itertools

import pytest
from django.utils import timezone

from onlinefriday.deals.models import Category
from onlinefriday.merchants.models import Merchant, MerchantEvent, Platform, RulesVersion, Shop
from onlinefriday.merchants.services import create_merchant

# Valid enterprise tax codes (stdnum.vn.mst), one per merchant a test makes.
TAX_CODES = ["0101245486", "0300588569", "0102721191", "0309532909", "0100109106"]


@pytest.fixture
def merchant_factory(db):
    """Merchants registered as the form would, by default with the e-mail verified (so they wait
    for approval), on Shopee, selling phones, in Hà Nội."""
    codes = iter(TAX_CODES)
    numbers = itertools.count(1)

    def make(
        *,
        name: str | None = None,
        tax_code: str | None = None,
        verified: bool = True,
        platform: str = "shopee",
        category: str = "dien-thoai-may-tinh-bang",
        **fields,
    ) -> Merchant:
        number = next(numbers)
        fields.setdefault("province_code", 1)
        fields.setdefault("representative", "Trần Thị Hoa")
        fields.setdefault("phone", "+84987654321")
        merchant = create_merchant(
            name=name or f"Cửa hàng thử {number}",
            tax_code=tax_code or next(codes),
            email=f"cuahang{number}@example.com",
            rules_version=RulesVersion.objects.get(version="2021.1"),
            **fields,
        )
        if verified:
            merchant.status = "verified"
            merchant.email_verified_at = timezone.now()
            merchant.save(update_fields=["status", "email_verified_at"])
            MerchantEvent.objects.create(merchant=merchant, action="email_verified")
        on = Platform.objects.get(code=platform)
        Shop.objects.create(
            merchant=merchant,
            platform=on,
            name=f"{merchant.name} Official",
            url=f"https://{on.domains[0] if on.domains else 'cuahang.example'}/shop-{number}",
        )
        merchant.categories.add(Category.objects.get(slug=category))
        return merchant

    return make
