"""What the benchmarks that run one worker process per database share: their own bench
databases (SQLite file, PostgreSQL database starting with ``sz_bench``), which databases
to run on, and the worker launch that reads the worker's last line, ``RESULT {json}``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import urllib.parse
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def fresh_database(url: str, sqlite_path: Path) -> None:
    """Drops and recreates the bench database named by ``url`` (never another one)."""
    if url.startswith("sqlite"):
        for suffix in ("", "-wal", "-shm"):
            Path(f"{sqlite_path}{suffix}").unlink(missing_ok=True)
        return
    import psycopg

    parsed = urllib.parse.urlsplit(url)
    name = parsed.path.lstrip("/")
    if not name.startswith("sz_bench"):
        raise SystemExit(f"Refusing to recreate {name!r}: bench databases start with sz_bench.")
    admin = urllib.parse.urlunsplit(parsed._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')


def timed(action: Callable[[], Any]) -> float:
    """The wall-clock seconds one run of ``action`` takes."""
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def postgres_answers(url: str) -> bool:
    """Whether the PostgreSQL server of ``url`` accepts a connection within 3 s."""
    try:
        import psycopg

        admin = urllib.parse.urlunsplit(urllib.parse.urlsplit(url)._replace(path="/postgres"))
        with psycopg.connect(admin, connect_timeout=3):
            return True
    except Exception:
        return False


def database_targets(sqlite_path: Path, postgres_url: str) -> list[str]:
    """``BENCH_DATABASE_URL`` (comma-separated) when set; else SQLite, and PostgreSQL too
    when it answers."""
    named = [url for url in os.environ.get("BENCH_DATABASE_URL", "").split(",") if url]
    if named:
        return named
    urls = [f"sqlite:///{sqlite_path}"]
    return [*urls, postgres_url] if postgres_answers(postgres_url) else urls


def run_worker(
    module: str, url: str, env: Mapping[str, str] | None = None, shown: int = 2000
) -> dict[str, Any]:
    """Runs ``python -m module worker`` on the database ``url`` (with ``env`` added),
    echoes the start of its output and returns its result."""
    command = [sys.executable, "-m", module, "worker"]
    completed = subprocess.run(
        command,
        cwd=ROOT,
        env={**os.environ, "DATABASE_URL": url, **(env or {})},
        capture_output=True,
        text=True,
        check=False,
    )
    sys.stdout.write(completed.stdout.replace("RESULT ", "   result: ", 1)[:shown])
    if completed.returncode != 0:
        raise RuntimeError(f"bench worker for {url} failed:\n{completed.stderr[-4000:]}")
    last = completed.stdout.strip().splitlines()[-1]
    return dict(json.loads(last.removeprefix("RESULT ")))
