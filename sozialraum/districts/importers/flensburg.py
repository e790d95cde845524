"""Flensburg's published district data: Stadtteile and Stadtbezirke as GeoJSON, and the
social atlas' population tables, checked against each other before anything is kept."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import shapely
from django.conf import settings
from django.utils.translation import gettext as _

from sozialraum.lib.textfiles import DEFAULT_ENCODING

from ..models import DistrictKind
from .boundaries import BoundaryOptions, number_prefix_removed, read_boundaries
from .records import DistrictRecord, ParsedImport, PopulationRecord, parse_count, read_rows

FLENSBURG_DIR = settings.DEMO_DATA_DIR / "flensburg"

# --- Flensburg: boundaries -----------------------------------------------------------------

FLENSBURG_STADTTEILE = "flensburg_stadtteile.geojson"
FLENSBURG_STADTBEZIRKE = "flensburg_stadtbezirke.geojson"
FLENSBURG_GEO_SOURCE = (
    "Stadt Flensburg, kleinräumige Gliederung (%s), via oklabflensburg/open-social-map (CC0)"
)
FLENSBURG_CITY_CODE = "flensburg"
#: Where Flensburg's areas may lie (lon/lat box around the city with a margin); an area
#: of a boundary file outside it is a problem, never imported.
FLENSBURG_AREA = shapely.box(9.30, 54.70, 9.60, 54.90)


def _boundaries(
    directory: Path,
    kind: str,
    parsed: ParsedImport,
    parents: dict[str, str] | None = None,
    taken: dict[str, str] | None = None,
) -> list[DistrictRecord]:
    """The areas of one boundary file, read by the generic reader with Flensburg's
    options (names without their number, areas within Flensburg), added to ``parsed``."""
    file = FLENSBURG_STADTBEZIRKE if kind == DistrictKind.BOROUGH else FLENSBURG_STADTTEILE
    options = BoundaryOptions(
        city="Flensburg",
        kind=kind,
        name_field="AREA_NAME",
        code_field="AREA_ID",
        parent_field="PARENT_ARE" if parents is not None else None,
        parent_kind=DistrictKind.DISTRICT if parents is not None else None,
        area=FLENSBURG_AREA,
        parent_label="Stadtteil",
        strip_number=True,
        source=FLENSBURG_GEO_SOURCE % file,
    )
    read = read_boundaries(directory / file, options, parents=parents, taken_slugs=taken)
    parsed.districts.extend(read.districts)
    parsed.problems.extend(read.problems)
    parsed.notes.extend(read.notes)
    parsed.repaired.extend(read.repaired)
    return read.districts


def _flensburg_districts(directory: Path, parsed: ParsedImport) -> dict[str, str]:
    """Adds the city, its Stadtteile and Stadtbezirke to ``parsed``; returns the Stadtteil
    codes by matching key of their name (see :func:`_name_key`)."""
    read = _boundaries(directory, DistrictKind.DISTRICT, parsed, taken={"flensburg": "flensburg"})
    stadtteile = [record for record in read if record.kind == DistrictKind.DISTRICT]
    if not stadtteile:
        parsed.districts.insert(0, _EMPTY_CITY)
    parents = {record.code: str(record.kind) for record in stadtteile}
    taken = {record.slug: record.code for record in read}
    _boundaries(directory, DistrictKind.BOROUGH, parsed, parents=parents, taken=taken)
    return {_name_key(record.name): record.code for record in stadtteile}


#: Flensburg without boundary, when its Stadtteile file gave none.
_EMPTY_CITY = DistrictRecord(
    FLENSBURG_CITY_CODE, "Flensburg", FLENSBURG_CITY_CODE, DistrictKind.CITY, None, None, None,
    None, "",
)  # fmt: skip


# --- Flensburg: population tables ----------------------------------------------------------


@dataclass(frozen=True)
class _Column:
    """One published number per Stadtteil: the header (or, without a header, the year)
    and the year and age band it counts."""

    field: str
    year: int
    age_from: int
    age_to: int | None


@dataclass(frozen=True)
class _Table:
    """A Flensburg table: one line per Stadtteil, name first. ``header`` False means the
    file has no header line and the columns are given by position."""

    file: str
    header: bool
    columns: tuple[_Column, ...]

    @property
    def source(self) -> str:
        return (
            f"Stadt Flensburg, Sozialatlas 2021 ({self.file}), via oklabflensburg/open-social-map"
        )


_SERIES_YEARS = (2011, 2017, 2018, 2019, 2020, 2021)


def _series(age_from: int, age_to: int | None) -> tuple[_Column, ...]:
    return tuple(_Column(str(year), year, age_from, age_to) for year in _SERIES_YEARS)


TAB_1 = _Table(
    "tab_1_einwohner_in_stadtteilen_2011_bis_2021.csv",
    True,
    (
        *(_Column(str(year), year, 0, None) for year in _SERIES_YEARS[:-1]),
        _Column("gesamt", 2021, 0, None),
    ),
)
TAB_5 = _Table(
    "tab_5_einwohner_in_stadtteilen_2021_nach_altersgruppen.csv",
    True,
    (
        _Column("gesamt", 2021, 0, None),
        _Column("unter_18", 2021, 0, 18),
        _Column("18_bis_unter_30", 2021, 18, 30),
        _Column("30_bis_unter_45", 2021, 30, 45),
        _Column("45_bis_unter_65", 2021, 45, 65),
        _Column("65_bis_unter_80", 2021, 65, 80),
        _Column("80_und_älter", 2021, 80, None),
        _Column("0_bis_unter_7", 2021, 0, 7),
        _Column("60_und_älter", 2021, 60, None),
    ),
)
TAB_6 = _Table("tab_6_kinder_und_jugd_bis_18.csv", False, _series(0, 18))
TAB_7 = _Table("tab_7_alter_18_bis_65.csv", False, _series(18, 65))
TAB_8 = _Table("tab_8_alter_ab_65.csv", False, _series(65, None))
FLENSBURG_TABLES = (TAB_1, TAB_5, TAB_6, TAB_7, TAB_8)

#: A total may exceed the sum of its age bands by this many residents of unknown age (the
#: city's totals for Mürwik 2017-2020 do, by 4-5).
UNKNOWN_AGE_SLACK = 10

#: Cells keyed by (file, district code, field).
_Cells = dict[tuple[str, str, str], PopulationRecord]


def _name_key(name: str) -> str:
    return number_prefix_removed(name).casefold()


@dataclass(frozen=True)
class _TableLayout:
    """Where the Stadtteil's name and each column's number are in a line."""

    name: int
    columns: dict[_Column, int]

    @property
    def width(self) -> int:
        return max([self.name, *self.columns.values()]) + 1


def _table_layout(
    table: _Table, rows: list[tuple[int, list[str]]], parsed: ParsedImport
) -> tuple[_TableLayout | None, list[tuple[int, list[str]]]]:
    """The layout and the data rows; a problem for each missing column."""
    if not table.header:
        return _TableLayout(0, {c: number for number, c in enumerate(table.columns, 1)}), rows
    if not rows:
        return None, []
    line, header = rows[0][0], [unicodedata.normalize("NFC", c).strip() for c in rows[0][1]]
    for name in ["stadtteil", *(column.field for column in table.columns)]:
        if name not in header:
            parsed.problem(table.file, line, name, _("the column is missing"))
    if "stadtteil" not in header:
        return None, []
    columns = {c: header.index(c.field) for c in table.columns if c.field in header}
    return _TableLayout(header.index("stadtteil"), columns), rows[1:]


def _stadtteil_code(
    table: _Table,
    line: int,
    name: str,
    stadtteile: dict[str, str],
    seen: dict[str, int],
    parsed: ParsedImport,
) -> str | None:
    code = stadtteile.get(_name_key(name))
    if code is None:
        parsed.problem(
            table.file, line, "stadtteil", _('unknown Stadtteil "%(name)s"') % {"name": name}
        )
    elif code in seen:
        message = _('"%(name)s" appears twice (first on line %(line)d)') % {
            "name": name,
            "line": seen[code],
        }
        parsed.problem(table.file, line, "stadtteil", message)
        return None
    else:
        seen[code] = line
    return code


def _read_table(
    table: _Table, directory: Path, stadtteile: dict[str, str], cells: _Cells, parsed: ParsedImport
) -> None:
    layout, rows = _table_layout(table, read_rows(directory / table.file, parsed), parsed)
    if layout is None:
        return
    seen: dict[str, int] = {}
    for line, row in rows:
        if len(row) < layout.width:
            message = _("expected %(expected)d fields, found %(found)d") % {
                "expected": layout.width,
                "found": len(row),
            }
            parsed.problem(table.file, line, None, message)
            continue
        code = _stadtteil_code(table, line, row[layout.name], stadtteile, seen, parsed)
        if code is not None:
            _read_cells(table, line, row, code, layout.columns, cells, parsed)


def _read_cells(
    table: _Table,
    line: int,
    row: list[str],
    code: str,
    positions: dict[_Column, int],
    cells: _Cells,
    parsed: ParsedImport,
) -> None:
    for column, position in positions.items():
        try:
            count = parse_count(row[position])
        except ValueError as error:
            parsed.problem(table.file, line, column.field, str(error))
            continue
        cells[(table.file, code, column.field)] = PopulationRecord(
            code,
            column.year,
            column.age_from,
            column.age_to,
            count,
            table.source,
            table.file,
            line,
            column.field,
        )


# --- Flensburg: consistency of the tables --------------------------------------------------

_Ref = tuple[_Table, str]
#: tab_5's six bands that together cover every age: under 18, 18-30, 30-45, 45-65, 65-80, 80+.
_BANDS_2021 = tuple(column.field for column in TAB_5.columns[1:7])


@dataclass(frozen=True)
class _Rule:
    """Published totals must equal the sum of published parts, or exceed it by at most
    ``slack`` (residents of unknown age)."""

    totals: tuple[_Ref, ...]
    parts: tuple[_Ref, ...]
    slack: int = 0


def _year_field(table: _Table, year: int) -> str:
    return "gesamt" if table is TAB_1 and year == 2021 else str(year)


FLENSBURG_RULES: tuple[_Rule, ...] = (
    _Rule(((TAB_1, "gesamt"),), ((TAB_5, "gesamt"),)),
    _Rule(((TAB_6, "2021"),), ((TAB_5, "unter_18"),)),
    _Rule(((TAB_5, "gesamt"),), tuple((TAB_5, band) for band in _BANDS_2021), UNKNOWN_AGE_SLACK),
    _Rule(((TAB_7, "2021"),), tuple((TAB_5, band) for band in _BANDS_2021[1:4])),
    _Rule(((TAB_8, "2021"),), tuple((TAB_5, band) for band in _BANDS_2021[4:])),
    *(
        _Rule(
            ((TAB_1, _year_field(TAB_1, year)),),
            tuple((table, str(year)) for table in (TAB_6, TAB_7, TAB_8)),
            UNKNOWN_AGE_SLACK,
        )
        for year in _SERIES_YEARS
    ),
)


@dataclass(frozen=True)
class _Check:
    """A rule applied to the cells of one Stadtteil."""

    totals: tuple[PopulationRecord, ...]
    parts: tuple[PopulationRecord, ...]
    slack: int

    @property
    def cells(self) -> tuple[PopulationRecord, ...]:
        return self.totals + self.parts

    def holds(self) -> bool:
        gap = sum(cell.count for cell in self.totals) - sum(cell.count for cell in self.parts)
        return 0 <= gap <= self.slack

    def explain(self, file: str) -> str:
        return _("%(totals)s = %(total)d, but %(parts)s = %(sum)d") % {
            "totals": _cells_label(self.totals, file),
            "total": sum(cell.count for cell in self.totals),
            "parts": _cells_label(self.parts, file),
            "sum": sum(cell.count for cell in self.parts),
        }


def _cells_label(cells: Sequence[PopulationRecord], file: str) -> str:
    """ "line 9: gesamt" for cells of ``file``, "other.csv line 9: a + b" for others."""
    groups: dict[tuple[str, int], list[str]] = {}
    for cell in cells:
        groups.setdefault((cell.file, cell.line), []).append(cell.field)
    labels = []
    for (cell_file, line), fields in groups.items():
        place = _("line %(line)d") % {"line": line}
        place = place if cell_file == file else f"{cell_file} {place}"
        labels.append(f"{place}: {' + '.join(fields)}")
    return " + ".join(labels)


def _checks(cells: _Cells, codes: Iterable[str]) -> list[_Check]:
    """Every rule for every Stadtteil whose cells were all read."""
    checks = []
    for code in codes:
        for rule in FLENSBURG_RULES:
            totals = _cells_of(rule.totals, code, cells)
            parts = _cells_of(rule.parts, code, cells)
            if totals and parts:
                checks.append(_Check(totals, parts, rule.slack))
    return checks


def _cells_of(refs: Sequence[_Ref], code: str, cells: _Cells) -> tuple[PopulationRecord, ...]:
    """The cells ``refs`` name for the Stadtteil ``code``; empty unless all were read."""
    found = tuple(cells[key] for table, name in refs if (key := (table.file, code, name)) in cells)
    return found if len(found) == len(refs) else ()


def _blame(checks: list[_Check]) -> dict[PopulationRecord, list[_Check]]:
    """The cells to distrust, with the checks they fail.

    A cell that takes part in a check that holds is corroborated. A failed check blames its
    cells that are not corroborated, or all of its cells if every one of them is.
    """
    trusted = {cell for check in checks if check.holds() for cell in check.cells}
    blamed: dict[PopulationRecord, list[_Check]] = {}
    for check in checks:
        if check.holds():
            continue
        suspects = [cell for cell in check.cells if cell not in trusted] or list(check.cells)
        for cell in suspects:
            blamed.setdefault(cell, []).append(check)
    return blamed


def _drop_inconsistent(cells: _Cells, codes: Iterable[str], parsed: ParsedImport) -> None:
    """Removes the cells the other tables contradict, with a problem for each."""
    blamed = _blame(_checks(cells, codes))
    for key, cell in list(cells.items()):
        if cell in blamed:
            reasons = "; ".join(check.explain(cell.file) for check in blamed[cell])
            message = _("%(count)d disagrees with the other figures (%(reasons)s)") % {
                "count": cell.count,
                "reasons": reasons,
            }
            parsed.problem(cell.file, cell.line, cell.field, message)
            del cells[key]


def _merged(records: Iterable[PopulationRecord], parsed: ParsedImport) -> list[PopulationRecord]:
    """One record per (district, year, band): the first; a later one must agree with it."""
    merged: dict[tuple[str, int, int, int | None], PopulationRecord] = {}
    for record in records:
        first = merged.setdefault(record.key, record)
        if first.count != record.count:
            message = _("%(count)d disagrees with %(first)d in %(file)s, line %(line)d") % {
                "count": record.count,
                "first": first.count,
                "file": first.file,
                "line": first.line,
            }
            parsed.problem(record.file, record.line, record.field, message)
    return list(merged.values())


def read_flensburg(
    directory: Path = FLENSBURG_DIR, encoding: str = DEFAULT_ENCODING
) -> ParsedImport:
    """Flensburg: the city (the union of its Stadtteile), 13 Stadtteile and 41 Stadtbezirke
    with boundaries, and residents by Stadtteil, year and age band from tables 1, 5, 6, 7
    and 8 of the social atlas 2021.

    Tables are matched to Stadtteile by name ("04 Westliche Höhe", "Westliche_Höhe"). The
    tables overlap (tab_1's 2021 total is tab_5's; tab_6 to tab_8 split tab_1's totals), so
    every cell that the others contradict is a problem (see :data:`FLENSBURG_RULES`).
    """
    parsed = ParsedImport(encoding=encoding)
    stadtteile = _flensburg_districts(directory, parsed)
    cells: _Cells = {}
    for table in FLENSBURG_TABLES:
        _read_table(table, directory, stadtteile, cells, parsed)
    _drop_inconsistent(cells, stadtteile.values(), parsed)
    parsed.population = _merged(cells.values(), parsed)
    return parsed
