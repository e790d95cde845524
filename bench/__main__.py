"""Runs the ``bench/bench_*.py`` benchmarks and writes their sections of ``bench/RESULTS.md``.

``python -m bench`` runs them all; ``python -m bench pages offer_search`` (or
``BENCH_ONLY=pages make bench``) only the named ones, and replaces only their sections:
the others stay as they were, with the header of the run that wrote them.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import platform
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import django

from bench import BenchResult, cpu_model

#: National scale (``BENCH_SCALE=national``) is written beside the default results.
RESULTS = Path(__file__).resolve().parent / (
    "RESULTS-national.md" if os.environ.get("BENCH_SCALE") == "national" else "RESULTS.md"
)


@contextmanager
def throwaway_database() -> Iterator[str]:
    """Creates a fresh database beside the configured one (as the test suite does), yields
    a description of it, and destroys it afterwards; the real data is never touched."""
    from django.db import connection

    old_name = connection.settings_dict["NAME"]
    name = connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        yield f"{connection.display_name}, throwaway database {name}"
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)


def machine(database: str) -> list[tuple[str, str]]:
    from django.db import connection

    version = ".".join(str(part) for part in connection.get_database_version())
    return [
        ("machine", platform.platform()),
        ("CPU", cpu_model()),
        ("cores", str(os.cpu_count())),
        ("load average at start (1, 5, 15 min)", ", ".join(f"{x:.2f}" for x in os.getloadavg())),
        ("Python", sys.version.split()[0]),
        ("database", f"{database} (server {version})"),
    ]


def bench_modules(only: list[str] | None = None) -> list[str]:
    """The benchmark modules, all or those named (``pages`` or ``bench_pages``)."""
    folder = Path(__file__).resolve().parent
    found = sorted(
        module.name
        for module in pkgutil.iter_modules([str(folder)])
        if module.name.startswith("bench_")
    )
    if not only:
        return [f"bench.{name}" for name in found]
    wanted = [name if name.startswith("bench_") else f"bench_{name}" for name in only]
    unknown = sorted(set(wanted) - set(found))
    if unknown:
        raise SystemExit(f"No benchmark {', '.join(unknown)}; there are {', '.join(found)}.")
    return [f"bench.{name}" for name in found if name in wanted]


def results_markdown(results: list[BenchResult], about: list[tuple[str, str]]) -> str:
    from django.utils import timezone

    lines = ["# Benchmark results", "", "Written by `make bench` (`python -m bench`).", ""]
    lines.append(f"Run {timezone.now():%Y-%m-%d %H:%M %Z} on:")
    lines.append("")
    lines.extend(f"- {label}: {value}" for label, value in about)
    return "\n".join(lines) + "\n\n" + "\n".join(result.markdown() for result in results)


def sections(markdown: str) -> tuple[str, dict[str, str]]:
    """The text before the first ``## `` heading, and each section by its heading line."""
    head, *rest = markdown.split("\n## ")
    return head, {part.split("\n", 1)[0]: "## " + part for part in rest}


def merged(old: str, results: list[BenchResult]) -> str:
    """``old`` with the sections of ``results`` replaced (or appended), the rest kept."""
    head, found = sections(old)
    for result in results:
        found[result.title] = result.markdown()
    return (
        head.rstrip("\n") + "\n\n" + "\n".join(text.rstrip("\n") + "\n" for text in found.values())
    )


def main(argv: list[str]) -> None:
    only = argv or os.environ.get("BENCH_ONLY", "").split()
    names = bench_modules(only)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    django.setup()
    with throwaway_database() as database:
        about = machine(database)
        results = []
        for name in names:
            print(f"== {name}", flush=True)
            result: BenchResult = importlib.import_module(name).run()
            print(result.markdown(), flush=True)
            results.append(result)
    if only and RESULTS.exists():
        text = merged(RESULTS.read_text(encoding="utf-8"), results)
    else:
        text = results_markdown(results, about)
    RESULTS.write_text(text, encoding="utf-8")
    print(f"Written to {RESULTS}")


if __name__ == "__main__":
    main(sys.argv[1:])
