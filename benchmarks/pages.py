"""Rate of the shopper pages (home, category, deal) through the production server with its
cache, against a trivial Django view answering the same bytes from memory, in the same run.

Loads N demo deals (a festival live now) into a fresh database, starts ``onlinefriday serve``
(gunicorn, 2 workers by default) with a URLconf that adds the trivial view only for this run
(``benchmarks/pages_settings.py``), and drives each page with ``wrk`` (Debian package ``wrk``).
SQLite and the file cache by default (a temporary ONLINEFRIDAY_VAR_DIR, removed afterwards);
PostgreSQL and Redis: set DATABASE_URL (an empty database, or one with the demo loaded
already, used as it is) and REDIS_URL.

    .venv/bin/python benchmarks/pages.py [--deals N] [--connections 64] [--seconds 10]
        [--workers 2] [--rounds 2]

Each figure is the best of ``--rounds`` runs, the page and the trivial view alternating; errors
are summed over all runs.

Figures go in docs/benchmarks.md. This is a measurement, not a test: it never fails on time.
"""

import argparse
import http.client
import os
import platform
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from validate_api import serving  # beside this script

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def run(*command: str, env: dict) -> str:
    done = subprocess.run(command, env=env, cwd=ROOT, capture_output=True, text=True, check=True)
    return done.stdout


def get(port: int, path: str) -> bytes:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.request("GET", path)
    answer = connection.getresponse()
    body = answer.read()
    connection.close()
    if answer.status != 200:
        raise OSError(f"{path}: {answer.status}")
    return body


def serve(port: int, workers: int, env: dict) -> subprocess.Popen:
    server = subprocess.Popen(
        [sys.executable, "-m", "onlinefriday", "serve", "--port", str(port)]
        + ["--workers", str(workers), "--no-worker"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    return serving(server, port)


def pages(port: int, env: dict) -> dict[str, str]:
    """Paths of the pages to measure: the home, the category and a deal of the demo data."""
    found = run(
        sys.executable,
        "-c",
        "import django; django.setup();"
        "from onlinefriday.storefront.selectors import published_deals as p;"
        "d = p().select_related('product__category').filter(product__category__isnull=False)"
        ".order_by('pk').first(); print(d.pk, d.product.category.slug)",
        env=env,
    ).split()
    return {"home": "/", "category": f"/danh-muc/{found[1]}/", "deal": f"/uu-dai/{found[0]}/"}


def wrk(url: str, connections: int, seconds: int) -> tuple[float, int, str]:
    """Requests per second, errors (socket errors and non-2xx answers), and the latency line."""
    out = subprocess.run(
        ["wrk", "-t", "2", "-c", str(connections), "-d", f"{seconds}s", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors += int(non_2xx.group(1)) if non_2xx else 0
    latency = re.search(r"Latency\s+(\S+)\s+(\S+)\s+(\S+)", out)
    if errors:  # which kind, for whoever reads the figures
        print(*re.findall(r"(?:Socket errors|Non-2xx or 3xx responses):.*", out), sep="\n")
    return rate, errors, f"avg {latency.group(1)}, max {latency.group(3)}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deals", type=int, default=1_000_000)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=2, help="best of, alternating the two")
    args = parser.parse_args()
    if not shutil.which("wrk"):
        raise SystemExit("wrk is needed: apt-get install -y wrk")

    var_dir = tempfile.mkdtemp(prefix="onlinefriday-bench-pages-")
    env = {
        **os.environ,
        "ONLINEFRIDAY_VAR_DIR": var_dir,
        "PYTHONPATH": os.pathsep.join(filter(None, (str(ROOT), os.environ.get("PYTHONPATH")))),
        "BENCH_BYTES_DIR": var_dir,
        "DJANGO_SETTINGS_MODULE": "benchmarks.pages_settings",
    }
    server = None
    try:
        started = time.perf_counter()
        run(sys.executable, "-m", "onlinefriday", "migrate", "-v", "0", env=env)
        run(sys.executable, "-m", "onlinefriday", "collectstatic", "--noinput", "-v", "0", env=env)
        run(
            sys.executable, "-m", "onlinefriday", "demo", "--deals", str(args.deals),
            "--if-empty", env=env,
        )  # fmt: skip
        print(f"{args.deals:,} demo deals loaded in {time.perf_counter() - started:.0f} s")
        port = free_port()
        server = serve(port, args.workers, env)
        base = f"http://127.0.0.1:{port}"
        database = "PostgreSQL" if os.environ.get("DATABASE_URL") else "SQLite"
        cache = "Redis" if os.environ.get("REDIS_URL") else "file cache"
        print(
            f"{platform.node()}: {os.cpu_count()} CPUs, Python {platform.python_version()}, "
            f"{database}, {cache}; gunicorn {args.workers} workers x 4 threads; "
            f"wrk -t 2 -c {args.connections} -d {args.seconds}s"
        )
        print(
            f"{'page':<10}{'bytes':>8}{'cached req/s':>14}{'errors':>8}"
            f"{'trivial req/s':>15}{'errors':>8}{'ratio':>7}  latency (cached)"
        )
        for name, path in pages(port, env).items():
            body = get(port, path)
            (Path(var_dir) / name).write_bytes(body)
            trivial = f"{base}/bench/bytes/{name}"
            cached, plain = [], []  # alternated, so both meet the same load from elsewhere
            for _round in range(args.rounds):
                cached.append(wrk(base + path, args.connections, args.seconds))
                plain.append(wrk(trivial, args.connections, args.seconds))
            (rate, _e, latency), (plain_rate, _p, _l) = max(cached), max(plain)
            errors = sum(result[1] for result in cached)
            plain_errors = sum(result[1] for result in plain)
            print(
                f"{name:<10}{len(body):>8}{rate:>14.0f}{errors:>8}{plain_rate:>15.0f}"
                f"{plain_errors:>8}{rate / plain_rate:>7.2f}  {latency}"
            )
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=30)
        shutil.rmtree(var_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
