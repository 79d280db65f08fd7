"""Recording a click without writing to the database during the request: the click becomes one
line, added to a Redis list in production (the broker's Redis database, which ``cache.clear()``
leaves alone) or, in the embedded default, to an append-only journal file of the web process
under ``var/clicks/``. ``tracking.flushing`` adds the lines to the counts in batches.

Nothing is lost when a web process dies: a line is in Redis or in the operating system's file
cache as soon as ``record`` returns. Should Redis fail, the line goes to the journal.
"""

import fcntl
import logging
import os
import socket
import threading
import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import redis
from django.conf import settings
from django.http import HttpRequest

from onlinefriday.tracking.visitors import is_robot, vietnam_day, visitor_hash

logger = logging.getLogger(__name__)

REDIS_KEY = "onlinefriday:clicks"
JOURNAL_SUFFIX = ".clicks"


@dataclass(frozen=True)
class Click:
    deal_id: int
    day: date  # in Vietnam
    robot: bool
    visitor: str  # the day's visitor hash; empty for robots, who are not counted as visitors

    def encode(self) -> bytes:
        kind = "r" if self.robot else "p"
        return f"{self.deal_id}\t{self.day.isoformat()}\t{kind}\t{self.visitor}\n".encode()

    @classmethod
    def decode(cls, line: bytes) -> "Click":
        deal_id, day, kind, visitor = line.decode().rstrip("\n").split("\t")
        return cls(int(deal_id), date.fromisoformat(day), kind == "r", visitor)


def click_of(request: HttpRequest, deal_id: int) -> Click:
    day = vietnam_day()
    robot = is_robot(request)
    return Click(deal_id, day, robot, "" if robot else visitor_hash(request, day))


def record(click: Click) -> None:
    """Keep the click until the next flush; never fails the shopper's request."""
    line = click.encode()
    client = redis_client()
    if client is not None:
        try:
            client.rpush(REDIS_KEY, line)
            return
        except redis.RedisError:
            logger.exception("Redis refused a click: it goes to the local journal")
    try:
        journal().append(line)
    except OSError:
        logger.exception("A click could not be recorded: %s", line)


class Journal:
    """This process's append-only file of clicks. Each line is written whole, under a shared
    lock; a flush takes the file (exclusive lock, then rename) and the next click starts a new
    one: a click is in exactly one file that is counted exactly once."""

    def __init__(self, directory: Path):
        self.directory = directory
        self._lock = threading.Lock()
        self._fd: int | None = None
        self._path: Path | None = None

    def append(self, line: bytes) -> None:
        with self._lock:
            if self._fd is None:
                self._open()
            fcntl.flock(self._fd, fcntl.LOCK_SH)
            try:
                if not self._path.exists():  # a flush took it while we waited
                    self._open()
                    fcntl.flock(self._fd, fcntl.LOCK_SH)
                os.write(self._fd, line)
            finally:
                fcntl.flock(self._fd, fcntl.LOCK_UN)

    def _open(self) -> None:
        self.close()
        self.directory.mkdir(parents=True, exist_ok=True)
        name = f"{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex}{JOURNAL_SUFFIX}"
        self._path = self.directory / name
        flags = os.O_WRONLY | os.O_APPEND | os.O_CREAT | os.O_CLOEXEC
        self._fd = os.open(self._path, flags, 0o600)

    def close(self) -> None:
        if self._fd is not None:
            os.close(self._fd)
            self._fd = None


def journal_dir() -> Path:
    return Path(settings.CLICK_JOURNAL_DIR)


_journal: Journal | None = None
_redis: tuple[str, redis.Redis] | None = None


def journal() -> Journal:
    global _journal
    if _journal is None or _journal.directory != journal_dir():
        _journal = Journal(journal_dir())
    return _journal


def _journal_of_its_own() -> None:
    """A forked process (a gunicorn worker) writes its own file, under its own lock."""
    global _journal
    if _journal is not None:
        _journal.close()  # the parent's descriptor stays open in the parent
    _journal = None


os.register_at_fork(after_in_child=_journal_of_its_own)


def redis_client() -> redis.Redis | None:
    """The broker's Redis when the broker is Redis (production), else None (embedded)."""
    global _redis
    url = settings.CELERY_BROKER_URL
    if not url.startswith(("redis://", "rediss://", "unix://")):
        return None
    if _redis is None or _redis[0] != url:
        _redis = (url, redis.Redis.from_url(url))
    return _redis[1]
