"""Readers for published district data: what they return (:class:`DistrictRecord`,
:class:`PopulationRecord`, :class:`ParsedImport`) and the small strict parsers they share.

Counts are read by :func:`~.tables.parse_number`.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from sozialraum.lib.importing import ImportProblem
from sozialraum.lib.textfiles import DEFAULT_ENCODING, TextFileError, read_text

#: Told ``(done, total)`` records as a reader goes through a file (a progress bar).
Progress = Callable[[int, int], None]


# --- Results -------------------------------------------------------------------------------


@dataclass(frozen=True)
class DistrictRecord:
    """One district as read, identified by ``code``; its parent precedes it in a list."""

    code: str
    name: str
    slug: str
    kind: str
    parent_code: str | None
    boundary: dict[str, Any] | None
    bbox: tuple[float, float, float, float] | None
    area_km2: float | None
    source: str


@dataclass(frozen=True)
class PopulationRecord:
    """Residents of one district in one year and band ``[age_from, age_to)``, with the
    file, line and field they were read from."""

    district_code: str
    year: int
    age_from: int
    age_to: int | None
    count: int
    source: str
    file: str
    line: int
    field: str

    @property
    def key(self) -> tuple[str, int, int, int | None]:
        return (self.district_code, self.year, self.age_from, self.age_to)


@dataclass
class ParsedImport:
    """What a reader found: valid records, problems, codes of repaired boundaries, and
    notes (each repair and each suspicious value, with file and field). ``encoding`` is
    the CSV files' encoding (GeoJSON is always UTF-8)."""

    districts: list[DistrictRecord] = field(default_factory=list)
    population: list[PopulationRecord] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    repaired: list[str] = field(default_factory=list)
    notes: list[ImportProblem] = field(default_factory=list)
    encoding: str = DEFAULT_ENCODING

    def problem(self, file: str, line: int | None, field: str | None, message: str) -> None:
        self.problems.append(ImportProblem(file, line, field, message))

    def file_problem(self, file: str, message: str, line: int | None = None) -> None:
        """The whole file is unusable: the import fails, even when skipping records."""
        self.problems.append(ImportProblem(file, line, None, message, whole_file=True))


# --- Small parsers -------------------------------------------------------------------------


_DATE_PATTERNS = (
    re.compile(r"(?P<year>[0-9]{4})"),
    re.compile(r"(?P<year>[0-9]{4})[_.\-/](?P<month>[0-9]{1,2})[_.\-/](?P<day>[0-9]{1,2})"),
    re.compile(r"(?P<day>[0-9]{1,2})[_.\-/](?P<month>[0-9]{1,2})[_.\-/](?P<year>[0-9]{4})"),
)


def parse_year(text: str) -> int:
    """The year of a reference date written ``2020``, ``2020_12_31``, ``31_12_2020`` or
    ``31.12.2020``. Only the year is used, so an impossible day (Kiel's ``2020_12_32``) is
    accepted; the month must be 1-12 and the year 1900-2100."""
    for pattern in _DATE_PATTERNS:
        match = pattern.fullmatch(text.strip())
        if match is None:
            continue
        year = int(match["year"])
        month = int(match.groupdict().get("month") or 1)
        if 1 <= month <= 12 and 1900 <= year <= 2100:
            return year
    raise ValueError(
        _('"%(value)s" is not a date (expected YYYY, YYYY_MM_DD, DD_MM_YYYY or DD.MM.YYYY)')
        % {"value": text}
    )


def read_rows(
    path: Path, parsed: ParsedImport, delimiter: str | None = ","
) -> list[tuple[int, list[str]]]:
    """Non-blank CSV rows with their line numbers; a problem and no rows if the file is
    unreadable or empty. ``delimiter`` None: the one of ``;``, tab, ``,`` and ``|`` that
    the first non-blank line has most of."""
    try:
        text = read_text(path, parsed.encoding)
    except TextFileError as error:
        parsed.file_problem(path.name, error.message, error.line)
        return []
    if delimiter is None:
        first = next((line for line in text.splitlines() if line.strip()), "")
        delimiter = max(";\t,|", key=first.count)
    try:
        reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        rows = [(reader.line_num, row) for row in reader if any(cell.strip() for cell in row)]
    except csv.Error as error:
        parsed.file_problem(path.name, _("cannot be read: %(error)s") % {"error": error})
        return []
    if not rows:
        parsed.file_problem(path.name, _("is empty"))
    return rows
