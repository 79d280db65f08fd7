"""Import a generated deal file of N rows end to end (read, judge, store) and report the speed.

The path is the import job's, as ``onlinefriday import`` runs it: the file is kept, then read
with ``open_deal_file`` and submitted a chunk at a time through ``submit_deals``, with a row
result per line. Each product has four prices stored for the month before the festival, so the
engine judges with real history (most rows are accepted; one in ten declares a 'before' price
above it and is rejected; one in fifty has an unreadable price).

SQLite (default): a new database in a temporary ONLINEFRIDAY_VAR_DIR, removed afterwards.
PostgreSQL: set DATABASE_URL to an empty database you created for this.

    .venv/bin/python benchmarks/deal_import.py [--rows N] [--format csv|xlsx] [--shared-strings]
        [--profile FILE]

Figures go in docs/benchmarks.md. This is a measurement, not a test: it never fails on time.
"""

import argparse
import csv
import multiprocessing
import os
import platform
import resource
import shutil
import sys
import tempfile
import time
from datetime import timedelta

HEADER = [
    "Mã SKU", "Tên sản phẩm", "Danh mục", "Thương hiệu", "Đường dẫn sản phẩm", "Nền tảng",
    "Giá trước khuyến mại (VND)", "Giá khuyến mại (VND)", "Xuất xứ (mã nước)",
    "Cam kết chính hãng", "Số lượng khuyến mại",
]  # fmt: skip
TITLES = (
    "Điện thoại Samsung Galaxy A54 5G 128GB chính hãng",
    "Nồi cơm điện Sunhouse 1.8L",
    "Áo sơ mi nam dài tay vải lụa",
    "Cà phê rang xay Trung Nguyên 500g",
    "Tai nghe Bluetooth Sony WH-1000XM5",
)


def rows(count: int):
    """The file's rows: price 1,000,000 before, 690,000 on sale; every tenth declares a price
    above the month's (rejected), every fiftieth has a price in words (unreadable)."""
    for n in range(count):
        price = "1.200.000" if n % 10 == 9 else "1.000.000"
        if n % 50 == 49:
            price = "một triệu"
        yield [
            f"SKU-{n:07d}", f"{TITLES[n % 5]} mã {n}", "dien-tu-dien-lanh", "Thương hiệu Việt",
            f"https://shopee.vn/san-pham-i.1.{n}", "shopee", price, "690.000", "VN", "có", "100",
        ]  # fmt: skip


def write_csv(path: str, count: int) -> None:
    with open(path, "w", encoding="utf-8-sig", newline="") as file:
        writer = csv.writer(file)
        writer.writerow(HEADER)
        writer.writerows(rows(count))


def write_xlsx(path: str, count: int, shared_strings: bool = False) -> None:
    """Strings inline in the cells (xlsxwriter's constant_memory), or in the workbook's table of
    shared strings as Excel saves them (xlsxwriter then holds the whole sheet in memory)."""
    import xlsxwriter

    options = {"constant_memory": not shared_strings, "strings_to_urls": False}
    with xlsxwriter.Workbook(path, options) as book:
        sheet = book.add_worksheet("Khuyến mại")
        sheet.write_row(0, 0, HEADER)
        for number, values in enumerate(rows(count), start=1):
            sheet.write_row(number, 0, values)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--format", choices=["csv", "xlsx"], default="csv")
    parser.add_argument(
        "--shared-strings",
        action="store_true",
        help="XLSX: strings in the shared table, as Excel saves them (written by a child "
        "process, whose memory is not counted in the peak RSS)",
    )
    parser.add_argument("--chunk-rows", type=int, help="rows a transaction (default: the job's)")
    parser.add_argument("--profile", help="write cProfile statistics of the import here")
    args = parser.parse_args()

    var_dir = None
    if not os.environ.get("DATABASE_URL"):
        var_dir = tempfile.mkdtemp(prefix="onlinefriday-bench-")
        os.environ["ONLINEFRIDAY_VAR_DIR"] = var_dir
    work = tempfile.mkdtemp(prefix="onlinefriday-bench-files-")
    os.environ["DEAL_FILES_DIR"] = work
    os.environ.setdefault("DEAL_FILE_MAX_BYTES", str(2**40))  # the file's size is the point
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onlinefriday.settings")
    import django

    django.setup()
    from django.core.files import File
    from django.core.management import call_command
    from django.db import connection, transaction
    from django.utils import timezone

    from onlinefriday.core.bulk import BulkUpsert
    from onlinefriday.deals.import_services import create_import_job, process_import_job
    from onlinefriday.deals.models import PriceObservation, Product
    from onlinefriday.festivals.models import Festival
    from onlinefriday.merchants.models import Merchant, Platform, Shop

    call_command("migrate", verbosity=0)
    path = os.path.join(work, f"deals.{args.format}")
    started = time.monotonic()
    if args.format == "csv":
        write_csv(path, args.rows)
    elif args.shared_strings:
        writer = multiprocessing.get_context("fork").Process(
            target=write_xlsx, args=(path, args.rows, True)
        )
        writer.start()
        writer.join()
        if writer.exitcode:
            sys.exit("the workbook could not be written")
    else:
        write_xlsx(path, args.rows)
    print(f"file written    {time.monotonic() - started:.1f} s", file=sys.stderr)

    starts_at = timezone.now() + timedelta(days=10)
    festival = Festival.objects.create(
        slug="bench", name="Bench", starts_at=starts_at, ends_at=starts_at + timedelta(hours=60)
    )
    merchant = Merchant.objects.create(
        name="Công ty Đo Tốc Độ",
        tax_code="0100233488",
        business_type="company",
        province_code=1,
        email="bench@example.com",
        status="approved",
    )
    Shop.objects.create(
        merchant=merchant,
        platform=Platform.objects.get(code="shopee"),
        name="Đo Tốc Độ",
        url="https://shopee.vn/do-toc-do",
    )
    products = BulkUpsert(Product, ["merchant", "sku"])
    prices = BulkUpsert(PriceObservation, ["product", "observed_at", "price", "source"])
    for first in range(0, args.rows, 10_000):  # four prices of 1,000,000 in the month before
        skus = [f"SKU-{n:07d}" for n in range(first, min(first + 10_000, args.rows))]
        with transaction.atomic():
            products.run([(merchant.pk, sku) for sku in skus])
            ids = Product.objects.filter(merchant=merchant, sku__in=skus).values_list("id")
            prices.run(
                [
                    (product_id, starts_at - timedelta(days=days), 1_000_000, "platform")
                    for (product_id,) in ids
                    for days in (28, 20, 10, 2)
                ]
            )

    profiler = None
    if args.profile:
        import cProfile

        profiler = cProfile.Profile()
    begun, cpu_begun = time.monotonic(), time.process_time()

    def progress(job) -> None:  # ten times a run: whether later chunks get slower
        if job.rows_done % max(args.rows // 10, 1) < 2_000 or job.rows_done == job.total_rows:
            print(
                f"{job.rows_done:>9,} rows  {time.monotonic() - begun:6.1f} s"
                f"  CPU {time.process_time() - cpu_begun:6.1f} s",
                file=sys.stderr,
            )

    if profiler:
        profiler.enable()
    with open(path, "rb") as upload:
        job = create_import_job(
            user=None,
            merchant=merchant,
            festival=festival,
            uploaded_file=File(upload, name=os.path.basename(path)),
            in_background=False,
        )
    chunking = {"chunk_rows": args.chunk_rows} if args.chunk_rows else {}
    job = process_import_job(job.pk, progress=progress, **chunking)
    seconds, cpu_seconds = time.monotonic() - begun, time.process_time() - cpu_begun
    if profiler:
        profiler.disable()
        profiler.dump_stats(args.profile)

    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    version = (
        connection.Database.sqlite_version
        if connection.vendor == "sqlite"
        else connection.cursor().connection.info.parameter_status("server_version")
    )
    print(f"database        {connection.vendor} {version}")
    print(f"machine         {os.cpu_count()} CPUs, Python {platform.python_version()}")
    strings = ", shared strings" if args.format == "xlsx" and args.shared_strings else ""
    print(f"file            {args.format}{strings}, {os.path.getsize(path) / 2**20:,.1f} MiB")
    print(f"rows            {job.rows_done:,} ({job.status})")
    print(
        f"verdicts        {job.accepted:,} accepted, {job.review:,} review, "
        f"{job.rejected:,} rejected, {job.invalid:,} invalid"
    )
    print(f"wall time       {seconds:.1f} s")
    print(f"rows/s          {job.rows_done / seconds:,.0f}")
    cpu_rate = job.rows_done / cpu_seconds
    print(f"CPU time        {cpu_seconds:.1f} s of this process ({cpu_rate:,.0f} rows/s)")
    print(f"peak RSS        {peak_mib:,.0f} MiB")
    shutil.rmtree(work)
    if var_dir:
        shutil.rmtree(var_dir)


if __name__ == "__main__":
    main()
