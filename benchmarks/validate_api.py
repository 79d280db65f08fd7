"""Time POST /api/v1/deals/validate at batches of 1,000 deals with 30 price observations each.

Twice: through Django's test client in this process (parsing, validation, judging and the
answer, without HTTP), and through the production server (``onlinefriday serve``, gunicorn)
with a plain HTTP client, one call at a time and then from several clients at once. The
rate limit is raised for the run (``API_RATE_LIMIT``). SQLite (default): a fresh database in a
temporary ONLINEFRIDAY_VAR_DIR, removed afterwards; PostgreSQL: set DATABASE_URL.

    .venv/bin/python benchmarks/validate_api.py [--calls N] [--workers W] [--clients C]
        [--profile]

Figures go in docs/benchmarks.md. This is a measurement, not a test: it never fails on time.
"""

import argparse
import gc
import http.client
import json
import os
import platform
import random
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

FESTIVAL = "online-friday-2021"  # seeded by festivals/0002: 2021-12-03 00:00 to 12-05 12:00
START = datetime(2021, 12, 3, tzinfo=ZoneInfo("Asia/Ho_Chi_Minh"))
PLATFORMS = [("shopee", "shopee.vn"), ("tiki", "tiki.vn"), ("lazada", "lazada.vn")]
PATH = "/api/v1/deals/validate"


def submission(deals: int = 1_000, observations: int = 30, seed: int = 2021) -> bytes:
    """A realistic batch: most deals pass; some declare a 'before' price above the month's
    lowest, lack an origin or repeat a SKU. Prices are whole đồng; times carry +07:00."""
    rng = random.Random(seed)
    batch = []
    for number in range(deals):
        code, domain = PLATFORMS[number % len(PLATFORMS)]
        price = rng.randrange(200, 40_000) * 1_000
        history = [
            {
                "observed_at": (START - timedelta(hours=24 * 45 - 36 * step)).isoformat(),
                "price": price + rng.choice((0, 0, 0, 50_000)),
            }
            for step in range(observations)
        ]
        inflated = number % 10 == 0
        batch.append(
            {
                "sku": f"SKU-{number % 990:05d}",  # the last ten repeat earlier SKUs
                "title": f"Sản phẩm khuyến mại số {number}",
                "category": "dien-thoai-may-tinh-bang",
                "brand": "Online Friday",
                "url": f"https://{domain}/san-pham-{number}",
                "platform": code,
                "price": price * 13 // 10 if inflated else price,
                "sale_price": price * 7 // 10,
                "currency": "VND",
                "origin_country": "" if number % 25 == 0 else "VN",
                "genuine": True,
                "made_in_vietnam": True,
                "stock": rng.randrange(1, 500),
                "price_history": history,
            }
        )
    return json.dumps({"festival": FESTIVAL, "deals": batch}, ensure_ascii=False).encode()


def in_process(body: bytes, calls: int) -> tuple[list[float], float]:
    """Each call's wall time, and the CPU time of them all."""
    from django.test import Client

    client = Client()
    seconds = []
    cpu = time.process_time()
    for _ in range(calls):
        started = time.perf_counter()
        answer = client.post(PATH, body, content_type="application/json")
        seconds.append(time.perf_counter() - started)
        assert answer.status_code == 200, answer.content[:500]
    return seconds, time.process_time() - cpu


def server_cpu(pid: int) -> float:
    """CPU seconds used so far by the server's processes (Linux /proc): on a shared machine,
    CPU per deal says more than wall time."""
    ticks, pids = 0, [pid]
    while pids:
        current = pids.pop()
        with open(f"/proc/{current}/stat") as stat:  # the process's threads together
            fields = stat.read().rsplit(")", 1)[1].split()
        ticks += int(fields[11]) + int(fields[12])  # utime, stime
        for task in os.listdir(f"/proc/{current}/task"):
            with open(f"/proc/{current}/task/{task}/children") as children:
                pids.extend(int(child) for child in children.read().split())
    return ticks / os.sysconf("SC_CLK_TCK")


def profile(body: bytes) -> None:
    """Where one in-process call spends its time (cProfile, sorted by own time)."""
    import cProfile
    import pstats

    from django.test import Client

    client = Client()
    profiler = cProfile.Profile()
    profiler.enable()
    client.post(PATH, body, content_type="application/json")
    profiler.disable()
    pstats.Stats(profiler).sort_stats("tottime").print_stats(25)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def call(port: int, body: bytes, calls: int) -> list[float]:
    """``calls`` calls on one kept-alive connection, each timed from request to full answer."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    headers = {"Content-Type": "application/json"}
    seconds = []
    for _ in range(calls):
        started = time.perf_counter()
        connection.request("POST", PATH, body, headers)
        answer = connection.getresponse()
        content = answer.read()
        seconds.append(time.perf_counter() - started)
        assert answer.status == 200, content[:500]
    connection.close()
    return seconds


def serve(port: int, workers: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [sys.executable, "-m", "onlinefriday", "serve", "--port", str(port)]
        + ["--workers", str(workers), "--no-worker"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return serving(server, port)


def serving(server: subprocess.Popen, port: int) -> subprocess.Popen:
    """``server`` once it answers /healthz (the other benchmarks start theirs with it too)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/healthz")
            if connection.getresponse().status == 200:
                return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise SystemExit("the server did not answer /healthz within 60 s")


def report(label: str, deals: int, seconds: list[float], cpu: float, wall: float = 0) -> None:
    total = deals * len(seconds)
    print(
        f"{label:<34} {len(seconds):>3} calls  median {sorted(seconds)[len(seconds) // 2]:.3f} s"
        f"  best {min(seconds):.3f} s  {total / (wall or sum(seconds)):>6,.0f} deals/s"
        f"  CPU {cpu / len(seconds):.3f} s/call ({total / cpu:,.0f} deals per CPU second)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--calls", type=int, default=10, help="calls per client")
    parser.add_argument("--deals", type=int, default=1_000)
    parser.add_argument("--observations", type=int, default=30)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--clients", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--profile", action="store_true", help="profile one in-process call")
    args = parser.parse_args()

    var_dir = None
    if not os.environ.get("DATABASE_URL"):
        var_dir = tempfile.mkdtemp(prefix="onlinefriday-bench-")
        os.environ["ONLINEFRIDAY_VAR_DIR"] = var_dir
    os.environ["API_RATE_LIMIT"] = "1000000/min"  # this run's calls, in-process and served
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onlinefriday.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    body = submission(args.deals, args.observations)
    print(f"machine  {os.cpu_count()} CPUs, Python {platform.python_version()}")
    print(
        f"batch    {args.deals:,} deals x {args.observations} observations, "
        f"{len(body) / 2**20:.1f} MiB of JSON"
    )
    try:
        in_process(body, 2)  # warm up: imports, the festival's terms, caches
        report("in process (test client)", args.deals, *in_process(body, args.calls))
        # What the garbage collector costs: with everything loaded at start-up moved out of
        # its sight, a call's full collections no longer walk all of Django's objects.
        gc.freeze()
        report("in process, gc.freeze() at start", args.deals, *in_process(body, args.calls))
        gc.unfreeze()
        if args.profile:
            profile(body)
        port = free_port()
        server = serve(port, args.workers)
        try:
            call(port, body, 2 * args.workers)  # warm up every worker
            cpu = server_cpu(server.pid)
            seconds = call(port, body, args.calls)
            cpu = server_cpu(server.pid) - cpu
            report(f"served, 1 client, {args.workers} workers", args.deals, seconds, cpu)
            cpu, started = server_cpu(server.pid), time.perf_counter()
            with ThreadPoolExecutor(args.clients) as pool:
                runs = list(pool.map(lambda _: call(port, body, args.calls), range(args.clients)))
            wall, cpu = time.perf_counter() - started, server_cpu(server.pid) - cpu
            seconds = [second for run in runs for second in run]
            label = f"served, {args.clients} clients, {args.workers} workers"
            report(label, args.deals, seconds, cpu, wall)
        finally:
            server.terminate()
            server.wait(timeout=30)
    finally:
        if var_dir:
            shutil.rmtree(var_dir)


if __name__ == "__main__":
    main()
