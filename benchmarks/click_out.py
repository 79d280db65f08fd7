"""Click-out through the production server under load, and proof that every click is counted.

Loads demo deals into a fresh temporary var dir, starts ``onlinefriday serve`` (gunicorn, its
background worker flushing clicks every few seconds as in production), and has ``wrk`` follow
the click-out links of the published deals with a phone browser's User-Agent, each request from
another address (X-Forwarded-For, the server trusting one proxy as behind nginx). Then it stops
the server, flushes what is left, and compares the clicks counted in the database with the
requests: those wrk saw answered, those it sent (a few are still in flight when wrk stops at
the end of its time: the server may or may not have answered them), and the 302s in the
server's access log, which must equal the count. For scale on a shared machine, the same server
first answers ``/healthz`` (one ``SELECT 1``) under the same load.

Embedded default: SQLite and the journal files. Production: set DATABASE_URL (an empty
PostgreSQL database; migrated here) and REDIS_URL (the clicks go to the broker's database, the
next one).

    apt-get install wrk
    .venv/bin/python benchmarks/click_out.py [--seconds 20] [--connections 64] [--deals 500]
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench_clicks \\
        REDIS_URL=redis://127.0.0.1:6379/14 .venv/bin/python benchmarks/click_out.py

Figures go in docs/benchmarks.md. This is a measurement, not a test: it never fails on time,
but it says so loudly when a click is missing.
"""

import argparse
import os
import platform
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from validate_api import server_cpu, serving  # beside this script

BROWSER = (
    "Mozilla/5.0 (Linux; Android 14; SM-A556E) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/126.0.0.0 Mobile Safari/537.36"
)
# Each request a link of the list and an address of its own; each thread counts what it sent.
WRK_SCRIPT = """
local paths = {%(paths)s}
local threads = {}
local counter = 0

function setup(thread)
  table.insert(threads, thread)
  thread:set("number", #threads)
end

function init(args)
  sent = 0
  math.randomseed(os.time() * 100 + number)  -- each thread, each run, its own addresses
end

function request()
  sent = sent + 1
  counter = counter + 1
  local path = paths[(counter %% #paths) + 1]
  local address = string.format("10.%%d.%%d.%%d", math.random(0, 255), math.random(0, 255),
    math.random(1, 254))
  return wrk.format("GET", path, {["User-Agent"] = "%(agent)s", ["X-Forwarded-For"] = address})
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("sent")
  end
  io.write(string.format("sent %%d\\n", total))
end
"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start(*command: str, log: Path) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "onlinefriday", *command],
        stdout=log.open("ab"),
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )


def serve(port: int, workers: int, threads: int, log: Path) -> subprocess.Popen:
    """Embedded, ``serve`` starts the worker itself; with Redis, production runs its own."""
    command = ("serve", "--port", str(port), "--workers", str(workers), "--threads", str(threads))
    return serving(start(*command, log=log), port)


def stop(server: subprocess.Popen) -> None:
    """SIGTERM, as an operator would: gunicorn finishes its requests, the worker flushes."""
    server.send_signal(signal.SIGTERM)
    try:
        server.wait(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(server.pid, signal.SIGKILL)


def wrk(port: int, paths: list[str], seconds: int, connections: int, script: Path) -> str:
    listed = ", ".join(f'"{path}"' for path in paths)
    script.write_text(WRK_SCRIPT % {"paths": listed, "agent": BROWSER})
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", str(script)]
    return subprocess.run(
        [*command, f"http://127.0.0.1:{port}"], capture_output=True, text=True, check=True
    ).stdout


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads", type=int, default=4, help="threads a worker")
    parser.add_argument("--deals", type=int, default=500, help="demo deals to load")
    parser.add_argument("--links", type=int, default=200, help="published deals clicked")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is needed: apt-get install wrk")

    var_dir = Path(tempfile.mkdtemp(prefix="onlinefriday-clicks-"))
    os.environ["ONLINEFRIDAY_VAR_DIR"] = str(var_dir)
    os.environ["PROXY_COUNT"] = "1"  # as behind nginx: wrk's X-Forwarded-For is the visitor
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onlinefriday.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db.models import Sum

    from onlinefriday.storefront.selectors import published_deals
    from onlinefriday.tracking.clicks import REDIS_KEY, redis_client
    from onlinefriday.tracking.flushing import flush_clicks
    from onlinefriday.tracking.links import click_url
    from onlinefriday.tracking.models import DailyVisitor, DealClicks

    try:
        call_command("migrate", verbosity=0)
        call_command("demo", deals=args.deals, if_empty=True, verbosity=0)
        flush_clicks()  # a database used before starts from its own counts
        before = DealClicks.objects.aggregate(clicks=Sum("clicks"), bots=Sum("bot_clicks"))
        visitors_before = DailyVisitor.objects.count()
        paths = [click_url(deal) for deal in published_deals().order_by("pk")[: args.links]]
        database = settings.DATABASES["default"]["ENGINE"].rsplit(".", 1)[-1]
        store = "Redis" if redis_client() is not None else "journal files"
        print(f"machine   {os.cpu_count()} CPUs, Python {platform.python_version()}")
        print(f"setup     {database}, clicks in {store}, {len(paths)} published deals clicked")
        print(
            f"load      wrk -t2 -c{args.connections} -d{args.seconds}s, gunicorn "
            f"{args.workers} workers x {args.threads} threads (onlinefriday serve)"
        )

        port = free_port()
        log = var_dir / "server.log"
        worker = None if settings.CELERY_EMBEDDED_BROKER else start("worker", log=var_dir / "w.log")
        server = serve(port, args.workers, args.threads, log)
        try:
            # The same server's cheapest answer, in the same run: on a shared machine the rate
            # of the click-out says more next to it.
            baseline = wrk(port, ["/healthz"], args.seconds, args.connections, var_dir / "h.lua")
            cpu = server_cpu(server.pid)
            output = wrk(port, paths, args.seconds, args.connections, var_dir / "clicks.lua")
            cpu = server_cpu(server.pid) - cpu
        finally:
            time.sleep(1)  # requests still in flight when wrk stopped
            stop(server)
            if worker is not None:
                stop(worker)
        flush_clicks()

        after = DealClicks.objects.aggregate(clicks=Sum("clicks"), bots=Sum("bot_clicks"))
        counted = (after["clicks"] or 0) - (before["clicks"] or 0)
        bots = (after["bots"] or 0) - (before["bots"] or 0)
        answered = int(re.search(r"(\d+) requests in", output).group(1))
        sent = int(re.search(r"^sent (\d+)$", output, re.MULTILINE).group(1))
        rate, healthz = (
            float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
            for text in (output, baseline)
        )
        redirects = len(re.findall(rb'"GET /go/\S+ HTTP/1.1" 302 ', log.read_bytes()))
        errors = re.search(r"Non-2xx or 3xx responses: (\d+)|Socket errors: .*", output)
        # The distribution's own lines: "+/- Stdev" columns also end in "50%" at times.
        latency = re.search(r"^\s+50%\s+(\S+).*?^\s+99%\s+(\S+)", output, re.DOTALL | re.M)

        print(f"rate      {rate:,.0f} requests/s, latency p50 {latency[1]} p99 {latency[2]}")
        print(f"baseline  {healthz:,.0f} requests/s for /healthz (SELECT 1, JSON) just before")
        cores = os.cpu_count() or 1
        print(
            f"cpu       {cpu * 1000 / answered:.2f} ms of server CPU per click (web and worker): "
            f"{cores * answered / cpu:,.0f} clicks/s with the {cores} cores to itself"
        )
        print(f"errors    {errors[0] if errors else 'none'}")
        print(f"requests  {answered:,} answered to wrk, {sent:,} sent by wrk")
        print(f"server    {redirects:,} redirects (302) in its access log")
        print(f"counted   {counted:,} clicks by people, {bots:,} by robots, in the database")
        visitors = DailyVisitor.objects.count() - visitors_before
        print(f"visitors  {visitors:,} new distinct (deal, day, visitor) rows")
        if counted == redirects and answered <= counted <= sent and not bots:
            print("every click counted: database = redirects served")
        else:
            print("MISMATCH: clicks lost or counted twice", file=sys.stderr)
            sys.exit(1)
    finally:
        client = redis_client()
        if client is not None:  # the clicks of this run were flushed; nothing else is ours
            client.delete(REDIS_KEY)
        shutil.rmtree(var_dir)


if __name__ == "__main__":
    main()
