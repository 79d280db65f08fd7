"""Counting recorded clicks in the worker: at start (what a stopped worker left), every
``CLICK_FLUSH_SECONDS`` (default 5) on a thread beside the tasks, and once more when it stops.
Several workers may flush at once: each batch is counted once (``tracking.flushing``)."""

import logging
import threading

from celery.signals import worker_ready, worker_shutdown
from django.conf import settings
from django.db import close_old_connections, connections

from onlinefriday.tracking.flushing import flush_clicks

logger = logging.getLogger(__name__)

_stop = threading.Event()
_thread: threading.Thread | None = None


def flush_every(seconds: float) -> None:
    while True:
        try:
            flush_clicks()
        except Exception:  # a database or Redis outage: the clicks wait for the next round
            logger.exception("Clicks could not be counted; trying again in %s s", seconds)
        finally:
            close_old_connections()
        if _stop.wait(seconds):
            connections.close_all()  # this thread's own
            return


@worker_ready.connect
def start_flushing(**kwargs) -> None:
    global _thread
    seconds = settings.CLICK_FLUSH_SECONDS
    _stop.clear()
    _thread = threading.Thread(target=flush_every, args=(seconds,), name="flush-clicks")
    _thread.daemon = True
    _thread.start()


@worker_shutdown.connect
def flush_before_stopping(**kwargs) -> None:
    _stop.set()
    if _thread is not None:
        _thread.join(timeout=60)
    flush_clicks()
