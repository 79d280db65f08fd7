"""Deterministic demo data at any size: plain rows, no database.

The same seed and the same ``now`` give the same rows. Everything random comes from
``random.Random`` instances seeded from the seed (never the global generator, never ``hash()``).
Merchants and shops are held in memory (about one merchant per 300 deals); products, deals and
their price history are generated block by block, each block from its own seeded generator, so a
million deals stream through in constant memory.
"""

import math
import random
import re
import unicodedata
from bisect import bisect
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from itertools import accumulate
from typing import NamedTuple
from zoneinfo import ZoneInfo

from stdnum import ean
from stdnum.vn import mst
from vietnam_provinces import Province

from onlinefriday.demo import catalogue

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
FESTIVAL_SLUG = "demo-live"
EMAIL_DOMAIN = "demo.example"  # .example is reserved (RFC 2606): demo mail never reaches anyone
OBSERVATION_SOURCE = "demo"
BLOCK_SIZE = 10_000  # deals per chunk; fixed so that the data never depends on how it is read
DEALS_PER_MERCHANT = 300  # 2016: 3,000+ businesses for 360,000 products
WINDOW = timedelta(hours=60)  # 00:00 Friday to 12:00 Sunday, as in 2021
FLASH_SLOTS = (("Giờ vàng 0h", 0), ("Giờ vàng 12h", 12), ("Giờ vàng 20h", 20))
FLASH_SLOT_LENGTH = timedelta(hours=2)
REFERENCE_DAYS = 30  # the 'before' price is the lowest of the 30 days before the start

INFLATED_SHARE = 0.08
BANNED_SHARE = 0.03
VIETNAMESE_SHARE = 0.35
MISSING_ORIGIN_SHARE = 0.02
NOT_GENUINE_SHARE = 0.04
FLASH_SHARE = 0.15
HOUSEHOLD_SHARE = 0.08
COOPERATIVE_SHARE = 0.03
COUPONS = ("ONLINEFRIDAY", "GIOVANG", "FREESHIP", "HANGVIET", "SALE60H")

# Where each marketplace puts a shop and a product page; the host is the platform's domain.
URLS = {
    "shopee": ("https://shopee.vn/{shop}", "https://shopee.vn/{slug}-i.{shop_id}.{product_id}"),
    "tiki": ("https://tiki.vn/cua-hang/{shop}", "https://tiki.vn/{slug}-p{product_id}.html"),
    "lazada": (
        "https://lazada.vn/shop/{shop}",
        "https://lazada.vn/products/{slug}-i{product_id}.html",
    ),
    "sendo": ("https://sendo.vn/shop/{shop}", "https://sendo.vn/{slug}-{product_id}.html"),
    "voso": ("https://voso.vn/shop/{shop}", "https://voso.vn/{slug}-{product_id}"),
}
# How likely a merchant sells on each marketplace.
PLATFORM_REACH = {"shopee": 0.85, "tiki": 0.45, "lazada": 0.5, "sendo": 0.3, "voso": 0.2}


class Trait(StrEnum):
    """What a deal is meant to show the compliance rules; not stored."""

    NORMAL = "normal"
    INFLATED = "inflated"  # declared 'before' price above the lowest of the 30 days before
    BANNED = "banned"  # goods that may not be promoted (Decree 81/2018 Art. 5)


class FirstIds(NamedTuple):
    """The first id of each table, so that rows can point at each other without a read-back."""

    merchant: int = 1
    shop: int = 1
    product: int = 1
    deal: int = 1


class FestivalRow(NamedTuple):
    name: str
    slug: str
    starts_at: datetime
    ends_at: datetime
    promotion_kind: str
    registration_opens_at: datetime
    registration_closes_at: datetime
    review_closes_at: datetime
    programme_title: str
    programme_starts_on: date
    programme_ends_on: date
    description: str


class FlashSlotRow(NamedTuple):
    name: str
    starts_at: datetime
    ends_at: datetime


class MerchantRow(NamedTuple):
    id: int
    name: str
    tax_code: str
    business_type: str
    province_code: int
    email: str
    status: str
    created_at: datetime


class ShopRow(NamedTuple):
    id: int
    merchant_id: int
    platform: str
    name: str
    url: str


class ProductRow(NamedTuple):
    id: int
    merchant_id: int
    sku: str
    title: str
    brand: str
    gtin: str
    category: str
    origin_country: str
    made_in_vietnam: bool


class DealRow(NamedTuple):
    id: int
    product_id: int
    shop_id: int
    url: str
    price: int
    sale_price: int
    starts_at: datetime
    ends_at: datetime
    stock: int | None
    coupon_code: str
    genuine_declared: bool
    created_at: datetime
    trait: Trait


class ObservationRow(NamedTuple):
    product_id: int
    observed_at: datetime
    price: int


class Chunk(NamedTuple):
    products: list[ProductRow]
    deals: list[DealRow]
    observations: list[ObservationRow]


def slugify(text: str) -> str:
    """ASCII slug of Vietnamese text: marks dropped and đ made d (NFD does not decompose đ)."""
    text = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


def round_vnd(amount: float) -> int:
    """To the nearest 1,000 VND, as shops price; never below 1,000."""
    return max(1000, int(amount / 1000 + 0.5) * 1000)


class Offer(NamedTuple):
    """One product as sellers list it, in each of its title forms: (title, slug, gtin)."""

    line: catalogue.ProductLine
    list_price: int
    titles: tuple[tuple[str, str, str], ...]


def _gtin(title: str, origin: str) -> str:
    """A valid EAN-13, the same for every seller of the same title."""
    prefix = catalogue.GS1_PREFIXES.get(origin, "890")
    rng = random.Random(f"gtin/{title}")
    body = prefix + "".join(str(rng.randrange(10)) for _ in range(12 - len(prefix)))
    return body + ean.calc_check_digit(body)


def _offers(lines: tuple[catalogue.ProductLine, ...]) -> tuple[Offer, ...]:
    offers = []
    for line in lines:
        suffixes = ("", *catalogue.TITLE_SUFFIXES.get(line.category, ()))
        for variant, list_price in line.variants:
            base = " ".join(line.pattern.format(brand=line.brand, variant=variant).split())
            titles = []
            for suffix in suffixes:
                title = f"{base} {suffix}" if suffix else base
                gtin = _gtin(title, line.origin) if line.brand else ""
                titles.append((title, slugify(title), gtin))
            offers.append(Offer(line, list_price, tuple(titles)))
    return tuple(offers)


_ALLOWED = _offers(catalogue.LINES)
VIETNAMESE_OFFERS = tuple(o for o in _ALLOWED if o.line.origin == "VN")
FOREIGN_OFFERS = tuple(o for o in _ALLOWED if o.line.origin != "VN")
BANNED_OFFERS = _offers(catalogue.BANNED_LINES)
PROVINCE_CODES = tuple(sorted(p.code.value for p in Province.iter_all()))


@dataclass(frozen=True)
class DemoData:
    """A demo festival, its merchants and shops; products, deals and history come by chunks."""

    seed: int
    deal_count: int
    first_ids: FirstIds
    festival: FestivalRow
    flash_slots: tuple[FlashSlotRow, ...]
    merchants: tuple[MerchantRow, ...]
    shops: tuple[ShopRow, ...]
    merchant_weights: tuple[float, ...]  # cumulative: a few merchants sell most of the deals

    def chunks(self) -> Iterator[Chunk]:
        """Products, deals and price observations, BLOCK_SIZE deals at a time."""
        shops_of: dict[int, list[ShopRow]] = {}
        for shop in self.shops:
            shops_of.setdefault(shop.merchant_id, []).append(shop)
        merchant_shops = [shops_of[m.id] for m in self.merchants]
        windows = [(self.festival.starts_at, self.festival.ends_at)] + [
            (slot.starts_at, slot.ends_at) for slot in self.flash_slots
        ]
        observation_times = [_observation_times(start) for start, _ in windows]
        for block in range(math.ceil(self.deal_count / BLOCK_SIZE)):
            first = block * BLOCK_SIZE
            yield _block(
                self,
                random.Random(f"{self.seed}/block/{block}"),
                range(first, min(first + BLOCK_SIZE, self.deal_count)),
                merchant_shops,
                windows,
                observation_times,
            )


def generate(
    seed: int, deals: int, now: datetime, *, first_ids: FirstIds | None = None
) -> DemoData:
    """Demo data for a festival that is live at ``now``: ``deals`` deals from about one merchant
    per 300 deals (at least 5)."""
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    if deals < 1:
        raise ValueError("at least one deal")
    festival, slots = festival_rows(now)
    rng = random.Random(f"{seed}/merchants")
    first_ids = first_ids or FirstIds()
    count = max(5, round(deals / DEALS_PER_MERCHANT))
    merchants, shops = _merchants_and_shops(rng, count, festival, first_ids)
    weights = accumulate(rng.paretovariate(1.2) for _ in merchants)
    return DemoData(seed, deals, first_ids, festival, slots, merchants, shops, tuple(weights))


def window_start(now: datetime) -> datetime:
    """00:00 today, Vietnam time: the demo window [start, start + 60 h) then contains ``now``."""
    return datetime.combine(now.astimezone(VIETNAM).date(), time(0), tzinfo=VIETNAM)


def festival_rows(now: datetime) -> tuple[FestivalRow, tuple[FlashSlotRow, ...]]:
    """A 60-hour window from 00:00 today, Vietnam time, so it is live at ``now``."""
    starts_at = window_start(now)
    festival = FestivalRow(
        name="Online Friday – Bản trình diễn",
        slug=FESTIVAL_SLUG,
        starts_at=starts_at,
        ends_at=starts_at + WINDOW,
        promotion_kind="concentrated",
        registration_opens_at=starts_at - timedelta(days=45),
        registration_closes_at=starts_at - timedelta(days=7),
        review_closes_at=starts_at - timedelta(days=1),
        programme_title="Tuần lễ Thương mại điện tử quốc gia – Bản trình diễn",
        programme_starts_on=(starts_at - timedelta(days=6)).date(),
        programme_ends_on=(starts_at + timedelta(days=1)).date(),
        description=(
            f"Dữ liệu trình diễn: 60 giờ mua sắm trực tuyến từ 0h00 ngày {starts_at:%d/%m/%Y}, "
            "với các khung giờ vàng và ưu đãi từ doanh nghiệp trên các sàn thương mại điện tử."
        ),
    )
    slots = tuple(
        FlashSlotRow(
            name,
            starts_at + timedelta(hours=hour),
            starts_at + timedelta(hours=hour) + FLASH_SLOT_LENGTH,
        )
        for name, hour in FLASH_SLOTS
    )
    return festival, slots


def enterprise_tax_code(rng: random.Random, province: int) -> str:
    """A 10-digit MST: 2 province digits, 7 sequence digits, the check digit stdnum computes."""
    while True:
        body = f"{province:02d}{rng.randrange(1, 10_000_000):07d}"
        code = body + mst.calc_check_digit(body)
        if mst.is_valid(code):  # a body whose weighted sum is 0 mod 11 has no check digit
            return code


def personal_id(rng: random.Random, province: int, female: bool, this_year: int) -> str:
    """A 12-digit CCCD: province, century and sex, two birth-year digits, six serial digits."""
    year = this_year - rng.randrange(20, 66)  # a business owner is an adult
    century_sex = (0 if year < 2000 else 2) + (1 if female else 0)
    return f"{province:03d}{century_sex}{year % 100:02d}{rng.randrange(1_000_000):06d}"


def _merchants_and_shops(
    rng: random.Random, count: int, festival: FestivalRow, first_ids: FirstIds
) -> tuple[tuple[MerchantRow, ...], tuple[ShopRow, ...]]:
    taken: set[str] = set()
    merchants, shops = [], []
    for index in range(count):
        merchant_id = first_ids.merchant + index
        province = rng.choice(PROVINCE_CODES)
        kind = rng.random()
        while True:
            if kind < HOUSEHOLD_SHARE:
                female = rng.random() < 0.5
                given = rng.choice(catalogue.FEMALE_NAMES if female else catalogue.MALE_NAMES)
                name = f"Hộ kinh doanh {rng.choice(catalogue.FAMILY_NAMES)} {given}"
                short, styles = given.split()[-1], catalogue.HOUSEHOLD_SHOP_STYLES
                business_type, tax_code = (
                    "household",
                    personal_id(rng, province, female, festival.starts_at.year),
                )
            elif kind < HOUSEHOLD_SHARE + COOPERATIVE_SHARE:
                short, styles = rng.choice(catalogue.COOPERATIVE_PLACES), catalogue.SHOP_STYLES
                name = f"Hợp tác xã Nông nghiệp {short}"
                business_type, tax_code = "cooperative", enterprise_tax_code(rng, province)
            else:
                short, styles = rng.choice(catalogue.COMPANY_NAMES), catalogue.SHOP_STYLES
                form = rng.choice(catalogue.COMPANY_FORMS)
                name = f"{form} {rng.choice(catalogue.COMPANY_TRADES)} {short}"
                business_type, tax_code = "company", enterprise_tax_code(rng, province)
            if tax_code not in taken:  # tax codes are unique; a repeat is drawn again
                taken.add(tax_code)
                break
        merchants.append(
            MerchantRow(
                id=merchant_id,
                name=name,
                tax_code=tax_code,
                business_type=business_type,
                province_code=province,
                email=f"{slugify(short).replace('-', '')}{merchant_id}@{EMAIL_DOMAIN}",
                status="approved",
                created_at=_during_registration(festival, rng.random()),
            )
        )
        shop_name = rng.choice(styles).format(name=short)
        shop_slug = f"{slugify(shop_name)}-{merchant_id}"  # the id keeps URLs unique
        platforms = [code for code, reach in PLATFORM_REACH.items() if rng.random() < reach]
        for platform in platforms or ["shopee"]:
            shops.append(
                ShopRow(
                    id=first_ids.shop + len(shops),
                    merchant_id=merchant_id,
                    platform=platform,
                    name=shop_name,
                    url=URLS[platform][0].format(shop=shop_slug),
                )
            )
    return tuple(merchants), tuple(shops)


def _during_registration(festival: FestivalRow, fraction: float) -> datetime:
    """The whole hour a ``fraction`` (0 to 1) of the way through the registration period: a
    few hundred distinct instants, which the loader adapts once each."""
    hours = (festival.registration_closes_at - festival.registration_opens_at) / timedelta(hours=1)
    return festival.registration_opens_at + timedelta(hours=int(fraction * hours))


def _observation_times(start: datetime) -> list[list[datetime]]:
    """[days before start][hour of day - 8]: a price seen between 08:00 and 22:00 that day."""
    return [
        [start - timedelta(days=days) + timedelta(hours=hour) for hour in range(8, 23)]
        for days in range(0, 46)
    ]


def _discount(rng: random.Random, trait: Trait) -> float:
    """Mostly modest, sometimes deep, never above 90%."""
    if trait is Trait.INFLATED:
        return 0.2 + 0.25 * rng.random()
    u = rng.random()
    if u < 0.7:
        return 0.05 + 0.25 * rng.random()
    if u < 0.95:
        return 0.3 + 0.2 * rng.random()
    return 0.5 + 0.4 * rng.random()


def _block(
    data: DemoData,
    rng: random.Random,
    indexes: range,
    merchant_shops: list[list[ShopRow]],
    windows: list[tuple[datetime, datetime]],
    observation_times: list[list[list[datetime]]],
) -> Chunk:
    first_ids, festival = data.first_ids, data.festival
    cumulative, total_weight = data.merchant_weights, data.merchant_weights[-1]
    last_merchant = len(cumulative) - 1
    random_ = rng.random
    products, deals, observations = [], [], []
    for index in indexes:
        product_id, deal_id = first_ids.product + index, first_ids.deal + index
        merchant_index = min(bisect(cumulative, random_() * total_weight), last_merchant)
        merchant_id = first_ids.merchant + merchant_index
        shops = merchant_shops[merchant_index]
        shop = shops[int(random_() * len(shops))]

        u = random_()
        if u < BANNED_SHARE:
            trait, pool = Trait.BANNED, BANNED_OFFERS
        else:
            trait = Trait.INFLATED if u < BANNED_SHARE + INFLATED_SHARE else Trait.NORMAL
            pool = VIETNAMESE_OFFERS if random_() < VIETNAMESE_SHARE else FOREIGN_OFFERS
        offer = pool[int(random_() * len(pool))]
        titles = offer.titles
        title, slug, gtin = titles[0] if random_() < 0.6 else titles[int(random_() * len(titles))]
        line = offer.line
        origin = "" if random_() < MISSING_ORIGIN_SHARE else line.origin
        products.append(
            ProductRow(
                id=product_id,
                merchant_id=merchant_id,
                sku=f"OF-{product_id:08d}",
                title=title,
                brand=line.brand,
                gtin="" if random_() < 0.15 else gtin,
                category=line.category,
                origin_country=origin,
                made_in_vietnam=origin == "VN",
            )
        )

        # The price the product really sold at in the month before; the declared 'before'
        # price is that price, except for inflated deals, where it is 15-50% above it.
        real = round_vnd(offer.list_price * (0.92 + 0.16 * random_()))
        price = real
        if trait is Trait.INFLATED:
            price = max(round_vnd(real * (1.15 + 0.35 * random_())), real + 1000)
        sale_price = min(max(round_vnd(price * (1 - _discount(rng, trait))), 1000), price - 1000)

        window = 0 if random_() >= FLASH_SHARE else 1 + int(random_() * (len(windows) - 1))
        starts_at, ends_at = windows[window]
        times = observation_times[window]
        # Every 3-7 days from 35-45 days before the start, and the day before the start. From
        # the price in force when the 30 days begin, it never drops below `real`, and the first
        # one seen inside them is `real`.
        days = 35 + int(random_() * 11)
        seen_real = False
        while days > 1:
            if days > REFERENCE_DAYS:
                seen = round_vnd(real * (1 + 0.2 * random_()))
            elif not seen_real:
                seen, seen_real = real, True
            else:
                seen = real if random_() < 0.5 else round_vnd(real * (1 + 0.12 * random_()))
            observations.append(ObservationRow(product_id, times[days][int(random_() * 15)], seen))
            days -= 3 + int(random_() * 5)
        # Inflated deals: half of them raised the price the day before, as sellers do.
        last = price if trait is Trait.INFLATED and random_() < 0.5 else real
        observations.append(ObservationRow(product_id, times[1][int(random_() * 15)], last))

        platform = shop.platform
        deals.append(
            DealRow(
                id=deal_id,
                product_id=product_id,
                shop_id=shop.id,
                url=URLS[platform][1].format(slug=slug, shop_id=shop.id, product_id=product_id),
                price=price,
                sale_price=sale_price,
                starts_at=starts_at,
                ends_at=ends_at,
                stock=None
                if random_() < 0.05
                else (5 + int(random_() * 96) if window else 20 + int(random_() * 1981)),
                coupon_code=COUPONS[int(random_() * len(COUPONS))] if random_() < 0.1 else "",
                genuine_declared=random_() >= NOT_GENUINE_SHARE,
                created_at=_during_registration(festival, random_()),
                trait=trait,
            )
        )
    return Chunk(products, deals, observations)
