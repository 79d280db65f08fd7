"""Deals as merchants send them, stored through ``submit_deals`` so that they carry the
engine's verdict and reasons, as in production.

The default is a 55-inch TV on Shopee that sold at a steady 10,000,000 VND in the month before
the festival, offered at 6,500,000 (35% off): accepted. Without history it goes to review
(NO_PRICE_HISTORY); at 4,000,000 it is 60% off, over a regular programme's 50% cap.
"""

from datetime import timedelta

from onlinefriday.compliance.submission import DealIn
from onlinefriday.deals.models import Deal, DealSource
from onlinefriday.deals.submitting import submit_deals


def deal_in(festival, **fields) -> DealIn:
    start = festival.starts_at
    values = {
        "sku": "TV-55",
        "title": "Tivi Samsung 55 inch 4K",
        "category": "dien-tu-dien-lanh",
        "url": f"https://shopee.vn/tivi-{fields.get('sku', 'TV-55').lower()}-i.1.2",
        "platform": "shopee",
        "price": 10_000_000,
        "sale_price": 6_500_000,
        "origin_country": "VN",
        "genuine": True,
        "stock": 20,
        "price_history": [
            {"observed_at": start - timedelta(days=days), "price": 10_000_000}
            for days in (40, 20, 10, 2)
        ],
    }
    values.update(fields)
    return DealIn.model_validate(values)


def send_deal(merchant, festival, **fields) -> Deal:
    """One deal sent by ``merchant`` (through the API), as stored and judged."""
    [result] = submit_deals(
        merchant, festival, [deal_in(festival, **fields)], source=DealSource.API
    )
    assert result.deal_id is not None, result.errors
    return Deal.objects.get(pk=result.deal_id)
