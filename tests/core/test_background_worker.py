"""Background work runs in a real Celery worker process, and queued work waits for it.

On SQLite (make test) the broker is the embedded SQLite queue under var/; on the PostgreSQL pass of
CI, REDIS_URL makes it Redis. No eager mode: the task is sent, stored, then a separate
`onlinefriday worker` process picks it up.
"""

import os
import sqlite3
import subprocess
import sys
import time
import uuid

import pytest
from django.conf import settings
from django.db import connection

from onlinefriday.deals.models import Deal
from onlinefriday.demo.tasks import load_demo


def database_url_of_test_database() -> str:
    db = connection.settings_dict
    if db["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{db['NAME']}"
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST']}:{db['PORT'] or 5432}/{db['NAME']}"


def messages_waiting(queue: str) -> int:
    """Messages stored by the broker for this queue, read from the broker's own storage."""
    if settings.CELERY_EMBEDDED_BROKER:
        path = settings.CELERY_BROKER_URL.removeprefix("sqla+sqlite:///")
        with sqlite3.connect(path) as db:
            (count,) = db.execute(
                "SELECT count(*) FROM kombu_message m JOIN kombu_queue q ON m.queue_id = q.id"
                " WHERE q.name = ? AND m.visible",
                (queue,),
            ).fetchone()
        return count
    import redis

    return redis.Redis.from_url(settings.CELERY_BROKER_URL).llen(queue)


def start_worker(queue: str) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": database_url_of_test_database(),
        "ONLINEFRIDAY_VAR_DIR": str(settings.VAR_DIR),
    }
    return subprocess.Popen(
        [sys.executable, "-m", "onlinefriday", "worker", "-Q", queue, "--loglevel", "WARNING"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_queued_task_waits_for_a_worker_and_a_real_worker_runs_it():
    # given no worker is running, and a task is sent to a queue of this test's own
    queue = f"test-{uuid.uuid4().hex[:8]}"
    load_demo.apply_async(kwargs={"deals": 20, "seed": 7}, queue=queue)

    # then the broker keeps it until a worker comes, and nothing has run yet
    assert messages_waiting(queue) == 1
    assert Deal.objects.count() == 0

    # when a worker process starts
    worker = start_worker(queue)
    try:
        deadline = time.monotonic() + 90
        while Deal.objects.count() < 20 and time.monotonic() < deadline:
            time.sleep(0.5)
    finally:
        worker.terminate()
        output, _ = worker.communicate(timeout=30)

    # then it ran the task against the same database, and the queue is empty
    assert Deal.objects.count() == 20, output
    assert messages_waiting(queue) == 0
