"""Load N demo deals (default 1,000,000) into a fresh database and report the speed.

SQLite (default): a new database in a temporary ONLINEFRIDAY_VAR_DIR, removed afterwards unless
--keep. PostgreSQL: set DATABASE_URL to an empty database you created for this.

    .venv/bin/python benchmarks/demo_load.py [--deals N] [--seed S] [--keep]

Figures go in docs/benchmarks.md. This is a measurement, not a test: it never fails on time.
"""

import argparse
import os
import platform
import resource
import shutil
import sys
import tempfile
import time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deals", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=2021)
    parser.add_argument("--keep", action="store_true", help="keep the SQLite database")
    args = parser.parse_args()

    var_dir = None
    if not os.environ.get("DATABASE_URL"):
        var_dir = tempfile.mkdtemp(prefix="onlinefriday-bench-")
        os.environ["ONLINEFRIDAY_VAR_DIR"] = var_dir
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "onlinefriday.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from onlinefriday.demo.services import load_demo

    call_command("migrate", verbosity=0)
    started = time.monotonic()

    def progress(written: int, total: int) -> None:
        if written % 100_000 == 0 or written == total:
            print(f"{written:>9,} deals  {time.monotonic() - started:6.1f} s", file=sys.stderr)

    summary = load_demo(deals=args.deals, seed=args.seed, progress=progress)
    rows = (
        summary.merchants + summary.shops + summary.products + summary.deals + summary.observations
    )
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    version = (
        connection.Database.sqlite_version
        if connection.vendor == "sqlite"
        else connection.cursor().connection.info.parameter_status("server_version")
    )
    print(f"database        {connection.vendor} {version}")
    print(f"machine         {os.cpu_count()} CPUs, Python {platform.python_version()}")
    print(f"deals           {summary.deals:,}")
    print(f"rows            {rows:,} ({summary.observations:,} price observations)")
    print(f"wall time       {summary.seconds:.1f} s")
    print(f"rows/s          {rows / summary.seconds:,.0f}")
    print(f"deals/s         {summary.deals / summary.seconds:,.0f}")
    print(f"peak RSS        {peak_mib:,.0f} MiB")
    if var_dir:
        size = os.path.getsize(os.path.join(var_dir, "db.sqlite3"))
        print(f"database file   {size / 2**20:,.0f} MiB")
        if args.keep:
            print(f"kept in         {var_dir}")
        else:
            shutil.rmtree(var_dir)


if __name__ == "__main__":
    main()
