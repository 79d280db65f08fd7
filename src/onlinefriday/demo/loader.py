"""Write generated demo data with parameterised bulk INSERTs, one transaction per chunk.

A million deals means about ten million rows; one ORM save per row, or even ``bulk_create``,
spends most of its time building model instances. Here rows go straight to the driver through
``core.bulk`` (``executemany`` on SQLite, ``COPY`` on PostgreSQL: for a million deals
executemany took 366 s there, COPY 128 s, docs/benchmarks.md). Ids are assigned by the
generator from the current maximum of each table, so nothing is read back.
"""

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from onlinefriday.compliance.engine import Judgement, judge_batch
from onlinefriday.compliance.facts import DealFacts, FestivalTerms
from onlinefriday.compliance.history import PriceHistory
from onlinefriday.compliance.selectors import terms_for
from onlinefriday.core.bulk import (
    BulkUpsert,
    adapt_moment,
    database_not_mapped,
    foreign_keys_checked_at_end,
    loaded_objects_frozen,
    written_behind,
)
from onlinefriday.deals.models import Category, Deal, DealReason, PriceObservation, Product
from onlinefriday.deals.submitting import VERDICT_STATUS
from onlinefriday.demo.generator import OBSERVATION_SOURCE, Chunk, DemoData, FirstIds
from onlinefriday.festivals.models import Festival, FlashSlot
from onlinefriday.merchants.models import Merchant, Platform, Shop
from onlinefriday.storefront.search import index as search_index

Progress = Callable[[int, int], None]


class MissingSeedData(Exception):
    """The platforms or categories the demo refers to are not in the database."""


@dataclass(frozen=True)
class LoadCounts:
    merchants: int
    shops: int
    products: int
    deals: int
    observations: int


def next_ids() -> FirstIds:
    """One past the largest id of each table the demo writes with explicit ids."""

    def after_max(model: type[models.Model]) -> int:
        return (model.objects.aggregate(top=Max("pk"))["top"] or 0) + 1

    return FirstIds(
        merchant=after_max(Merchant),
        shop=after_max(Shop),
        product=after_max(Product),
        deal=after_max(Deal),
    )


def write(data: DemoData, *, progress: Progress | None = None) -> LoadCounts:
    """Insert the festival, merchants and shops, then products, deals and price history chunk
    by chunk, each written while the next is generated and judged (``written_behind``).
    ``progress(deals_written, deals_total)`` is called after each chunk."""
    platform_ids = dict(Platform.objects.values_list("code", "id"))
    category_ids = dict(Category.objects.values_list("slug", "id"))
    needed_platforms = {shop.platform for shop in data.shops}
    if not needed_platforms <= platform_ids.keys() or not category_ids:
        raise MissingSeedData(
            _("The platforms or categories are missing: run `onlinefriday migrate` first.")
        )
    # A few hundred distinct instants recur millions of times: adapt each one once, while the
    # rows are built.
    when = lru_cache(maxsize=None)(adapt_moment)

    merchants = BulkUpsert(
        Merchant,
        [
            "id",
            "name",
            "tax_code",
            "business_type",
            "province_code",
            "email",
            "status",
            "created_at",
        ],
    )
    shops = BulkUpsert(Shop, ["id", "merchant", "platform", "name", "url"])
    products = BulkUpsert(
        Product,
        ["id", "merchant", "sku", "title", "brand", "gtin", "category", "origin_country",
         "made_in_vietnam"],
    )  # fmt: skip
    deals = BulkUpsert(
        Deal,
        ["id", "festival", "product", "platform", "shop", "url", "price", "sale_price",
         "currency", "starts_at", "ends_at", "stock", "coupon_code", "genuine_declared",
         "status", "featured", "judged_at", "source", "created_at", "updated_at"],
        moments_adapted=True,
    )  # fmt: skip
    reasons = BulkUpsert(DealReason, ["deal", "code", "severity", "message", "message_en"])
    observations = BulkUpsert(
        PriceObservation, ["product", "observed_at", "price", "source"], moments_adapted=True
    )

    with transaction.atomic():
        festival = Festival.objects.create(**data.festival._asdict())
        FlashSlot.objects.bulk_create(
            FlashSlot(festival=festival, **slot._asdict()) for slot in data.flash_slots
        )
        merchant_count = merchants.run(data.merchants)
        shop_count = shops.run(
            [(s.id, s.merchant_id, platform_ids[s.platform], s.name, s.url) for s in data.shops]
        )

    festival_id = festival.id
    terms = terms_for(festival)
    shop_platforms = {shop.id: shop.platform for shop in data.shops}
    judged_at = when(timezone.now())
    written = {"products": 0, "deals": 0, "observations": 0}  # by the writer's thread

    def write_chunk(rows: tuple[list[tuple], ...]) -> None:
        product_rows, deal_rows, reason_rows, observation_rows = rows
        written["products"] += products.run(product_rows)
        written["deals"] += deals.run(deal_rows)
        reasons.run(reason_rows)
        written["observations"] += observations.run(observation_rows)
        if progress:
            progress(written["deals"], data.deal_count)

    # The search index is built once at the end: row by row, through its triggers, it took
    # most of the load's time.
    with (
        loaded_objects_frozen(),
        database_not_mapped(),
        foreign_keys_checked_at_end(Product, Deal, DealReason, PriceObservation),
        search_index.bulk_load(connection, first_product=data.first_ids.product),
        written_behind(write_chunk) as submit,
    ):
        for chunk in data.chunks():
            judgements = _judge(chunk, terms, shop_platforms)
            submit(
                (
                    [
                        (p.id, p.merchant_id, p.sku, p.title, p.brand, p.gtin,
                         category_ids[p.category], p.origin_country, p.made_in_vietnam)
                        for p in chunk.products
                    ],
                    [
                        (d.id, festival_id, d.product_id, platform_ids[shop_platforms[d.shop_id]],
                         d.shop_id, d.url, d.price, d.sale_price, "VND", when(d.starts_at),
                         when(d.ends_at), d.stock, d.coupon_code, d.genuine_declared,
                         VERDICT_STATUS[j.verdict], j.featured, judged_at, "demo",
                         when(d.created_at), when(d.created_at))
                        for d, j in zip(chunk.deals, judgements, strict=True)
                    ],
                    [
                        (d.id, r.code, r.severity.value, r.message, r.message_en)
                        for d, j in zip(chunk.deals, judgements, strict=True)
                        for r in j.reasons
                    ],
                    [
                        (o.product_id, when(o.observed_at), o.price, OBSERVATION_SOURCE)
                        for o in chunk.observations
                    ],
                )
            )  # fmt: skip

    _reset_sequences()
    return LoadCounts(merchant_count, shop_count, **written)


def _judge(chunk: Chunk, terms: FestivalTerms, shop_platforms: dict[int, str]) -> list[Judgement]:
    """The engine's verdict on each demo deal, as intake would give it."""
    products = {p.id: p for p in chunk.products}
    history = defaultdict(list)
    for o in chunk.observations:
        history[o.product_id].append((o.observed_at, o.price))
    facts = []
    for d in chunk.deals:
        p = products[d.product_id]
        facts.append(
            DealFacts(
                sku=p.sku,
                title=p.title,
                category=p.category,
                url=d.url,
                platform=shop_platforms[d.shop_id],
                price=d.price,
                sale_price=d.sale_price,
                starts_at=d.starts_at,
                ends_at=d.ends_at,
                origin_country=p.origin_country,
                genuine=d.genuine_declared,
                made_in_vietnam=p.made_in_vietnam,
                coupon_code=d.coupon_code,
                stock=d.stock,
                price_history=PriceHistory(history[d.product_id]),
            )
        )
    return judge_batch(facts, terms)


def _reset_sequences() -> None:
    """After explicit ids, PostgreSQL's sequences must move past them (SQLite needs nothing)."""
    statements = connection.ops.sequence_reset_sql(no_style(), [Merchant, Shop, Product, Deal])
    if statements:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
