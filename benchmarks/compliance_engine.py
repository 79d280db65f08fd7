"""Judge N deals (default 100,000) with 30 price observations each and report the speed.

Issue 4 asks the engine for at least 50,000 deals per second on one core, in process. The deals
have realistic Vietnamese titles and a mix of verdicts: mostly accepted, some with an inflated
price before, banned goods, bad links, no real discount or too many discount days.

    .venv/bin/python benchmarks/compliance_engine.py [--deals N] [--rounds R] [--seed S]

Each round builds the inputs afresh from the same generated rows (``DealFacts`` with their
``PriceHistory``), so nothing a history remembers from being judged carries over from one round
to the next; then it judges them with ``judge_batch`` in submissions of 1,000 (the API's
largest), on this one thread. Building and judging are timed apart, in wall and in CPU time.
What the engine keeps of the words of titles, the categories and the hosts of links it has read
stays from one round to the next, as it does in a server's process.

``gc.freeze()`` after each 1,000 inputs are built takes them out of the cyclic garbage
collector's view. That is fair: otherwise every full collection walks the millions of objects of
all N deals held at once, a cost of the benchmark's size that a request building and judging its
own 1,000 deals does not pay (``--no-freeze`` shows the difference).

Figures go in docs/benchmarks.md. This is a measurement, not a test: it never fails on time.
"""

import argparse
import gc
import os
import platform
import random
import statistics
import time
from collections import Counter
from datetime import UTC, datetime, timedelta
from types import MappingProxyType
from zoneinfo import ZoneInfo

from onlinefriday.compliance.engine import judge_batch
from onlinefriday.compliance.facts import DealFacts, FestivalTerms
from onlinefriday.compliance.history import PriceHistory
from onlinefriday.compliance.submission import MAX_DEALS

VIETNAM = ZoneInfo("Asia/Ho_Chi_Minh")
# Online Friday 2026, 4/12 00:00 to 6/12 12:00 Vietnam time; in UTC, as the database returns
# times (the festival's, the observations').
FESTIVAL_START = datetime(2026, 12, 4, 0, 0, tzinfo=VIETNAM).astimezone(UTC)
FESTIVAL_END = datetime(2026, 12, 6, 12, 0, tzinfo=VIETNAM).astimezone(UTC)
OBSERVATIONS = 30
# As seeded by merchants/0002.
PLATFORMS = {
    "shopee": ("shopee.vn",),
    "tiki": ("tiki.vn",),
    "lazada": ("lazada.vn",),
    "sendo": ("sendo.vn",),
    "voso": ("voso.vn",),
    "postmart": ("postmart.vn",),
    "website": (),
}
# (category, title stem, brands, typical price in VND)
GOODS = [
    (
        "dien-thoai-may-tinh-bang",
        "Điện thoại {} 256GB chính hãng",
        ["Samsung", "Xiaomi", "OPPO"],
        9_000_000,
    ),
    (
        "may-tinh-laptop",
        "Laptop {} 14 inch Core i5 16GB",
        ["Asus", "Dell", "Lenovo", "HP"],
        18_000_000,
    ),
    (
        "dien-tu-dien-lanh",
        "Tủ lạnh {} Inverter 322 lít",
        ["Panasonic", "Toshiba", "LG"],
        12_000_000,
    ),
    (
        "thiet-bi-gia-dung",
        "Nồi chiên không dầu {} 6,2 lít",
        ["Philips", "Lock&Lock", "Sunhouse"],
        2_000_000,
    ),
    ("thoi-trang-nu", "Đầm công sở nữ {} dáng suông", ["Ivy Moda", "Elise", "Canifa"], 600_000),
    (
        "thoi-trang-nam",
        "Áo sơ mi nam {} cotton dài tay",
        ["Owen", "Việt Tiến", "An Phước"],
        450_000,
    ),
    ("giay-dep-tui-xach", "Giày thể thao {} đế êm", ["Biti's", "Ananas", "Adidas"], 1_200_000),
    ("me-be", "Bỉm dán sơ sinh {} size S 90 miếng", ["Bobby", "Huggies", "Merries"], 350_000),
    ("suc-khoe-lam-dep", "Thuốc nhuộm tóc {} màu nâu hạt dẻ", ["Garnier", "L'Oréal"], 150_000),
    ("suc-khoe-lam-dep", "Kem chống nắng {} SPF50+ 50ml", ["Anessa", "La Roche-Posay"], 450_000),
    (
        "thuc-pham-do-uong",
        "Cà phê hạt rang {} 500g",
        ["Trung Nguyên", "Highlands", "Phúc Long"],
        220_000,
    ),
    ("nong-san-dac-san", "Vải thiều Lục Ngạn {} hộp 2kg", ["Bắc Giang Farm", "Vườn Nhà"], 180_000),
    ("sach-van-phong-pham", "Bìa hồ sơ nhựa A4 {} 20 lá", ["Thiên Long", "Hồng Hà"], 60_000),
    ("o-to-xe-may", "Mũ bảo hiểm 3/4 {} có kính", ["Asia", "Royal", "Sơn"], 500_000),
    ("do-choi", "Bộ xếp hình {} 500 chi tiết", ["Lego", "Sluban"], 1_500_000),
]
WEBSITES = ("www.thegioididong.com", "fptshop.com.vn", "cellphones.com.vn", "hasaki.vn")
BANNED = [
    ("thuc-pham-do-uong", "Rượu vang đỏ {} Chile 750ml", ["Concha y Toro", "Santa Rita"], 450_000),
    ("thuc-pham-do-uong", "Bia {} thùng 24 lon 330ml", ["Hà Nội", "Sài Gòn", "Tiger"], 380_000),
    ("me-be", "Sữa công thức {} số 1 900g", ["Meiji", "Aptamil"], 650_000),
    ("ruou-bia", "Hộp quà Tết {}", ["Vodka Hà Nội", "Sochu"], 500_000),
]


def generate(count: int, seed: int) -> list[tuple]:
    """Plain rows (the fields of each deal and its observations), untimed."""
    rng = random.Random(seed)
    # Prices are crawled at whole hours: the moments of 40 days, shared by every product.
    moments = [FESTIVAL_START - timedelta(hours=h) for h in range(1, 40 * 24 + 1)]
    flash_slots = [FESTIVAL_START + timedelta(hours=h) for h in (0, 12, 24, 36)]
    rows = []
    for n in range(count):
        kind = rng.random()
        category, stem, brands, typical = rng.choice(BANNED if kind < 0.04 else GOODS)
        brand = rng.choice(brands)
        price = round(int(typical * rng.uniform(0.6, 1.6)), -3)  # whole VND
        sale_price = round(int(price * rng.uniform(0.5, 0.9)), -3)
        observed = [
            (at, price + rng.choice((0, 0, 0, 10_000, 50_000)))
            for at in rng.sample(moments, OBSERVATIONS)
        ]
        platform_code = rng.choice(list(PLATFORMS))
        domain = (PLATFORMS[platform_code] or (rng.choice(WEBSITES),))[0]
        url = f"https://{domain}/san-pham-i.{n // 50}.{n}"
        days = rng.choice((0, 0, 0, 30, 60))
        if 0.04 <= kind < 0.10:  # raised just before, to cut it
            price = round(price * 13 // 10, -3)
            observed[-1] = (FESTIVAL_START - timedelta(days=5), price)
        elif 0.10 <= kind < 0.13:  # a link on another platform, or not https
            url = rng.choice((f"https://tiki.vn/p{n}", f"http://{domain}/p{n}"))
            platform_code = "shopee" if url.startswith("https://tiki") else platform_code
        elif 0.13 <= kind < 0.15:  # no discount at all
            sale_price = price
        elif 0.15 <= kind < 0.17:  # on sale most of the year already
            days = 150
        rows.append(
            (
                f"{brand[:3].upper()}-{n:07d}",
                stem.format(brand),
                category,
                brand,
                url,
                platform_code,
                price,
                sale_price,
                rng.choice(flash_slots) if rng.random() < 0.1 else None,
                rng.choice(("VN", "VN", "CN", "KR", "JP", "TH")),
                rng.randint(0, 500),
                observed,
                days,
            )
        )
    return rows


def deal_facts(row: tuple) -> DealFacts:
    """One deal as intake would make it."""
    sku, title, category, brand, url, platform_code, price, sale_price, starts_at = row[:9]
    origin, stock, observed, days = row[9:]
    return DealFacts(
        sku=sku,
        title=title,
        category=category,
        brand=brand,
        url=url,
        platform=platform_code,
        price=price,
        sale_price=sale_price,
        starts_at=starts_at,
        origin_country=origin,
        genuine=True,
        stock=stock,
        price_history=PriceHistory(observed),
        discount_days_past_year=days,
    )


def build(rows: list[tuple], freeze: bool) -> list[DealFacts]:
    """The engine's inputs, a submission (MAX_DEALS) at a time, each frozen once built."""
    deals: list[DealFacts] = []
    for first in range(0, len(rows), MAX_DEALS):
        deals.extend(map(deal_facts, rows[first : first + MAX_DEALS]))
        if freeze:
            gc.freeze()
    return deals


def judge_all(deals: list[DealFacts], terms: FestivalTerms) -> Counter:
    """Judge in submissions of MAX_DEALS; count the verdicts."""
    verdicts: Counter = Counter()
    for first in range(0, len(deals), MAX_DEALS):
        judgements = judge_batch(deals[first : first + MAX_DEALS], terms)
        verdicts.update(judgement.verdict.value for judgement in judgements)
    return verdicts


def timed(function, *args):
    """The result, and the (wall, CPU) seconds the call took: CPU time is this process's alone,
    which keeps the figure meaningful on a machine busy with other work."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = function(*args)
    return result, (time.perf_counter() - wall, time.process_time() - cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deals", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=2021)
    parser.add_argument("--no-freeze", action="store_true", help="leave gc.freeze() out")
    args = parser.parse_args()

    terms = FestivalTerms(
        starts_at=FESTIVAL_START,
        ends_at=FESTIVAL_END,
        platform_domains=MappingProxyType(PLATFORMS),
    )
    rows = generate(args.deals, args.seed)
    if not args.no_freeze:
        gc.freeze()
    build_times, judge_times = [], []  # (wall, CPU) seconds of each round
    for _round in range(args.rounds):
        deals, seconds = timed(build, rows, not args.no_freeze)
        build_times.append(seconds)
        verdicts, seconds = timed(judge_all, deals, terms)
        judge_times.append(seconds)
        del deals
        gc.unfreeze()
        gc.collect()

    def rates(times: list[tuple[float, float]], pick) -> str:
        wall, cpu = pick(wall for wall, _cpu in times), pick(cpu for _wall, cpu in times)
        return (
            f"{args.deals / wall:>7,.0f} deals/s wall ({wall:.2f} s), "
            f"{args.deals / cpu:,.0f} deals/s of CPU ({cpu:.2f} s)"
        )

    for label, figure in (
        ("machine", f"{os.cpu_count()} CPUs, Python {platform.python_version()}"),
        ("deals", f"{args.deals:,} x {OBSERVATIONS} observations, {args.rounds} rounds"),
        ("gc.freeze()", "no" if args.no_freeze else "yes"),
        ("verdicts", ", ".join(f"{v} {n:,}" for v, n in sorted(verdicts.items()))),
        ("judging, best", rates(judge_times, min)),
        ("judging, median", rates(judge_times, statistics.median)),
        ("building, best", rates(build_times, min)),
        ("building, median", rates(build_times, statistics.median)),
    ):
        print(f"{label:<17} {figure}")


if __name__ == "__main__":
    main()
