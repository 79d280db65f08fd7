"""The platform's operational contracts: health check, API docs, production settings."""

import json
import os
import sqlite3
import subprocess
import sys

import pytest

pytestmark = pytest.mark.django_db


def run_platform(args: list[str], env: dict[str, str], tmp_path) -> subprocess.CompletedProcess:
    """Run the `onlinefriday` entry point in a fresh process with its own environment."""
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "REDIS_URL"}}
    clean.update({"ONLINEFRIDAY_VAR_DIR": str(tmp_path / "var"), **env})
    return subprocess.run(
        [sys.executable, "-m", "onlinefriday", *args],
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_healthz_answers_200_when_the_database_answers(client):
    # when
    response = client.get("/healthz")

    # then
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}
    assert "no-cache" in response["Cache-Control"]


def test_healthz_answers_503_when_the_database_is_unreachable(tmp_path):
    # given a platform whose database file lies in a folder that does not exist
    probe = (
        "import django; django.setup();"
        "from django.test import Client;"
        "r = Client().get('/healthz'); print(r.status_code, r.content.decode())"
    )
    env = {"DATABASE_URL": f"sqlite:///{tmp_path}/missing/dir/db.sqlite3"}
    clean = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    clean.update(env, DJANGO_SETTINGS_MODULE="onlinefriday.settings")
    clean["ONLINEFRIDAY_VAR_DIR"] = str(tmp_path / "var")

    # when
    done = subprocess.run(
        [sys.executable, "-c", probe], env=clean, capture_output=True, text=True, timeout=60
    )

    # then
    status, body = done.stdout.strip().split(" ", 1)
    assert status == "503", done.stderr
    assert json.loads(body)["status"] == "unavailable"


def test_openapi_schema_and_docs_page_are_served_without_a_cdn(client):
    # when
    schema = client.get("/api/v1/openapi.json")
    docs = client.get("/api/v1/docs")

    # then
    assert schema.status_code == 200
    assert schema.json()["info"]["title"] == "Online Friday API"
    assert docs.status_code == 200
    page = docs.content.decode()
    assert "swagger-ui" in page
    assert "cdn." not in page


def test_production_settings_pass_the_deploy_check(tmp_path):
    # given the environment a production host sets
    env = {
        "SECRET_KEY": "x" * 20 + "-production-secret-key-with-enough-entropy-0123456789",
        "ALLOWED_HOSTS": "onlinefriday.vn",
        "DEBUG": "false",
        "HTTPS": "true",
    }

    # when
    done = run_platform(["check", "--deploy", "--fail-level", "WARNING"], env, tmp_path)

    # then
    assert done.returncode == 0, done.stderr
    assert "System check identified no issues" in done.stdout


def test_embedded_default_needs_no_environment_and_uses_sqlite_in_wal_mode(tmp_path):
    # when the platform migrates with nothing configured
    done = run_platform(["migrate", "--noinput", "-v0"], {}, tmp_path)
    with sqlite3.connect(tmp_path / "var" / "db.sqlite3") as db:
        (journal_mode,) = db.execute("PRAGMA journal_mode").fetchone()

    # then the database is a WAL-mode SQLite file under var/
    assert done.returncode == 0, done.stderr
    assert journal_mode == "wal"


def test_embedded_email_goes_to_stderr_so_command_output_stays_clean(tmp_path):
    # given the embedded default (no EMAIL_HOST), migrated
    assert run_platform(["migrate", "--noinput", "-v0"], {}, tmp_path).returncode == 0

    # when an operator adds and approves a merchant, which e-mails the approval
    done = run_platform(
        ["merchant", "add", "--tax-code", "0100233488", "--name", "Công ty A"]
        + ["--email", "a@example.com", "--approve"],
        {},
        tmp_path,
    )

    # then stdout holds only the normalised code, and the e-mail was printed on stderr
    assert done.returncode == 0, done.stderr
    assert done.stdout == "0100233488\n"
    assert "Kính gửi Công ty A" in done.stderr
