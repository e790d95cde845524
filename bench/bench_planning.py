"""The planning dashboard at city scale (issue 15, section 5), on SQLite and PostgreSQL.

For every database and every scale in ``BENCH_PLANNING_SCALES`` (default ``1``; e.g.
``"1,2,4"`` for growth, ``"0.05"`` for a quick trial), a worker process
(``python -m bench.bench_planning worker`` with ``DATABASE_URL`` and
``BENCH_PLANNING_SCALE`` set) recreates a bench database of its own (SQLite:
``var/bench_planning.sqlite3``; PostgreSQL: ``BENCH_PLANNING_POSTGRES_URL``, default
database ``sz_bench_planning`` on 127.0.0.1), migrates it, writes the city of
``bench/planning_data.py`` (250,000 residents in 100 districts, 20,000 persons in case
work, 5,000 offers, 50,000 searches that found nothing, ... at scale 1), runs ``ANALYZE``
and measures, as a planner through Django's test client:

- the city page ``/planung/`` and one district page, *cold*: the first request on a new
  database connection with Django's caches emptied (the database's own buffers and the
  operating system's page cache are warm from writing the data), and warm (median of
  ``REPEATS``);
- every figure of the dashboard on its own: its queries and its time (the profile);
- the floor: the bare ``GROUP BY district`` count statements over the same tables the
  figures read (one per table, no joins, no disclosure control, no page), in raw SQL.

Targets: city page under 1 s, district page under 300 ms, cold.
"""

from __future__ import annotations

import functools
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench import BenchResult, cpu_model
from bench.workers import database_targets, fresh_database, run_worker, timed

ROOT = Path(__file__).resolve().parent.parent
SQLITE_PATH = ROOT / "var" / "bench_planning.sqlite3"
POSTGRES_URL = os.environ.get(
    "BENCH_PLANNING_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/sz_bench_planning"
)
SCALES = [float(s) for s in os.environ.get("BENCH_PLANNING_SCALES", "1").split(",") if s]
REPEATS = 5
CITY_TARGET_MS, DISTRICT_TARGET_MS = 1000.0, 300.0

#: The floor: one bare count per district over each table the dashboard aggregates.
FLOOR_MODELS = [
    "casework.Person",
    "directory.Place",
    "directory.SearchMiss",
    "plan.ReferralGap",
    "earlywarning.Entry",
    "barriers.Barrier",
    "civic.Idea",
    "districts.PopulationCount",
]


# --- The worker (one database, one scale) ------------------------------------------------------


def _cold() -> None:
    """A new database connection and empty Django caches, as after a restart."""
    from django.core.cache import caches
    from django.db import connections

    connections.close_all()
    for alias in ("default", "pages"):
        caches[alias].clear()


def _page(client: Any, path: str) -> Callable[[], Any]:
    def get() -> None:
        response = client.get(path)
        if response.status_code != 200:
            raise RuntimeError(f"{path} answered {response.status_code}")

    return get


def _profile() -> list[dict[str, Any]]:
    """Each figure of the city dashboard on its own: (figure, queries, ms)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from sozialraum.planning import figures
    from sozialraum.planning.figures import demand, supply
    from sozialraum.planning.impact import impact_by_district

    found: list[dict[str, Any]] = []

    def measure(label: str, action: Callable[[], Any]) -> Any:
        with CaptureQueriesContext(connection) as queries:
            start = time.perf_counter()
            result = action()
            seconds = time.perf_counter() - start
        found.append({"figure": label, "queries": len(queries), "ms": seconds * 1000})
        return result

    area = measure("area (districts)", lambda: figures.area_load(city="benchstadt"))
    demography = measure("demography", lambda: supply.demography_figure(area))
    measure("supply (4 figures)", lambda: supply.supply_figures(area, demography))
    for name in (
        "goals",
        "referrals",
        "gap_reasons",
        "search_misses",
        "ideas",
        "help_requests",
        "early_warning",
        "barriers",
    ):
        function: Callable[[Any], Any] = getattr(demand, f"{name}_figure")
        measure(name, functools.partial(function, area))
    measure("impact by district", impact_by_district)
    return found


def _floor() -> float:
    from django.apps import apps
    from django.db import connection

    tables = [apps.get_model(label)._meta.db_table for label in FLOOR_MODELS]
    statements = [f"SELECT district_id, COUNT(*) FROM {t} GROUP BY district_id" for t in tables]

    def run() -> None:
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
                cursor.fetchall()

    run()
    return _median(run)


def _median(action: Callable[[], Any]) -> float:
    times = sorted(timed(action) for _ in range(REPEATS))
    return times[len(times) // 2]


def _measure(district_slug: str) -> dict[str, Any]:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from sozialraum.accounts.tests.factories import signed_in_client, user_with_role
    from sozialraum.lib.access import Role

    client = signed_in_client(user_with_role(Role.PLANNER))
    city, district = (
        _page(client, "/planung/"),
        _page(client, f"/planung/quartier/{district_slug}/"),
    )
    first = timed(city)  # the process's first request: imports, templates, translations
    _cold()
    city_cold = timed(city)
    _cold()
    district_cold = timed(district)
    with_queries: dict[str, int] = {}
    for label, page in (("city", city), ("district", district)):
        with CaptureQueriesContext(connection) as queries:
            page()
        with_queries[label] = len(queries)
    return {
        "first_request_ms": first * 1000,
        "city_cold_ms": city_cold * 1000,
        "district_cold_ms": district_cold * 1000,
        "city_warm_ms": _median(city) * 1000,
        "district_warm_ms": _median(district) * 1000,
        "city_queries": with_queries["city"],
        "district_queries": with_queries["district"],
        "floor_ms": _floor() * 1000,
        "profile": _profile(),
    }


def worker() -> None:
    """One database's run at one scale; prints ``RESULT <json>`` as its last line."""
    url = os.environ["DATABASE_URL"]
    scale = float(os.environ.get("BENCH_PLANNING_SCALE", "1"))
    fresh_database(url, SQLITE_PATH)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection

    from bench.planning_data import generate

    outcome: dict[str, Any] = {"vendor": connection.vendor, "scale": scale}
    outcome["version"] = ".".join(str(part) for part in connection.get_database_version())
    call_command("migrate", verbosity=0)
    print(f"   {connection.vendor}: writing the city at scale {scale:g}", flush=True)
    start = time.perf_counter()
    city = generate(scale)
    outcome["generate_s"] = time.perf_counter() - start
    outcome["counts"] = city.counts
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    print("   measuring", flush=True)
    outcome |= _measure(city.districts[len(city.districts) // 2].slug)
    outcome["load_end"] = os.getloadavg()
    print("RESULT " + json.dumps(outcome), flush=True)


# --- The runner's side --------------------------------------------------------------------------


def targets() -> list[str]:
    return database_targets(SQLITE_PATH, POSTGRES_URL)


def _run_worker(url: str, scale: float) -> dict[str, Any]:
    env = {
        "BENCH_PLANNING_SCALE": str(scale),
        "DEBUG": "false",
        "HTTPS": "false",
        "ALLOWED_HOSTS": "testserver",
        "LOG_LEVEL": "ERROR",
    }
    return run_worker("bench.bench_planning", url, env, shown=3000)


def run() -> BenchResult:
    load_start = os.getloadavg()
    outcomes = [_run_worker(url, scale) for url in targets() for scale in SCALES]
    return _result(outcomes, load_start)


def _name(outcome: dict[str, Any]) -> str:
    return "SQLite" if outcome["vendor"] == "sqlite" else "PostgreSQL"


def _load(values: Any) -> str:
    return ", ".join(f"{x:.2f}" for x in values)


def _result(outcomes: list[dict[str, Any]], load_start: tuple[float, ...]) -> BenchResult:
    full = [o for o in outcomes if o["scale"] == 1.0] or outcomes[:1]
    parts = []
    for outcome in full:
        met = (
            outcome["city_cold_ms"] < CITY_TARGET_MS
            and outcome["district_cold_ms"] < DISTRICT_TARGET_MS
        )
        parts.append(
            f"{_name(outcome)} at scale {outcome['scale']:g}: "
            f"city {outcome['city_cold_ms']:,.0f} ms, "
            f"district {outcome['district_cold_ms']:,.0f} ms cold "
            f"({'targets met' if met else 'target missed'})"
        )
    headline = (
        "; ".join(parts)
        + f" (targets: city < {CITY_TARGET_MS:,.0f} ms, district < {DISTRICT_TARGET_MS:,.0f} ms)."
    )
    figures: list[tuple[str, str]] = [
        ("run", time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())),
        ("CPU, cores", f"{cpu_model()}, {os.cpu_count()}"),
        ("load average at start (1, 5, 15 min)", _load(load_start)),
        ("load average at end (1, 5, 15 min)", _load(os.getloadavg())),
    ]
    for outcome in {o["scale"]: o for o in outcomes}.values():
        counts = outcome["counts"]
        figures.append(
            (
                f"scale {outcome['scale']:g}: data",
                f"{counts['residents']:,} residents, {counts['districts']} districts, "
                f"{counts['persons']:,} persons, {counts['goals']:,} goals, "
                f"{counts['referrals']:,} referrals, {counts['self_ratings']:,} self-ratings, "
                f"{counts['offers']:,} offers, {counts['search_misses']:,} searches without result",
            )
        )
    for outcome in outcomes:
        figures.append(
            (
                f"{_name(outcome)} {outcome['version']}, scale {outcome['scale']:g}: "
                "generation; the process's first request (city page)",
                f"{outcome['generate_s']:.0f} s; {outcome['first_request_ms']:,.0f} ms",
            )
        )
    header = [
        "database",
        "scale",
        "city cold ms",
        "city warm ms",
        "city queries",
        "district cold ms",
        "district warm ms",
        "district queries",
        "floor ms",
        "city cold / floor",
        "district cold / floor",
    ]
    rows = [
        [
            _name(o),
            f"{o['scale']:g}",
            f"{o['city_cold_ms']:,.0f}",
            f"{o['city_warm_ms']:,.0f}",
            str(o["city_queries"]),
            f"{o['district_cold_ms']:,.0f}",
            f"{o['district_warm_ms']:,.0f}",
            str(o["district_queries"]),
            f"{o['floor_ms']:,.1f}",
            f"{o['city_cold_ms'] / o['floor_ms']:,.0f}",
            f"{o['district_cold_ms'] / o['floor_ms']:,.0f}",
        ]
        for o in outcomes
    ]
    for outcome in full:
        profile = ", ".join(
            f"{p['figure']} {p['ms']:,.0f} ms/{p['queries']} q" for p in outcome["profile"]
        )
        figures.append((f"{_name(outcome)} scale {outcome['scale']:g}: per figure", profile))
    return BenchResult(
        title="Planning dashboard (250,000 residents, 100 districts, 20,000 persons at scale 1)",
        headline=headline,
        figures=figures,
        table_header=header,
        table=rows,
        notes=[
            "Cold: a request on a new database connection with Django's caches emptied, "
            "just after the data was written and analysed (database buffers and the page "
            "cache warm; the process served one request before, so code and templates are "
            "loaded: that first request is listed apart); warm: median of 5 further "
            "requests. In-process through Django's test client as a planner (full "
            "middleware, templates).",
            "Floor: the bare GROUP BY district count over each table the dashboard reads "
            "(8 raw statements, median of 5), on the same data in the same run.",
            "Per figure: each figure's function alone, its time and queries.",
            "The machine is shared (2 cores); the load average says how busy it was.",
        ],
    )


if __name__ == "__main__" and sys.argv[1:] == ["worker"]:
    worker()
