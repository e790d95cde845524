"""The offer search at city-region scale (100,000 offers; 1,000,000 with
``BENCH_SCALE=national``), on SQLite and PostgreSQL.

Each database runs in its own process (``python -m bench.bench_offer_search worker`` with
``DATABASE_URL`` set), against a bench database of its own that it creates from scratch
(SQLite: ``var/bench_offers.sqlite3``; PostgreSQL: ``BENCH_POSTGRES_URL``, default database
``sz_bench_offers`` on 127.0.0.1), because the HTTP part needs a real server process reading
the same data. Each worker:

1. writes the offers with ``bulk_create`` (``bench/offer_data.py``) and builds the search
   index (``offer_index_rebuild``), timing both (records per second);
2. runs the query mix in-process through ``offer_search_ids`` (the selector's ranked page)
   and, for every text in it, the floor: the database's bare full-text query (FTS5 MATCH /
   tsquery @@, ranked by the same bm25 / ts_rank_cd, LIMIT 20);
3. starts gunicorn on a free port on 127.0.0.1 and sends the mix to
   ``/api/v1/offers/search`` from concurrent client threads.

Databases: ``BENCH_DATABASE_URL`` (comma-separated) names them; by default SQLite, and
PostgreSQL too when it answers. National scale (about an hour on 2 cores):
``BENCH_SCALE=national make bench`` (or ``... python -m bench``).
"""

from __future__ import annotations

import functools
import http.client
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.parse
from pathlib import Path
from typing import Any

from bench import BenchResult
from bench.workers import database_targets, fresh_database, run_worker, timed

ROOT = Path(__file__).resolve().parent.parent
SQLITE_PATH = ROOT / "var" / "bench_offers.sqlite3"
POSTGRES_URL = os.environ.get(
    "BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/sz_bench_offers"
)
NATIONAL = os.environ.get("BENCH_SCALE", "") == "national"
#: ``BENCH_OFFERS`` overrides the count (for a quick trial run).
OFFERS = int(os.environ.get("BENCH_OFFERS", "0")) or (1_000_000 if NATIONAL else 100_000)
REPEATS = 5
HTTP_CLIENTS = 4
HTTP_SECONDS = 15.0
HTTP_MAX_REQUESTS = 2_000
FLENSBURG = (54.7836, 9.4321)
KIEL = (54.3233, 10.1228)

#: (label, text): the texts of the mix; the label groups them in the results.
TEXTS: list[tuple[str, str]] = [
    ("frequent", "Nachbarschaft "),
    ("frequent", "Familien "),
    ("frequent", "Senioren "),
    ("rare", "Boule "),
    ("rare", "Klöppeln "),
    ("rare", "Origami "),
    ("prefix", "Ber"),
    ("prefix", "Bera"),
    ("prefix", "Berat"),
    ("prefix", "Mittagst"),
    ("phrase", '"pflegende Angehörige"'),
    ("phrase", '"Mittagstisch für Senioren"'),
    ("words", "Beratung Demenz "),
    ("words", "Sport Park "),
]


def mix() -> list[tuple[str, dict[str, Any]]]:
    """(group, OfferQuery keyword arguments): each text alone, within 1 km of Flensburg's
    centre, and within 25 km of Kiel's with step-free access and a category; plus two
    searches without text."""
    queries: list[tuple[str, dict[str, Any]]] = []
    for group, text in TEXTS:
        queries.append((group, {"text": text}))
        queries.append((f"{group} + 1 km", {"text": text, "near": FLENSBURG, "radius_m": 1000}))
        queries.append(
            (
                f"{group} + 25 km + filters",
                {
                    "text": text,
                    "near": KIEL,
                    "radius_m": 25_000,
                    "needs": frozenset({"step_free"}),
                    "categories": ("counselling", "meeting_place", "lunch_table"),
                },
            )
        )
    queries.append(
        (
            "no text, 1 km + category",
            {"near": FLENSBURG, "radius_m": 1000, "categories": ("meeting_place",)},
        )
    )
    queries.append(
        (
            "no text, 25 km + needs",
            {"near": KIEL, "radius_m": 25_000, "needs": frozenset({"wheelchair"})},
        )
    )
    return queries


def percentiles(samples: list[float]) -> dict[str, float]:
    """p50, p95, p99 and max of ``samples`` (seconds) in milliseconds."""
    ordered = sorted(samples)
    cuts = statistics.quantiles(ordered, n=100, method="inclusive")
    return {
        "p50": cuts[49] * 1000,
        "p95": cuts[94] * 1000,
        "p99": cuts[98] * 1000,
        "max": ordered[-1] * 1000,
        "n": len(ordered),
    }


# --- The worker (one database) ---------------------------------------------------------------


def _load() -> dict[str, Any]:
    from django.core.management import call_command
    from django.db import connection

    from bench.offer_data import batches
    from sozialraum.directory.search import offer_index_rebuild

    call_command("migrate", verbosity=0)

    def write() -> None:
        for written in batches(OFFERS, national=NATIONAL):
            if written % 50_000 == 0:
                print(f"   {written:,} offers written", flush=True)

    bulk = timed(write)
    index = timed(offer_index_rebuild)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    return {"bulk_s": bulk, "index_s": index}


def _floor_sql(text: str) -> tuple[str, list[Any]]:
    from django.db import connection

    from sozialraum.directory.search import text as search_text

    terms = search_text.text_terms(text)
    if connection.vendor == "sqlite":
        sql = (
            "SELECT rowid FROM directory_offer_fts WHERE directory_offer_fts MATCH %s "
            f"ORDER BY bm25(directory_offer_fts, {search_text.BM25_WEIGHTS}) LIMIT 20"
        )
        return sql, [search_text.fts5_match(terms)]
    tsquery, params = search_text.tsquery_sql(terms)
    sql = (
        f"WITH q AS (SELECT {tsquery} AS q) SELECT t.offer_id FROM directory_offersearchtext t, "
        "q WHERE t.document @@ q.q ORDER BY ts_rank_cd(t.document, q.q) DESC LIMIT 20"
    )
    return sql, params


def _in_process() -> dict[str, Any]:
    from django.db import connection

    from sozialraum.directory.search import OfferQuery, offer_search_ids

    queries = [(group, OfferQuery(**kwargs)) for group, kwargs in mix()]
    floors = {text: _floor_sql(text) for _group, text in TEXTS}
    searched: dict[str, list[float]] = {}
    floor: list[float] = []
    text_search: list[float] = []
    with connection.cursor() as cursor:
        for round_number in range(REPEATS + 1):
            for group, query in queries:
                seconds = timed(functools.partial(offer_search_ids, query))
                if round_number:
                    searched.setdefault(group, []).append(seconds)
                    if query.text:
                        text_search.append(seconds)
            for sql, params in floors.values():
                seconds = timed(functools.partial(_fetch, cursor, sql, params))
                if round_number:
                    floor.append(seconds)
    everything = [s for samples in searched.values() for s in samples]
    return {
        "all": percentiles(everything),
        "text": percentiles(text_search),
        "floor": percentiles(floor),
        "groups": {group: percentiles(samples) for group, samples in searched.items()},
        "matches": _match_counts(),
        "exhaustive": _same_as_exhaustive(),
    }


def _fetch(cursor: Any, sql: str, params: list[Any]) -> None:
    cursor.execute(sql, params)
    cursor.fetchall()


def _match_counts() -> dict[str, int]:
    """Offers matching each text, counted by the full-text index (the floor's index)."""
    from django.db import connection

    counts = {}
    with connection.cursor() as cursor:
        for _group, text in TEXTS:
            sql, params = _floor_sql(text)
            inner = sql.rsplit(" ORDER BY ", 1)[0]
            cursor.execute(f"SELECT COUNT(*) FROM ({inner}) matched", params)
            counts[text.strip()] = int(cursor.fetchone()[0])
    return counts


def _same_as_exhaustive() -> dict[str, int]:
    """Checks every query of the mix: the page the search returns equals the first page of
    ranking every match (``ranked_page(..., everything=True)``); returns the counts."""
    from django.utils import timezone

    from sozialraum.directory.search import OfferQuery
    from sozialraum.directory.search.sql import ranked_page

    checked, differing = 0, 0
    for _group, kwargs in mix():
        query = OfferQuery(**kwargs)
        now = timezone.now()
        fast = [(row[0], round(row[3], 9)) for row in ranked_page(query, now).rows]
        full = ranked_page(query, now, everything=True).rows[: query.limit]
        checked += 1
        differing += fast != [(row[0], round(row[3], 9)) for row in full]
    return {"checked": checked, "differing": differing}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _http_paths() -> list[str]:
    paths = []
    for _group, kwargs in mix():
        params: list[tuple[str, str]] = [("q", kwargs.get("text", ""))]
        if "near" in kwargs:
            lat, lon = kwargs["near"]
            params += [("lat", str(lat)), ("lon", str(lon)), ("radius", str(kwargs["radius_m"]))]
        params += [("needs", need) for need in sorted(kwargs.get("needs", ()))]
        params += [("category", code) for code in kwargs.get("categories", ())]
        paths.append("/api/v1/offers/search?" + urllib.parse.urlencode(params))
    return paths


def _get(port: int, path: str) -> tuple[int, float]:
    start = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path)
        response = connection.getresponse()
        response.read()
        return response.status, time.perf_counter() - start
    finally:
        connection.close()


def _server(port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "ALLOWED_HOSTS": "127.0.0.1", "DEBUG": "false"}
    gunicorn = shutil.which("gunicorn", path=str(Path(sys.executable).parent)) or "gunicorn"
    command = [gunicorn, "config.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "2"]
    command += ["--log-level", "warning"]
    process = subprocess.Popen(command, cwd=ROOT, env=env)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            _get(port, "/api/v1/offers/search?q=Mittagstisch")
            return process
        except OSError:
            time.sleep(0.3)
    process.terminate()
    raise RuntimeError("gunicorn did not answer within 60 s")


def _over_http() -> dict[str, Any]:
    port = _free_port()
    process = _server(port)
    try:
        paths = _http_paths()
        status, _seconds = _get(port, paths[0])
        if status == 404:
            return {"missing": True}
        for path in paths:  # warm both workers' caches and connections
            _get(port, path)
            _get(port, path)
        return _load_test(port, paths)
    finally:
        process.terminate()
        process.wait(timeout=30)


def _load_test(port: int, paths: list[str]) -> dict[str, Any]:
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    lock = threading.Lock()
    stop_at = time.monotonic() + HTTP_SECONDS

    def client(number: int) -> None:
        step = number
        while time.monotonic() < stop_at and len(latencies) < HTTP_MAX_REQUESTS:
            status, seconds = _get(port, paths[step % len(paths)])
            step += HTTP_CLIENTS
            with lock:
                latencies.append(seconds)
                statuses[status] = statuses.get(status, 0) + 1

    start = time.perf_counter()
    threads = [threading.Thread(target=client, args=(n,)) for n in range(HTTP_CLIENTS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - start
    return {
        **percentiles(latencies),
        "per_second": len(latencies) / elapsed,
        "statuses": statuses,
    }


def worker() -> None:
    """One database's run; prints ``RESULT <json>`` as its last line."""
    url = os.environ["DATABASE_URL"]
    fresh_database(url, SQLITE_PATH)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from django.db import connection

    outcome: dict[str, Any] = {"vendor": connection.vendor}
    version = ".".join(str(part) for part in connection.get_database_version())
    outcome["version"] = version
    print(f"   {connection.vendor} {version}: writing {OFFERS:,} offers", flush=True)
    outcome["load"] = _load()
    print("   measuring in-process", flush=True)
    outcome["search"] = _in_process()
    connection.close()
    print("   measuring over HTTP", flush=True)
    outcome["http"] = _over_http()
    print("RESULT " + json.dumps(outcome), flush=True)


# --- The runner's side --------------------------------------------------------------------------


def targets() -> list[str]:
    return database_targets(SQLITE_PATH, POSTGRES_URL)


def run() -> BenchResult:
    outcomes = [run_worker("bench.bench_offer_search", url) for url in targets()]
    figures: list[tuple[str, str]] = [("offers", f"{OFFERS:,}")]
    for outcome in outcomes:
        figures.extend(_figures(outcome))
    return BenchResult(
        title=f"Offer search ({OFFERS:,} offers)",
        headline=_headline(outcomes),
        figures=figures,
        notes=_notes(outcomes),
    )


def _ms(value: float) -> str:
    return f"{value:.1f}"


def _figures(outcome: dict[str, Any]) -> list[tuple[str, str]]:
    name = "SQLite" if outcome["vendor"] == "sqlite" else "PostgreSQL"
    load, search, http = outcome["load"], outcome["search"], outcome["http"]
    rows = [
        (
            f"{name} {outcome['version']}: import, ORM bulk_create, offers/s",
            f"{OFFERS / load['bulk_s']:,.0f} ({load['bulk_s']:.0f} s)",
        ),
        (
            f"{name}: search index build, offers/s",
            f"{OFFERS / load['index_s']:,.0f} ({load['index_s']:.0f} s)",
        ),
    ]
    for label, key in (("whole mix", "all"), ("text queries", "text"), ("floor", "floor")):
        p = search[key]
        rows.append(
            (
                f"{name}: {label}, in-process p50 / p95 / p99 ms",
                f"{_ms(p['p50'])} / {_ms(p['p95'])} / {_ms(p['p99'])} (n={p['n']})",
            )
        )
    ratio = search["text"]["p95"] / search["floor"]["p95"]
    rows.append((f"{name}: ratio p95(search, text queries) / p95(floor)", f"{ratio:.2f}"))
    same = search["exhaustive"]
    rows.append(
        (
            f"{name}: pages equal to ranking every match (checked / differing)",
            f"{same['checked']} / {same['differing']}",
        )
    )
    for group, p in search["groups"].items():
        rows.append((f"{name}: {group}, p50 / p95 ms", f"{_ms(p['p50'])} / {_ms(p['p95'])}"))
    if http.get("missing"):
        rows.append((f"{name}: over HTTP", "endpoint /api/v1/offers/search not there yet"))
    else:
        rows.append(
            (
                f"{name}: HTTP, {HTTP_CLIENTS} clients, p50 / p95 / p99 ms",
                f"{_ms(http['p50'])} / {_ms(http['p95'])} / {_ms(http['p99'])} (n={http['n']})",
            )
        )
        rows.append(
            (
                f"{name}: HTTP requests/s (status counts)",
                f"{http['per_second']:.0f} ({http['statuses']})",
            )
        )
    return rows


def _headline(outcomes: list[dict[str, Any]]) -> str:
    parts = []
    for outcome in outcomes:
        name = "SQLite" if outcome["vendor"] == "sqlite" else "PostgreSQL"
        search = outcome["search"]
        ratio = search["text"]["p95"] / search["floor"]["p95"]
        parts.append(
            f"{name}: p95 {_ms(search['all']['p95'])} ms over the whole mix, "
            f"{ratio:.1f}x the bare full-text query's p95"
        )
    return f"At {OFFERS:,} offers, " + "; ".join(parts) + " (target: 25 ms and 2x)."


def _notes(outcomes: list[dict[str, Any]]) -> list[str]:
    matches = outcomes[0]["search"]["matches"] if outcomes else {}
    return [
        f"Query mix: {len(TEXTS)} texts (frequent words in about a third of all offers, rare "
        "words, prefixes as typed, phrases, two words), each alone, within 1 km of "
        "Flensburg's centre, and within 25 km of Kiel's with step-free access and three "
        f"categories; plus two searches without text. {REPEATS} timed rounds after one "
        "warm-up round; limit 20; stale offers (about 10 %) hidden as for residents.",
        "Offers matching each text (all, stale included): "
        + ", ".join(f"{text} {count:,}" for text, count in matches.items())
        + ".",
        "Floor: the same text as the bare full-text query (SQLite: FTS5 MATCH ORDER BY the "
        "weighted bm25 LIMIT 20; PostgreSQL: tsquery @@ ORDER BY ts_rank_cd LIMIT 20), run in "
        "the same rounds. The search itself ranks from its own term index (precomputed BM25 "
        "weights per word and offer, read in weight order) and looks around a point in "
        "growing rings, so it need not rank every match of a frequent word; it adds the "
        "filters, the distance, one row per offer and the total (exact up to 100; see "
        "sozialraum/directory/search/sql.py). Each page is checked against ranking every "
        "match (row 'pages equal to ranking every match').",
        f"HTTP: gunicorn with 2 sync workers on 127.0.0.1, {HTTP_CLIENTS} client threads "
        f"(http.client, a new connection per request), at most {HTTP_SECONDS:.0f} s or "
        f"{HTTP_MAX_REQUESTS:,} requests, cycling through the mix's URLs; it includes "
        "rendering the JSON page with provider, categories and prices.",
        "Import: offers with places (one in twenty at two), category links and prices "
        "written by bulk_create in batches of 5,000; the index build is "
        "offer_index_rebuild() (stemming in Python on SQLite; on PostgreSQL ending with "
        "VACUUM (ANALYZE) of the index's tables) over all of them, then ANALYZE.",
        "National scale: BENCH_SCALE=national writes 1,000,000 offers, 80 % spread over "
        "German cities and the country, the rest in Flensburg and Kiel.",
    ]


if __name__ == "__main__":
    if sys.argv[1:] == ["worker"]:
        worker()
    else:
        print(run().markdown())
