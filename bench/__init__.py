"""Benchmarks, run by ``python -m bench`` (``make bench``); not part of the test suite.

Each ``bench/bench_*.py`` module has a ``run() -> BenchResult``. The runner sets up Django
against a throwaway database (created and destroyed like the test suite's), calls every
module's ``run()`` and writes all results with the machine they ran on to
``bench/RESULTS.md``. A new benchmark only adds a module.
"""

from __future__ import annotations

import platform
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass
class BenchResult:
    """One benchmark's outcome: a headline sentence, named figures, and notes on method."""

    title: str
    headline: str
    figures: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: An optional wider table after the figures: its column names and rows.
    table_header: list[str] = field(default_factory=list)
    table: list[list[str]] = field(default_factory=list)

    def markdown(self) -> str:
        lines = [f"## {self.title}", "", f"**{self.headline}**", "", "| figure | value |"]
        lines.append("|---|---|")
        lines.extend(f"| {label} | {value} |" for label, value in self.figures)
        if self.table_header:
            lines.extend(["", "| " + " | ".join(self.table_header) + " |"])
            lines.append("|" + "---|" * len(self.table_header))
            lines.extend("| " + " | ".join(row) + " |" for row in self.table)
        if self.notes:
            lines.append("")
            lines.extend(f"- {note}" for note in self.notes)
        return "\n".join(lines) + "\n"


def median_seconds(action: Callable[[], Any], repeats: int) -> float:
    """The median wall-clock time of ``repeats`` runs of ``action``."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def per_second(count: int, seconds: float) -> str:
    """``count / seconds`` written with thousands separators."""
    return f"{count / seconds:,.0f}"


def cpu_model() -> str:
    try:
        lines = Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines()
    except OSError:
        return platform.processor() or "unknown"
    models = [line.split(":", 1)[1].strip() for line in lines if line.startswith("model name")]
    return models[0] if models else platform.processor() or "unknown"
