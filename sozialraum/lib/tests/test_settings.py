"""The settings module as a deployment meets it: production values pass Django's deploy
check, bad values stop start-up, SQLite waits for writers instead of failing."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.db import connection, connections, transaction

ROOT = Path(__file__).resolve().parents[3]


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    # A fresh process as a deployment starts it: no secret and no test-only switches
    # (the browser tests set DJANGO_ALLOW_ASYNC_UNSAFE in this process).
    dropped = ("SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE")
    environment = {k: v for k, v in os.environ.items() if not k.startswith(dropped)}
    environment.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


def test_production_values_pass_the_deploy_check() -> None:
    result = _manage(
        "check", "--deploy", "--fail-level", "INFO",
        SECRET_KEY="k" * 64 + "-production-like-secret-value-with-enough-entropy-1234567890",
        DEBUG="false", HTTPS="true", ALLOWED_HOSTS="sozialraum.example.org",
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_a_bad_value_stops_start_up_naming_the_variable() -> None:
    result = _manage("check", SECRET_KEY="x", SESSION_IDLE_MINUTES="soon")
    assert result.returncode != 0
    assert "SESSION_IDLE_MINUTES='soon' is not a whole number" in result.stderr


def test_start_up_without_a_secret_key_is_refused() -> None:
    result = _manage("check")
    assert result.returncode != 0
    assert "SECRET_KEY (or SECRET_KEY_FILE) is required" in result.stderr


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite locking only")
def test_sqlite_runs_in_wal_mode_with_immediate_transactions(tmp_path: Path) -> None:
    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert "journal_mode=WAL" in options["init_command"]
    assert options["timeout"] >= 1


def test_database_connections_are_kept_between_requests() -> None:
    """Opening a SQLite connection runs the PRAGMAs, 10-20 ms: more than a kept page."""
    assert (settings.DATABASES["default"]["CONN_MAX_AGE"] or 0) >= 60


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite locking only")
def test_concurrent_sqlite_writers_wait_instead_of_failing(
    tmp_path: Path, django_db_blocker: Any
) -> None:
    """Four threads, each with its own connection and the project's options, write in
    transactions at once: every write lands, none fails with "database is locked"."""
    alias = "concurrency"
    connections.settings[alias] = {
        **connections.settings["default"],
        "NAME": str(tmp_path / "locks.sqlite3"),
    }
    with django_db_blocker.unblock():
        try:
            with connections[alias].cursor() as cursor:
                cursor.execute("CREATE TABLE t (n INTEGER)")
                assert cursor.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
            errors: list[Exception] = []
            threads = [threading.Thread(target=_write, args=(alias, i, errors)) for i in range(4)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            assert errors == []
            with connections[alias].cursor() as cursor:
                assert cursor.execute("SELECT COUNT(*) FROM t").fetchone()[0] == 4 * 50
        finally:
            connections[alias].close()
            del connections.settings[alias]


def _write(alias: str, start: int, errors: list[Exception]) -> None:
    try:
        for n in range(50):
            with transaction.atomic(using=alias), connections[alias].cursor() as cursor:
                cursor.execute("SELECT COUNT(*) FROM t")
                cursor.execute("INSERT INTO t VALUES (%s)", [start * 100 + n])
    except Exception as error:  # the failure this test exists to catch
        errors.append(error)
    finally:
        connections[alias].close()
