"""Deals a merchant submits (form, file, partner API): stored, judged, idempotent by SKU.

One function, ``submit_deals``, serves every channel, so a deal is judged the same way whatever
brought it. A batch (up to a thousand deals) is stored in one transaction:

1. each deal's category and platform are looked up (an unknown one is an error on that deal,
   which is then not stored; the others are);
2. products are upserted by (merchant, SKU) and the price history sent with the deals is stored
   as the merchant's observations;
3. the engine judges each deal with the product's whole stored history, and the days the
   product was on discount in regular programmes in the year before;
4. deals are upserted by (festival, product) with their verdict and reasons. A deal sent again
   unchanged (same content hash) is left as it is, so a moderator's decision stands and
   re-uploading a file changes nothing.
"""

import hashlib
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache

from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from onlinefriday.compliance.engine import Judgement, judge_batch
from onlinefriday.compliance.facts import DealFacts
from onlinefriday.compliance.history import PriceHistory
from onlinefriday.compliance.reasons import Reason, Severity, Verdict
from onlinefriday.compliance.rules.batch import Earlier, Place, sku_key
from onlinefriday.compliance.rules.links import https_host
from onlinefriday.compliance.selectors import terms_for
from onlinefriday.compliance.submission import DealIn
from onlinefriday.core.bulk import BulkUpsert, fetched_rows
from onlinefriday.core.page_cache import bump_storefront_version
from onlinefriday.core.text import folded_key
from onlinefriday.deals.models import (
    Category,
    Deal,
    DealReason,
    DealSource,
    DealStatus,
    ObservationSource,
    PriceObservation,
    Product,
)
from onlinefriday.festivals.models import Festival, PromotionKind
from onlinefriday.merchants.models import Merchant, MerchantStatus, Platform

HISTORY_DAYS = 400  # observations older than this before a start never decide anything
YEAR = timedelta(days=365)


class SubmissionRefused(Exception):
    """Nothing in the submission can be taken (who sends it, or when)."""

    def __init__(self, message: str, message_en: str):
        super().__init__(message_en)
        self.message = message
        self.message_en = message_en


@dataclass(frozen=True, slots=True)
class DealError:
    field: str
    message: str
    message_en: str


@dataclass(frozen=True, slots=True)
class SubmittedDeal:
    """What became of one deal: stored (``deal_id``) with a verdict, or refused with errors."""

    sku: str
    deal_id: int | None
    verdict: Verdict | None  # None when the deal was not stored
    featured: bool
    reasons: tuple[Reason, ...] = ()
    errors: tuple[DealError, ...] = ()
    changed: bool = False


VERDICT_STATUS = {
    Verdict.ACCEPTED: DealStatus.ACCEPTED,
    Verdict.REVIEW: DealStatus.REVIEW,
    Verdict.REJECTED: DealStatus.REJECTED,
}
STATUS_VERDICT = {status: verdict for verdict, status in VERDICT_STATUS.items()}


def check_may_submit(merchant: Merchant, festival: Festival, now: datetime | None = None) -> None:
    """Approved merchants submit and edit deals until the festival's review deadline (or its
    end, when it has none)."""
    now = now or timezone.now()
    if merchant.status != MerchantStatus.APPROVED:
        raise SubmissionRefused(
            "Nhà bán hàng chưa được Ban tổ chức phê duyệt nên chưa thể gửi ưu đãi.",
            "The business is not approved by the organisers yet, so it cannot submit deals.",
        )
    deadline = festival.review_closes_at or festival.ends_at
    if now >= deadline:
        when = timezone.localtime(deadline).strftime("%d/%m/%Y %H:%M")
        raise SubmissionRefused(
            f"Đã hết hạn gửi và sửa ưu đãi của {festival.name} ({when}).",
            f"The deadline to submit and edit deals for {festival.name} has passed ({when}).",
        )


def content_hash(deal: DealIn) -> str:
    """The same deal sent again (from any channel) has the same hash."""
    return hashlib.sha256(deal.model_dump_json().encode()).hexdigest()


class _Lookups:
    """Categories and platforms by every name a merchant may use, and the merchant's shops."""

    def __init__(self, merchant: Merchant):
        self.categories: dict[str, Category] = {}
        for category in Category.objects.all():
            self.categories[folded_key(category.slug)] = category
            self.categories[folded_key(category.name)] = category
            self.categories[folded_key(category.name_en)] = category
        self.platforms = {p.code: p for p in Platform.objects.all()}
        self.shops = {shop.platform_id: shop for shop in merchant.shops.all()}

    def platform(self, deal: DealIn) -> Platform | None:
        """The declared platform, or the one whose domain the link is on."""
        if deal.platform:
            return self.platforms.get(deal.platform.strip().lower())
        host = https_host(deal.url)
        for platform in self.platforms.values():
            if host and any(host == d or host.endswith("." + d) for d in platform.domains):
                return platform
        return None


def _errors(deal: DealIn, lookups: _Lookups) -> list[DealError]:
    errors = []
    if not deal.sku:
        errors.append(DealError("sku", "Thiếu mã SKU.", "The SKU is missing."))
    if not deal.title:
        errors.append(DealError("title", "Thiếu tên sản phẩm.", "The title is missing."))
    if deal.category and folded_key(deal.category) not in lookups.categories:
        errors.append(
            DealError(
                "category",
                f"Danh mục “{deal.category}” không có trong danh sách danh mục của chương trình.",
                f"Category '{deal.category}' is not one of the festival's categories.",
            )
        )
    if lookups.platform(deal) is None:
        if deal.platform:
            names = ", ".join(sorted(lookups.platforms))
            errors.append(
                DealError(
                    "platform",
                    f"Nền tảng “{deal.platform}” không có trong danh sách: {names}.",
                    f"Platform '{deal.platform}' is not one of: {names}.",
                )
            )
        else:
            errors.append(
                DealError(
                    "platform",
                    "Thiếu nền tảng, và đường dẫn không thuộc nền tảng nào đã biết.",
                    "The platform is missing, and the link is on no known platform.",
                )
            )
    return errors


# What a product row holds, in the order the upsert writes it; a product sent again unchanged is
# not written at all.
PRODUCT_FIELDS = (
    "merchant", "sku", "title", "brand", "gtin", "category", "origin_country", "made_in_vietnam",
    "image_url",
)  # fmt: skip


@cache
def _writers() -> dict[str, BulkUpsert]:
    """The batch's statements, built once per process (they depend on the database only)."""
    return {
        "products": BulkUpsert(
            Product,
            PRODUCT_FIELDS,
            unique_fields=["merchant", "sku"],
            update_fields=PRODUCT_FIELDS[2:],
        ),
        "observations": BulkUpsert(
            PriceObservation,
            ["product", "observed_at", "price", "source"],
            unique_fields=["product", "observed_at", "source"],
            update_fields=["price"],
        ),
        "deals": BulkUpsert(
            Deal,
            ["festival", "product", *DEAL_UPDATE_FIELDS, "created_at"],
            unique_fields=["festival", "product"],
            update_fields=DEAL_UPDATE_FIELDS,
        ),
        "reasons": BulkUpsert(DealReason, ["deal", "code", "severity", "message", "message_en"]),
    }


def _upsert_products(merchant, deals: list[DealIn], lookups: _Lookups) -> dict[str, int]:
    """Product ids by SKU; the first deal of a SKU describes the product."""
    rows: dict[str, tuple] = {}
    for deal in deals:
        if deal.sku not in rows:
            category = lookups.categories.get(folded_key(deal.category)) if deal.category else None
            rows[deal.sku] = (
                merchant.pk,
                deal.sku,
                deal.title,
                deal.brand,
                deal.gtin,
                category.pk if category else None,
                deal.origin_country.strip().upper()[:2],
                deal.made_in_vietnam,
                deal.image_url,
            )
    columns = [Product._meta.get_field(name).attname for name in PRODUCT_FIELDS]
    stored = {
        values[1]: (product_id, tuple(values))
        for product_id, *values in Product.objects.filter(
            merchant=merchant, sku__any_of=rows
        ).values_list("id", *columns)
    }
    _writers()["products"].run(
        [row for sku, row in rows.items() if sku not in stored or stored[sku][1] != row]
    )
    ids = {sku: product_id for sku, (product_id, _row) in stored.items()}
    if new := [sku for sku in rows if sku not in stored]:
        ids.update(
            Product.objects.filter(merchant=merchant, sku__any_of=new).values_list("sku", "id")
        )
    return ids


def _store_sent_history(deals: list[DealIn], product_ids: dict[str, int]) -> None:
    observations = {
        (product_ids[deal.sku], point.observed_at): point.price
        for deal in deals
        for point in deal.price_history
    }
    _writers()["observations"].run(
        [
            (product_id, at, price, ObservationSource.MERCHANT.value)
            for (product_id, at), price in observations.items()
        ]
    )


def _stored_history(product_ids: list[int], latest_start: datetime) -> dict[int, PriceHistory]:
    earliest = latest_start - timedelta(days=HISTORY_DAYS)
    points: dict[int, list[tuple[datetime, int]]] = defaultdict(list)
    rows = PriceObservation.objects.filter(
        product__id__any_of=product_ids, observed_at__gte=earliest, observed_at__lt=latest_start
    ).values_list("product_id", "observed_at", "price")
    zone = connection.timezone  # SQLite's driver gives the moments naive
    for product_id, at, price in fetched_rows(rows):
        points[product_id].append((at if at.tzinfo else at.replace(tzinfo=zone), price))
    return {product_id: PriceHistory(points[product_id]) for product_id in product_ids}


def _discount_days(festival: Festival, product_ids: list[int]) -> dict[int, int]:
    """Days each product was on discount in regular (not concentrated) programmes in the year
    before this festival: Decree 81/2018 Art. 10 counts those towards its yearly limit."""
    start = festival.starts_at
    days: dict[int, set] = defaultdict(set)
    others = Deal.objects.filter(
        Q(product__id__any_of=product_ids),
        festival__promotion_kind=PromotionKind.REGULAR,
        status=DealStatus.ACCEPTED,
        starts_at__lt=start,
        ends_at__gt=start - YEAR,
    ).exclude(festival=festival)
    for product_id, begins, ends in others.values_list("product_id", "starts_at", "ends_at"):
        day = timezone.localdate(max(begins, start - YEAR))
        last = timezone.localdate(min(ends, start))
        while day <= last:
            days[product_id].add(day)
            day += timedelta(days=1)
    return {product_id: len(dates) for product_id, dates in days.items()}


def submit_deals(
    merchant: Merchant,
    festival: Festival,
    deals: Sequence[DealIn],
    *,
    source: DealSource,
    places: Sequence[Place] | None = None,
    earlier: Earlier | None = None,
) -> list[SubmittedDeal]:
    """Store and judge ``deals`` (one result each, in order). Raises SubmissionRefused when the
    merchant may not submit now."""
    check_may_submit(merchant, festival)
    lookups = _Lookups(merchant)
    terms = terms_for(festival)
    errors = [_errors(deal, lookups) for deal in deals]

    with transaction.atomic():
        storable = [deal for deal, found in zip(deals, errors, strict=True) if not found]
        unique_skus = {sku_key(deal.sku): deal for deal in reversed(storable)}  # first one wins
        product_ids = _upsert_products(merchant, list(unique_skus.values()), lookups)
        _store_sent_history(list(unique_skus.values()), product_ids)
        ids = list(product_ids.values())
        latest_start = max((deal.starts_at or festival.starts_at for deal in deals), default=None)
        history = _stored_history(ids, latest_start) if latest_start else {}
        days = _discount_days(festival, ids)

        # Only the deals that can be stored are judged together: one refused for an unknown
        # category does not make a later deal with its link a duplicate.
        judged = [index for index, found in enumerate(errors) if not found]
        facts = [
            _facts_with_stored(deals[i], lookups, product_ids.get(deals[i].sku), history, days)
            for i in judged
        ]
        judgements: list[Judgement | None] = [None] * len(deals)
        kept_places = [places[i] for i in judged] if places is not None else None
        for index, judgement in zip(
            judged, judge_batch(facts, terms, places=kept_places, earlier=earlier), strict=True
        ):
            judgements[index] = judgement
        results = _store(festival, deals, errors, judgements, product_ids, lookups, source)
        if any(result.changed for result in results):
            bump_storefront_version()  # a deal shoppers see may have changed
        return results


def refresh_statistics() -> None:
    """Tell PostgreSQL's planner how many deals an import has added so far.

    An import grows the table faster than autovacuum looks (a minute): planned on the statistics
    of a nearly empty table, 'this festival's deals of these 2,000 products' read every deal of
    the festival and compared each with the 2,000 ids, a chunk slower than the one before (110 ms
    at 8,000 deals, 5 ms once analysed). The other tables it reads back are planned well without
    (and analysing products evaluates the search index's expressions: a second at 30,000).
    Only the columns its reads filter deals by: the others (the search terms' among them) took
    the most of it (100,000 deals: 64 ms against 160). SQLite's planner trusts the unique
    indexes without statistics."""
    if connection.vendor == "postgresql":
        columns = ", ".join(
            Deal._meta.get_field(name).column
            for name in ("festival", "product", "status", "starts_at", "ends_at")
        )
        with connection.cursor() as cursor:
            cursor.execute(f"ANALYZE {Deal._meta.db_table} ({columns})")  # noqa: S608 (a model's)


def _facts_with_stored(
    deal: DealIn,
    lookups: _Lookups,
    product_id: int | None,
    history: dict[int, PriceHistory],
    days: dict[int, int],
) -> DealFacts:
    """The deal as the engine judges it: on the platform found for it, with its product's
    stored history and the days on discount the database knows of."""
    platform = lookups.platform(deal)
    return deal.facts(
        platform=platform.code if platform else None,
        price_history=history.get(product_id),  # with the history sent, stored first
        discount_days_past_year=days.get(product_id, 0),
    )


def preview_deal(merchant: Merchant, festival: Festival, deal: DealIn) -> SubmittedDeal:
    """What ``submit_deals`` would answer for one deal, storing nothing: the web form's check
    before sending. Raises SubmissionRefused as it does."""
    check_may_submit(merchant, festival)
    lookups = _Lookups(merchant)
    errors = _errors(deal, lookups)
    if errors:
        return SubmittedDeal(deal.sku, None, None, False, errors=tuple(errors))
    product_ids = list(
        Product.objects.filter(merchant=merchant, sku=deal.sku).values_list("pk", flat=True)
    )
    product_id = product_ids[0] if product_ids else None
    history = _stored_history(product_ids, deal.starts_at or festival.starts_at)
    days = _discount_days(festival, product_ids)
    facts = _facts_with_stored(deal, lookups, product_id, history, days)
    [judgement] = judge_batch([facts], terms_for(festival))
    return SubmittedDeal(deal.sku, None, judgement.verdict, judgement.featured, judgement.reasons)


def _store(festival, deals, errors, judgements, product_ids, lookups, source):
    hashes = [content_hash(deal) for deal in deals]
    existing = {
        product_id: (deal_id, submitted_hash, status, featured)
        for product_id, deal_id, submitted_hash, status, featured in Deal.objects.filter(
            festival=festival, product__id__any_of=product_ids.values()
        ).values_list("product_id", "id", "submitted_hash", "status", "featured")
    }
    now = timezone.now()
    results: list[SubmittedDeal | None] = [None] * len(deals)
    to_save: dict[int, tuple[int, tuple]] = {}  # product id -> (index, the deal's row)
    unchanged: list[tuple[int, tuple]] = []  # (index, the stored deal)
    for index, (deal, found, judgement) in enumerate(zip(deals, errors, judgements, strict=True)):
        if found:
            results[index] = SubmittedDeal(deal.sku, None, None, False, errors=tuple(found))
            continue
        if any(reason.code == "DUPLICATE_DEAL" for reason in judgement.reasons):
            results[index] = SubmittedDeal(
                deal.sku, None, judgement.verdict, False, judgement.reasons
            )
            continue
        product_id = product_ids[deal.sku]
        stored = existing.get(product_id)
        if stored is not None and stored[1] == hashes[index]:
            unchanged.append((index, stored))
            continue
        platform = lookups.platform(deal)
        shop = lookups.shops.get(platform.id)
        to_save[product_id] = (
            index,
            (
                festival.pk,
                product_id,
                platform.pk,
                shop.pk if shop else None,
                deal.url[:1000],
                _storable_amount(deal.price),
                _storable_amount(deal.sale_price),
                deal.currency.upper()[:3],
                deal.starts_at or festival.starts_at,
                deal.ends_at or festival.ends_at,
                deal.stock,
                deal.coupon_code,
                deal.genuine is True,
                deal.description,
                VERDICT_STATUS[judgement.verdict].value,
                judgement.featured,
                now,  # judged_at
                "",  # moderation_note
                source.value,
                hashes[index],
                now,  # updated_at
                now,  # created_at, when new
            ),
        )
    stored_reasons = _stored_reasons([stored[0] for _index, stored in unchanged])
    for index, (deal_id, _hash, status, featured) in unchanged:
        results[index] = SubmittedDeal(
            deals[index].sku, deal_id, STATUS_VERDICT.get(status), featured,
            stored_reasons[deal_id],
        )  # fmt: skip
    saved = _save_deals(festival, [row for _index, row in to_save.values()])
    reasons = []
    for product_id, (index, _row) in to_save.items():
        judgement, deal_id = judgements[index], saved[product_id]
        results[index] = SubmittedDeal(
            deals[index].sku, deal_id, judgement.verdict, judgement.featured,
            judgement.reasons, changed=True,
        )  # fmt: skip
        reasons.extend(
            (deal_id, r.code, r.severity.value, r.message, r.message_en) for r in judgement.reasons
        )
    DealReason.objects.filter(deal__id__any_of=saved.values()).delete()
    _writers()["reasons"].run(reasons)
    return results


def _storable_amount(amount) -> int:
    """What the price columns hold for a deal the engine rejected for its price: the whole
    part, clamped; the reasons say what was sent."""
    try:
        return min(max(int(amount or 0), 0), 10**15)
    except (TypeError, ValueError, OverflowError):
        return 0


# Written on every change of a deal; ``created_at`` only when it is new.
DEAL_UPDATE_FIELDS = [
    "platform", "shop", "url", "price", "sale_price", "currency", "starts_at", "ends_at",
    "stock", "coupon_code", "genuine_declared", "description", "status", "featured",
    "judged_at", "moderation_note", "source", "submitted_hash", "updated_at",
]  # fmt: skip


def _save_deals(festival: Festival, rows: list[tuple]) -> dict[int, int]:
    """Upsert the deals' rows (``_writers()["deals"]``' fields); their ids by product id."""
    if not rows:
        return {}
    _writers()["deals"].run(rows)
    saved = Deal.objects.filter(festival=festival, product__id__any_of=[row[1] for row in rows])
    return dict(saved.values_list("product_id", "id"))


def _stored_reasons(deal_ids: list[int]) -> dict[int, tuple[Reason, ...]]:
    """The reasons stored with each deal, in the order they were given."""
    found: dict[int, list[Reason]] = {deal_id: [] for deal_id in deal_ids}
    rows = (
        DealReason.objects.filter(deal__id__any_of=deal_ids)
        .order_by("id")
        .values_list("deal_id", "code", "severity", "message", "message_en")
    )
    for deal_id, code, severity, message, message_en in rows:
        found[deal_id].append(Reason(code, Severity(severity), message, message_en))
    return {deal_id: tuple(reasons) for deal_id, reasons in found.items()}


def stored_facts(festival: Festival, deals: Sequence[Deal]) -> list[DealFacts]:
    """Stored deals of ``festival`` as the engine sees them, with the products' stored history:
    what re-judging after a rule change (or new price evidence) works from. ``deals`` need
    ``product``, ``product__category`` and ``platform`` loaded (select_related)."""
    product_ids = [deal.product_id for deal in deals]
    latest_start = max((deal.starts_at for deal in deals), default=festival.starts_at)
    history = _stored_history(product_ids, latest_start)
    days = _discount_days(festival, product_ids)
    return [
        DealFacts(
            sku=deal.product.sku,
            title=deal.product.title,
            category=deal.product.category.slug if deal.product.category else "",
            brand=deal.product.brand,
            gtin=deal.product.gtin,
            url=deal.url,
            platform=deal.platform.code if deal.platform else "",
            price=deal.price,
            sale_price=deal.sale_price,
            currency=deal.currency,
            starts_at=deal.starts_at,
            ends_at=deal.ends_at,
            origin_country=deal.product.origin_country,
            genuine=deal.genuine_declared,
            made_in_vietnam=deal.product.made_in_vietnam,
            coupon_code=deal.coupon_code,
            stock=deal.stock,
            price_history=history[deal.product_id],
            discount_days_past_year=days.get(deal.product_id, 0),
        )
        for deal in deals
    ]
