"""`onlinefriday serve` as `make run` uses it: gunicorn in front, a worker beside it."""

import gc
import os
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def get(url: str) -> tuple[int, dict, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (our own server)
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def wait_for(url: str, status: int, seconds: float) -> tuple[int, dict, bytes]:
    deadline = time.monotonic() + seconds
    while True:
        try:
            answer = get(url)
            if answer[0] == status or time.monotonic() > deadline:
                return answer
        except OSError:
            if time.monotonic() > deadline:
                raise
        time.sleep(0.3)


@pytest.fixture
def embedded_env(tmp_path):
    """A fresh embedded install: no DATABASE_URL, no broker, everything under its own var/."""
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    env["ONLINEFRIDAY_VAR_DIR"] = str(tmp_path / "var")
    command = [sys.executable, "-m", "onlinefriday"]
    subprocess.run([*command, "migrate", "--noinput", "-v0"], env=env, check=True, timeout=120)
    return env


def test_serve_answers_with_gunicorn_and_its_worker_runs_queued_work(embedded_env):
    # given the platform served as `make run` serves it
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "onlinefriday"]
    server = subprocess.Popen(
        [*command, "serve", "--port", str(port), "--workers", "1"],
        env=embedded_env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        status, headers, _ = wait_for(f"{base}/healthz", 200, 60)

        # when another process queues background work (as a web request would)
        subprocess.run(
            [
                sys.executable,
                "-c",
                "import django; django.setup();"
                "from onlinefriday.demo.tasks import load_demo;"
                "load_demo.delay(deals=10, seed=3)",
            ],
            env={**embedded_env, "DJANGO_SETTINGS_MODULE": "onlinefriday.settings"},
            check=True,
            timeout=60,
        )
        demo, _, body = wait_for(f"{base}/api/v1/festivals/demo-live", 200, 90)
        # and a search carries a personal ID in its query string
        searched, _, _ = get(f"{base}/healthz?q=001085012345")
    finally:
        server.terminate()
        output, _ = server.communicate(timeout=60)

    # then gunicorn served the health check, and the worker beside it did the queued work
    assert status == 200, output
    assert headers["Server"].startswith("gunicorn")
    assert demo == 200, output
    assert b'"state": "live"' in body or b'"state":"live"' in body
    # and the access log keeps the path, never the query string (no personal data in logs)
    assert searched == 200, output
    assert '"GET /healthz HTTP/1.1" 200' in output
    assert "001085012345" not in output


def test_a_served_worker_keeps_what_it_loaded_out_of_the_collectors_passes():
    # given a process that has loaded Django and the app, as a gunicorn worker has
    from onlinefriday.core.management.commands.serve import (
        YOUNG_OBJECTS_BEFORE_COLLECTING,
        settle_after_loading,
    )

    threshold = gc.get_threshold()
    try:
        # when gunicorn calls the hook after loading the app
        settle_after_loading(worker=None)

        # then what was loaded is frozen, and the youngest generation is collected less often
        assert gc.get_freeze_count() > 10_000
        assert gc.get_threshold()[0] == YOUNG_OBJECTS_BEFORE_COLLECTING
        assert gc.get_threshold()[1:] == threshold[1:]
    finally:
        gc.unfreeze()
        gc.set_threshold(*threshold)


def test_the_embedded_queues_exist_before_the_worker_starts(embedded_env):
    # given a fresh embedded install, whose broker would create its queue on first use (a
    # worker starting and a request queueing work at once collide on the queue's name)
    # when serve declares the queues, twice as after a restart
    declare = "import django; django.setup(); from onlinefriday.tasks import declare_queues; "
    subprocess.run(
        [sys.executable, "-c", declare + "declare_queues(); declare_queues()"],
        env={**embedded_env, "DJANGO_SETTINGS_MODULE": "onlinefriday.settings"},
        check=True,
        timeout=60,
    )
    # then the broker's database holds the queue, once
    broker = os.path.join(embedded_env["ONLINEFRIDAY_VAR_DIR"], "tasks.sqlite3")
    with sqlite3.connect(broker) as db:
        assert db.execute("SELECT name FROM kombu_queue").fetchall() == [("celery",)]
