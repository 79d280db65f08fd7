"""Adding recorded clicks to the counts, a batch at a time: each journal file, and each Redis
list taken whole with RENAME. A batch is counted in one transaction that also records its name
(``FlushedBatch``), so a flush interrupted anywhere, or two flushes at once, count it once.

The worker flushes every ``CLICK_FLUSH_SECONDS`` and when it stops (``tracking.tasks``);
``onlinefriday flush_clicks`` flushes by hand.
"""

import fcntl
import logging
import os
import uuid
from collections import Counter
from collections.abc import Iterable
from datetime import timedelta
from functools import cache
from pathlib import Path

import redis
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from onlinefriday.core.bulk import BulkUpsert
from onlinefriday.deals.models import Deal
from onlinefriday.tracking.clicks import JOURNAL_SUFFIX, REDIS_KEY, Click, journal_dir, redis_client
from onlinefriday.tracking.models import DailyClicks, DailyVisitor, DealClicks, FlushedBatch
from onlinefriday.tracking.visitors import forget_old_salts

logger = logging.getLogger(__name__)

TAKEN_SUFFIX = ".flushing"
REDIS_TAKEN = f"{REDIS_KEY}:flushing:"
REDIS_CHUNK = 10_000
BATCH_NAMES_KEPT = timedelta(days=7)  # far longer than any interrupted flush waits


def flush_clicks() -> int:
    """Count every click recorded so far; returns how many were added."""
    counted = sum(_flush_journal(path) for path in _journal_files())
    client = redis_client()
    if client is not None:
        counted += _flush_redis(client)
    forget_old_salts()
    FlushedBatch.objects.filter(flushed_at__lt=timezone.now() - BATCH_NAMES_KEPT).delete()
    return counted


def count_batch(name: str, lines: Iterable[bytes]) -> int:
    """Add one batch of click lines to the counts, unless a batch of that name was counted."""
    clicks = []
    for line in lines:
        try:
            clicks.append(Click.decode(line))
        except ValueError:
            logger.error("Batch %s: a line that is not a click was left out: %r", name, line)
    with transaction.atomic():
        try:
            # First, so that a second flush of the same batch waits here, then stops.
            with transaction.atomic():
                FlushedBatch.objects.create(name=name[:120], clicks=len(clicks))
        except IntegrityError:
            return 0
        _add(clicks)
    return len(clicks)


def _add(clicks: list[Click]) -> None:
    """Add to the totals with the database's own upsert: counts grow, never get overwritten."""
    ids = {click.deal_id for click in clicks}
    existing = set(Deal.objects.filter(pk__in=ids).values_list("pk", flat=True))
    clicks = [click for click in clicks if click.deal_id in existing]  # deals deleted since
    totals = Counter((click.deal_id, click.robot) for click in clicks)
    daily = Counter((click.deal_id, click.day, click.robot) for click in clicks)
    adapt_day = connection.ops.adapt_datefield_value
    with connection.cursor() as cursor:
        cursor.executemany(
            _upsert(DealClicks, ["deal_id"]),
            [(deal, totals[deal, False], totals[deal, True]) for deal in {d for d, _ in totals}],
        )
        cursor.executemany(
            _upsert(DailyClicks, ["deal_id", "day"]),
            [
                (deal, adapt_day(day), daily[deal, day, False], daily[deal, day, True])
                for deal, day in {(d, day) for d, day, _ in daily}
            ],
        )
    # Rows straight to the driver: a model instance per click took most of a flush's time.
    _visitors().run(list({(c.deal_id, adapt_day(c.day), c.visitor) for c in clicks if c.visitor}))


@cache
def _visitors() -> BulkUpsert:
    """A visitor already counted for the deal and day stays counted once."""
    fields = ["deal", "day", "visitor_hash"]
    return BulkUpsert(DailyVisitor, fields, unique_fields=fields)


def _upsert(model, keys: list[str]) -> str:
    table = connection.ops.quote_name(model._meta.db_table)
    columns = [*keys, "clicks", "bot_clicks"]
    placeholders = ", ".join(["%s"] * len(columns))
    return (
        f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({placeholders}) "  # noqa: S608
        f"ON CONFLICT ({', '.join(keys)}) DO UPDATE SET "
        f"clicks = {table}.clicks + excluded.clicks, "
        f"bot_clicks = {table}.bot_clicks + excluded.bot_clicks"
    )


def _journal_files() -> list[Path]:
    """Files taken by an earlier flush that stopped midway first, then the live ones."""
    directory = journal_dir()
    if not directory.exists():
        return []
    return sorted(directory.glob(f"*{TAKEN_SUFFIX}")) + sorted(directory.glob(f"*{JOURNAL_SUFFIX}"))


def _flush_journal(path: Path) -> int:
    if path.suffix == JOURNAL_SUFFIX:
        path = _take(path)
        if path is None:
            return 0
    try:
        lines = path.read_bytes().splitlines()
    except FileNotFoundError:  # another flush counted it just now
        return 0
    counted = count_batch(path.stem, lines)
    path.unlink(missing_ok=True)
    return counted


def _take(path: Path) -> Path | None:
    """Rename a web process's journal under its exclusive lock, so that no click is being
    written into it; the process starts a new file with its next click. None: nothing to take."""
    try:
        file = path.open("rb")
    except FileNotFoundError:
        return None
    with file:
        fcntl.flock(file, fcntl.LOCK_EX)
        if not path.exists() or os.fstat(file.fileno()).st_size == 0:
            return None  # taken by another flush, or nothing in it yet
        taken = path.with_suffix(TAKEN_SUFFIX)
        path.rename(taken)
    return taken


def _flush_redis(client: redis.Redis) -> int:
    counted = 0
    for key in client.scan_iter(match=f"{REDIS_TAKEN}*"):
        counted += _flush_redis_list(client, key.decode())
    taken = f"{REDIS_TAKEN}{uuid.uuid4().hex}"
    try:
        client.rename(REDIS_KEY, taken)  # atomic: new clicks start a new list
    except redis.ResponseError:  # no clicks since the last flush
        return counted
    return counted + _flush_redis_list(client, taken)


def _flush_redis_list(client: redis.Redis, key: str) -> int:
    lines = []
    while chunk := client.lrange(key, len(lines), len(lines) + REDIS_CHUNK - 1):
        lines.extend(chunk)
    counted = count_batch(key.removeprefix(f"{REDIS_KEY}:"), lines)
    client.delete(key)
    return counted
