"""Pages under load: every main page and endpoint against a bare Django view, side by side.

The demo (``sozialraum demo``: both cities' real districts, population and demo offers) is
loaded into a SQLite database in a temporary folder. Two servers are started one after the
other on free loopback ports with the same gunicorn configuration (one sync worker): first
the floor, a view returning six bytes behind Django's default middleware
(:mod:`bench.floor`), then the project. A client of ``CONNECTIONS`` threads (plain sockets,
one request per connection, as gunicorn's sync worker closes each) drives each address for
``BENCH_PAGES_SECONDS`` seconds (default 5) and counts answers, latencies and bytes.

The worker's pages are requested as the demo's ``lotsin``, through a session made directly
(as the tests do: a signed-in session whose second factor is verified by the user's device).

Targets (issue 11, section 7): public pages and the worker's main pages at least 10 % of the
floor's requests per second, API list and search endpoints at least 25 %.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench import BenchResult, cpu_model

ROOT = Path(__file__).resolve().parent.parent
CONNECTIONS = 8
SECONDS = float(os.environ.get("BENCH_PAGES_SECONDS", "5"))
#: Requests per connection at most, so a loop ends even against an absurdly fast server.
MAX_REQUESTS_PER_CONNECTION = 100_000
WARM_UP = 3

PUBLIC_PAGE, WORKER_PAGE, API = "public page", "worker page", "API"
TARGETS = {PUBLIC_PAGE: 0.10, WORKER_PAGE: 0.10, API: 0.25}


@dataclass(frozen=True)
class Target:
    label: str
    kind: str
    path: str
    signed_in: bool = False


@dataclass
class Measured:
    target: Target
    requests: int = 0
    errors: int = 0
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    body_bytes: int = 0
    status: int = 0

    @property
    def per_second(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, fraction: float) -> float:
        ordered = sorted(self.latencies)
        if not ordered:
            return 0.0
        return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def targets(ids: dict[str, Any]) -> list[Target]:
    """Every main page and endpoint, with the demo's ids filled in."""
    offer, district, person = ids["offer"], ids["district"], ids["person"]
    return [
        Target("start page", PUBLIC_PAGE, "/"),
        Target("search page, empty", PUBLIC_PAGE, "/angebote/"),
        Target("search page, query", PUBLIC_PAGE, "/angebote/?q=beratung"),
        Target(
            "search page, district + radius",
            PUBLIC_PAGE,
            f"/angebote/?district={district}&radius=2000",
        ),
        Target("offer page", PUBLIC_PAGE, f"/angebote/{offer}/"),
        Target("city page (Flensburg)", PUBLIC_PAGE, "/quartiere/flensburg/"),
        Target("district page", PUBLIC_PAGE, f"/quartiere/{district}/"),
        Target("worker: home", WORKER_PAGE, "/konto/", signed_in=True),
        Target("worker: search page", WORKER_PAGE, "/angebote/?q=beratung", signed_in=True),
        Target("worker: persons", WORKER_PAGE, "/personen/", signed_in=True),
        Target("worker: person", WORKER_PAGE, f"/personen/{person}/", signed_in=True),
        Target("API districts", API, "/api/v1/districts"),
        Target("API offer search", API, "/api/v1/offers/search?q=beratung"),
        Target("API HSDS services", API, "/api/hsds/services"),
        Target("API persons", API, "/api/v1/persons", signed_in=True),
        Target("API referrals due", API, "/api/v1/plans/referrals/due", signed_in=True),
    ]


# --- Setting up --------------------------------------------------------------------------------


def _environment(folder: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        DATABASE_URL=f"sqlite:///{folder / 'pages.sqlite3'}",
        DJANGO_SETTINGS_MODULE="config.settings",
        DEBUG="false",
        HTTPS="false",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        LOG_LEVEL="ERROR",
        PYTHONPATH=str(ROOT),
    )
    env.setdefault("SECRET_KEY_FILE", str(ROOT / "var" / "secret_key"))
    return env


def _manage(env: dict[str, str], *args: str) -> str:
    command = [sys.executable, str(ROOT / "manage.py"), *args]
    done = subprocess.run(command, env=env, cwd=ROOT, check=True, capture_output=True, text=True)
    return done.stdout


PREPARE = """
import json
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django_otp import DEVICE_ID_SESSION_KEY, devices_for_user
from sozialraum.accounts.middleware import session_start
from sozialraum.accounts.models import User
from sozialraum.casework.models import Person
from sozialraum.directory.models import Offer
from sozialraum.districts.models import District

user = User.objects.get(username="lotsin")
session = SessionStore()
session[SESSION_KEY] = str(user.pk)
session[BACKEND_SESSION_KEY] = "sozialraum.accounts.backends.UserReadingBackend"
session[HASH_SESSION_KEY] = user.get_session_auth_hash()
session[DEVICE_ID_SESSION_KEY] = next(devices_for_user(user)).persistent_id
session_start(session)
session.create()
flensburg = District.objects.get(slug="flensburg")
print(json.dumps({
    "session": session.session_key,
    "offer": Offer.objects.order_by("pk").values_list("pk", flat=True).first(),
    "district": flensburg.children.order_by("name").values_list("slug", flat=True).first(),
    "person": Person.objects.order_by("pk").values_list("pk", flat=True).first(),
}))
"""


def prepare(env: dict[str, str]) -> dict[str, Any]:
    """Migrates, loads the demo and makes a signed-in session; the ids the pages need."""
    _manage(env, "migrate", "--verbosity", "0")
    _manage(env, "demo")
    output = _manage(env, "shell", "--no-imports", "--command", PREPARE)
    ids: dict[str, Any] = json.loads(output.strip().splitlines()[-1])
    return ids


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def gunicorn(app: str, env: dict[str, str]) -> Iterator[int]:
    """``app`` served by gunicorn (one sync worker) on a free loopback port."""
    port = _free_port()
    binary = str(Path(sys.executable).parent / "gunicorn")
    command = [binary, "--workers", "1", "--worker-class", "sync", "--bind", f"127.0.0.1:{port}"]
    server = subprocess.Popen([*command, "--log-level", "warning", app], env=env, cwd=ROOT)
    try:
        _wait_for(port, server)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=30)


def _wait_for(port: int, server: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn ended with {server.returncode}")
        try:
            status, _body = fetch(port, "/", "")
        except OSError:
            time.sleep(0.2)
            continue
        if status:
            return
    raise RuntimeError("gunicorn did not answer within 60 seconds")


# --- Driving -----------------------------------------------------------------------------------


def fetch(port: int, path: str, cookie: str) -> tuple[int, int]:
    """One GET on a new connection: (status, body bytes)."""
    lines = [f"GET {path} HTTP/1.1", f"Host: 127.0.0.1:{port}", "Connection: close"]
    if cookie:
        lines.append(f"Cookie: {cookie}")
    request = ("\r\n".join(lines) + "\r\n\r\n").encode("ascii")
    chunks = []
    with socket.create_connection(("127.0.0.1", port), timeout=60) as conn:
        conn.sendall(request)
        while chunk := conn.recv(262_144):
            chunks.append(chunk)
    answer = b"".join(chunks)
    head, _sep, body = answer.partition(b"\r\n\r\n")
    status_line = head.split(b"\r\n", 1)[0].split()
    return (int(status_line[1]) if len(status_line) > 1 else 0), len(body)


def drive(port: int, target: Target, cookie: str) -> Measured:
    """``CONNECTIONS`` threads requesting ``target`` for ``SECONDS`` seconds."""
    measured = Measured(target)
    cookie = cookie if target.signed_in else ""
    for _ in range(WARM_UP):
        measured.status, measured.body_bytes = fetch(port, target.path, cookie)
    if measured.status != 200:
        return measured
    lock = threading.Lock()
    start = time.perf_counter()
    deadline = start + SECONDS

    def client() -> None:
        latencies, errors = [], 0
        for _ in range(MAX_REQUESTS_PER_CONNECTION):
            began = time.perf_counter()
            if began >= deadline:
                break
            try:
                status, _size = fetch(port, target.path, cookie)
            except OSError:
                status = 0
            if status == 200:
                latencies.append(time.perf_counter() - began)
            else:
                errors += 1
        with lock:
            measured.latencies.extend(latencies)
            measured.errors += errors

    threads = [threading.Thread(target=client) for _ in range(CONNECTIONS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    measured.seconds = time.perf_counter() - start
    measured.requests = len(measured.latencies)
    return measured


# --- Reporting ---------------------------------------------------------------------------------


def _milliseconds(seconds: float) -> str:
    return f"{seconds * 1000:,.1f}"


def _row(measured: Measured, floor: float) -> list[str]:
    target = measured.target
    if measured.status != 200:
        return [target.label, f"`{target.path}`", f"HTTP {measured.status}", "", "", "", "", ""]
    ratio = measured.per_second / floor if floor else 0.0
    goal = TARGETS.get(target.kind)
    verdict = "" if goal is None else ("met" if ratio >= goal else f"below {goal:.0%}")
    return [
        target.label,
        f"`{target.path}`",
        f"{measured.per_second:,.1f}",
        _milliseconds(measured.percentile(0.5)),
        _milliseconds(measured.percentile(0.95)),
        f"{measured.body_bytes:,}",
        f"{ratio:.1%}",
        verdict,
    ]


def run() -> BenchResult:
    load_at_start = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="bench-pages-") as folder:
        env = _environment(Path(folder))
        print("   loading the demo ...", flush=True)
        ids = prepare(env)
        floor_env = {**env, "DJANGO_SETTINGS_MODULE": "bench.floor"}
        floor_env["BENCH_FLOOR_DB"] = str(Path(folder) / "floor.sqlite3")
        with gunicorn("bench.floor:application", floor_env) as port:
            floor = drive(port, Target("floor: bare Django view", "floor", "/"), "")
        print(f"   floor {floor.per_second:,.0f} req/s", flush=True)
        cookie = f"sessionid={ids['session']}"
        measured = []
        with gunicorn("config.wsgi:application", env) as port:
            for target in targets(ids):
                measured.append(drive(port, target, cookie))
                print(f"   {target.label}: {measured[-1].per_second:,.1f} req/s", flush=True)
    return _result(floor, measured, load_at_start)


def _commit() -> str:
    """The measured code's commit, marked when the work tree holds uncommitted changes."""
    try:
        head = _git("rev-parse", "--short", "HEAD")
        changed = _git("status", "--porcelain", "--untracked-files=no")
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return f"{head} (with uncommitted changes)" if changed else head


def _git(*args: str) -> str:
    done = subprocess.run(["git", *args], cwd=ROOT, check=True, capture_output=True, text=True)
    return done.stdout.strip()


def _result(
    floor: Measured, measured: list[Measured], load: tuple[float, float, float]
) -> BenchResult:
    rate = floor.per_second
    rows = [_row(floor, rate)] + [_row(m, rate) for m in measured]
    misses = [
        m.target.label
        for m in measured
        if m.status != 200 or m.per_second < TARGETS[m.target.kind] * rate
    ]
    headline = (
        f"Floor {rate:,.0f} req/s; "
        + (f"{len(misses)} of {len(measured)} below target: {', '.join(misses)}" if misses else
           f"all {len(measured)} pages and endpoints meet their targets")
    )  # fmt: skip
    return BenchResult(
        title="Pages under load (demo data, gunicorn, 1 sync worker, 8 connections)",
        headline=headline,
        figures=[
            ("run", time.strftime("%Y-%m-%d %H:%M %Z")),
            ("code (git commit)", _commit()),
            ("CPU", cpu_model()),
            ("cores (nproc)", str(os.cpu_count())),
            ("load average at start (1, 5, 15 min)", ", ".join(f"{x:.2f}" for x in load)),
            ("load average at end (1, 5, 15 min)", ", ".join(f"{x:.2f}" for x in os.getloadavg())),
            ("seconds per address", f"{SECONDS:g}"),
            ("errors (non-200 answers) during the runs", str(sum(m.errors for m in measured))),
        ],
        table_header=[
            "page",
            "address",
            "req/s",
            "p50 ms",
            "p95 ms",
            "bytes",
            "of floor",
            "target",
        ],
        table=rows,
        notes=[
            "Floor: a view returning six bytes behind Django's default middleware "
            "(`bench/floor.py`), same gunicorn configuration, same run.",
            "Targets: public pages and the worker's main pages >= 10 % of the floor, API list "
            "and search endpoints >= 25 %. The client runs on the same machine (plain sockets, "
            "one request per connection), so it takes CPU from the server; with other work on "
            "the machine the figures are indicative, the ratios more so than the rates.",
            "p50/p95: nearest rank over every answered request; bytes: the body of one answer.",
        ],
    )
