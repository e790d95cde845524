"""Presets of the generic population import: a city's published tables, each read by
:func:`~.tables.read_table` with fixed :class:`~.tables.TableOptions`, as
``sozialraum import_population PATH --preset NAME`` reads them.

A preset knows what the generic options cannot say: where the city's districts come from
(Flensburg's boundary files, Kiel's list of Stadtteile), which files of a folder are read,
and checks across tables (Flensburg's tables overlap, so a cell the others contradict is a
problem). The districts are read in the same run and written in the same transaction as
the counts, so the city need not exist before.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .boundaries import city_code
from .records import DistrictRecord, ParsedImport, Progress
from .tables import TableOptions, name_key, read_table

#: The tables of a preset: ``(path, encoding)`` to each file and how to read it.
Tables = Callable[[Path, str], list[tuple[Path, TableOptions]]]
#: Reads the city's districts into ``parsed``; returns those the tables name.
Districts = Callable[[Path, ParsedImport], list[DistrictRecord]]


@dataclass(frozen=True)
class Preset:
    """How one city's published population is read; ``path``: the default input (a file,
    or a folder for several tables)."""

    name: str
    city: str
    path: Path
    help: str
    tables: Tables
    districts: Districts
    check: Callable[[ParsedImport, list[DistrictRecord]], None] | None = None


def read_preset(
    preset: Preset, path: Path, encoding: str, progress: Progress | None = None
) -> ParsedImport:
    """The districts and residents ``preset`` reads from ``path`` (everything it found, and
    every problem: see :class:`ParsedImport`)."""
    parsed = ParsedImport(encoding=encoding)
    targets = preset.districts(path, parsed)
    codes = {name_key(record.name): record.code for record in targets}
    names = {record.code: record.name for record in targets}
    for table, options in preset.tables(path, encoding):
        read = read_table(table, options, codes, city_code(preset.city), progress, names)
        parsed.population.extend(read.population)
        parsed.problems.extend(read.problems)
        parsed.notes.extend(read.notes)
    if preset.check is not None:
        preset.check(parsed, targets)
    return parsed
