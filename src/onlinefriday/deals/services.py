"""Changes to products and their price history.

Price observations come from the merchant area's CSV upload and from the API; both store them
through ``record_price_observations``, so that sending the same observations again changes
nothing, wherever they come from.
"""

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, TypeVar

from django.db import transaction

from onlinefriday.deals.models import ObservationSource, PriceObservation, Product
from onlinefriday.merchants.models import Merchant

IN_CHUNK = 500  # values in one SQL IN (...): far below SQLite's and PostgreSQL's limits

T = TypeVar("T")


class ObservedPrice(Protocol):
    """A price seen for one of a merchant's products (a CSV row, an API item)."""

    sku: str
    observed_at: datetime  # with a time zone
    price: int


@dataclass(frozen=True)
class RecordedPrices:
    """What a batch of observations did: each one created a price, changed one or left it."""

    created: int
    updated: int
    unchanged: int
    products_created: int  # SKUs the merchant had no product for


def record_price_observations(
    *, merchant: Merchant, rows: Iterable[ObservedPrice], source: ObservationSource
) -> RecordedPrices:
    """Store observed prices of ``merchant``'s products as if they came one by one: a new
    (SKU, moment) creates a price, the same again with another price updates it, with the same
    price changes nothing. A SKU the merchant has no product for becomes a product without a
    title, which its first deal gives it."""
    rows = list(rows)
    if not rows:
        return RecordedPrices(created=0, updated=0, unchanged=0, products_created=0)
    with transaction.atomic():
        return _record(merchant, rows, source)


def _record(
    merchant: Merchant, rows: list[ObservedPrice], source: ObservationSource
) -> RecordedPrices:
    product_ids, products_created = _product_ids(merchant, {row.sku for row in rows})
    moments = [row.observed_at for row in rows]
    stored = _stored_prices(product_ids.values(), source, min(moments), max(moments))

    prices = dict(stored)
    created = updated = unchanged = 0
    for row in rows:
        key = (product_ids[row.sku], row.observed_at)
        before = prices.get(key)
        if before is None:
            created += 1
        elif before == row.price:
            unchanged += 1
        else:
            updated += 1
        prices[key] = row.price

    # One upsert for what is new or changed: a concurrent upload of the same rows cannot fail it.
    PriceObservation.objects.bulk_create(
        [
            PriceObservation(product_id=product_id, observed_at=at, price=price, source=source)
            for (product_id, at), price in prices.items()
            if stored.get((product_id, at)) != price
        ],
        update_conflicts=True,
        unique_fields=["product", "observed_at", "source"],
        update_fields=["price"],
    )
    return RecordedPrices(
        created=created, updated=updated, unchanged=unchanged, products_created=products_created
    )


def _product_ids(merchant: Merchant, skus: set[str]) -> tuple[dict[str, int], int]:
    """Each SKU's product id, creating the missing products; and how many were created."""

    def known(among: Iterable[str]) -> dict[str, int]:
        return {
            sku: pk
            for chunk in _chunks(sorted(among), IN_CHUNK)
            for sku, pk in Product.objects.filter(merchant=merchant, sku__in=chunk).values_list(
                "sku", "pk"
            )
        }

    ids = known(skus)
    missing = skus - ids.keys()
    if missing:
        Product.objects.bulk_create(
            [Product(merchant=merchant, sku=sku) for sku in sorted(missing)],
            ignore_conflicts=True,  # created meanwhile by another upload: fine
        )
        ids.update(known(missing))
    return ids, len(missing)


def _stored_prices(
    product_ids: Iterable[int], source: ObservationSource, first: datetime, last: datetime
) -> dict[tuple[int, datetime], int]:
    """The stored prices of these products from ``source`` between two moments."""
    return {
        (product_id, at): price
        for chunk in _chunks(sorted(product_ids), IN_CHUNK)
        for product_id, at, price in PriceObservation.objects.filter(
            product_id__in=chunk, source=source, observed_at__range=(first, last)
        )
        .order_by()
        .values_list("product_id", "observed_at", "price")
    }


def _chunks(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]
