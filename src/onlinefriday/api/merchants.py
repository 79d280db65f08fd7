"""Merchants in the API: ``GET /api/v1/merchants/me`` says who the caller acts for.

- A merchant's user (signed in, session cookie): that merchant, with the personal fields
  (legal representative, phone) that only the merchant itself and the organisers may read.
- A partner (API key): the partner and the merchants it represents, without personal fields;
  the tax code of a household business or an individual is its owner's personal identification
  number, so a partner reads ``null`` there (the merchant's ``id`` identifies it).
"""

from django.http import HttpRequest
from ninja import Router, Schema

from onlinefriday.api.auth import CallerRateThrottle, own_merchant, partner_or_session
from onlinefriday.api.errors import ErrorOut
from onlinefriday.merchants import partner_selectors
from onlinefriday.merchants.identity import IdentityKind, parse_tax_code
from onlinefriday.merchants.models import BusinessType, Merchant, MerchantStatus, PartnerApiKey
from onlinefriday.merchants.provinces import province_name


class ProvinceOut(Schema):
    code: int
    name: str


class ShopOut(Schema):
    platform: str  # the platform's code: shopee, tiki, lazada, sendo, voso, postmart, website
    url: str

    @staticmethod
    def resolve_platform(shop) -> str:
        return shop.platform.code


class MerchantOut(Schema):
    """A merchant as a partner reads it: no personal data."""

    id: int
    name: str
    tax_code: str | None
    business_type: BusinessType
    province: ProvinceOut | None
    status: MerchantStatus
    shops: list[ShopOut]
    rules_version: str | None

    @staticmethod
    def resolve_tax_code(merchant: Merchant) -> str | None:
        if parse_tax_code(merchant.tax_code).kind is IdentityKind.PERSONAL:
            return None
        return merchant.tax_code

    @staticmethod
    def resolve_province(merchant: Merchant) -> dict | None:
        name = province_name(merchant.province_code)
        return {"code": merchant.province_code, "name": name} if name else None

    @staticmethod
    def resolve_shops(merchant: Merchant) -> list:
        return list(merchant.shops.all())

    @staticmethod
    def resolve_rules_version(merchant: Merchant) -> str | None:
        return merchant.rules_version.version if merchant.rules_version else None


class OwnMerchantOut(MerchantOut):
    """A merchant as its own users read it: with the tax code always, and the personal fields."""

    tax_code: str
    representative: str
    phone: str

    @staticmethod
    def resolve_tax_code(merchant: Merchant) -> str:
        return merchant.tax_code


class PartnerOut(Schema):
    name: str
    code: str


class PartnerMerchantsOut(Schema):
    partner: PartnerOut
    merchants: list[MerchantOut]


router = Router(tags=["merchants"], auth=partner_or_session, throttle=[CallerRateThrottle()])


@router.get(
    "/me",
    response={
        200: OwnMerchantOut | PartnerMerchantsOut,
        401: ErrorOut,
        403: ErrorOut,
        429: ErrorOut,
    },
    summary="The merchant a user works for, or the merchants a partner represents",
)
def me(request: HttpRequest):
    """With a merchant user's session: that merchant, with its legal representative and phone.
    With a partner key (`Authorization: Bearer <key>` or `X-API-Key: <key>`): the partner and
    the merchants it represents, without personal data (a household's or an individual's tax
    code, which is a personal ID, reads null). Errors carry `detail` (Vietnamese) and
    `detail_en`."""
    if isinstance(request.auth, PartnerApiKey):
        partner = request.auth.partner
        return {
            "partner": partner,
            "merchants": partner_selectors.represented_merchants(partner),
        }
    return partner_selectors.merchant_for_api(own_merchant(request.auth).pk)
