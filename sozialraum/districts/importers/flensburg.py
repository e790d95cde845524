"""Flensburg's published district data: Stadtteile and Stadtbezirke as GeoJSON, and the
social atlas' population tables, checked against each other before anything is kept."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import shapely
from django.conf import settings
from django.utils.translation import gettext as _

from sozialraum.lib.textfiles import DEFAULT_ENCODING

from ..models import DistrictKind
from .boundaries import BoundaryOptions, read_boundaries
from .presets import Preset, read_preset
from .records import DistrictRecord, ParsedImport, PopulationRecord
from .tables import BY_NAME, WIDE, TableOptions

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


def _flensburg_districts(directory: Path, parsed: ParsedImport) -> list[DistrictRecord]:
    """Adds the city, its Stadtteile and Stadtbezirke to ``parsed``; returns the Stadtteile
    (the tables' districts)."""
    read = _boundaries(directory, DistrictKind.DISTRICT, parsed, taken={"flensburg": "flensburg"})
    stadtteile = [record for record in read if record.kind == DistrictKind.DISTRICT]
    if not stadtteile:
        parsed.districts.insert(0, _EMPTY_CITY)
    parents = {record.code: str(record.kind) for record in stadtteile}
    taken = {record.slug: record.code for record in read}
    _boundaries(directory, DistrictKind.BOROUGH, parsed, parents=parents, taken=taken)
    return stadtteile


#: Flensburg without boundary, when its Stadtteile file gave none.
_EMPTY_CITY = DistrictRecord(
    FLENSBURG_CITY_CODE, "Flensburg", FLENSBURG_CITY_CODE, DistrictKind.CITY, None, None, None,
    None, "",
)  # fmt: skip


# --- Flensburg: population tables ----------------------------------------------------------

_SERIES_YEARS = (2011, 2017, 2018, 2019, 2020, 2021)
_STADTTEIL = "stadtteil"


def _source(file: str) -> str:
    return f"Stadt Flensburg, Sozialatlas 2021 ({file}), via oklabflensburg/open-social-map"


def _series(file: str, band: str) -> tuple[str, TableOptions]:
    """A table without header line: Stadtteil, then the band in each of the series' years."""
    years = tuple(str(year) for year in _SERIES_YEARS)
    options = TableOptions(
        layout=WIDE,
        district_field=_STADTTEIL,
        district_by=BY_NAME,
        bands=tuple((year, f"{band}@{year}") for year in years),
        columns=(_STADTTEIL, *years),
        source=_source(file),
    )
    return file, options


TAB_1 = "tab_1_einwohner_in_stadtteilen_2011_bis_2021.csv"
TAB_5 = "tab_5_einwohner_in_stadtteilen_2021_nach_altersgruppen.csv"
TAB_6 = "tab_6_kinder_und_jugd_bis_18.csv"
TAB_7 = "tab_7_alter_18_bis_65.csv"
TAB_8 = "tab_8_alter_ab_65.csv"
#: tab_5's six bands that together cover every age: under 18, 18-30, 30-45, 45-65, 65-80, 80+.
_BANDS_2021 = (
    "unter_18",
    "18_bis_unter_30",
    "30_bis_unter_45",
    "45_bis_unter_65",
    "65_bis_unter_80",
    "80_und_älter",
)
#: Each table and how the generic import reads it. tab_1: the total per year (2021's
#: column is called "gesamt"); tab_5: 2021 by band; tab_6 to tab_8: no header line.
FLENSBURG_TABLES: tuple[tuple[str, TableOptions], ...] = (
    (
        TAB_1,
        TableOptions(
            layout=WIDE,
            district_field=_STADTTEIL,
            district_by=BY_NAME,
            bands=(
                *((str(year), f"total@{year}") for year in _SERIES_YEARS[:-1]),
                ("gesamt", "total@2021"),
            ),
            source=_source(TAB_1),
        ),
    ),
    (
        TAB_5,
        TableOptions(
            layout=WIDE,
            district_field=_STADTTEIL,
            district_by=BY_NAME,
            year=2021,
            bands=tuple(
                (band, band) for band in ("gesamt", *_BANDS_2021, "0_bis_unter_7", "60_und_älter")
            ),
            source=_source(TAB_5),
        ),
    ),
    _series(TAB_6, "0-17"),
    _series(TAB_7, "18-64"),
    _series(TAB_8, "65+"),
)

#: A total may exceed the sum of its age bands by this many residents of unknown age (the
#: city's totals for Mürwik 2017-2020 do, by 4-5).
UNKNOWN_AGE_SLACK = 10

#: Cells keyed by (file, district code, field).
_Cells = dict[tuple[str, str, str], PopulationRecord]


def _flensburg_tables(directory: Path, encoding: str) -> list[tuple[Path, TableOptions]]:
    return [
        (directory / file, dataclasses.replace(options, encoding=encoding))
        for file, options in FLENSBURG_TABLES
    ]


# --- Flensburg: consistency of the tables --------------------------------------------------

#: A cell: (file, field).
_Ref = tuple[str, str]


@dataclass(frozen=True)
class _Rule:
    """Published totals must equal the sum of published parts, or exceed it by at most
    ``slack`` (residents of unknown age)."""

    totals: tuple[_Ref, ...]
    parts: tuple[_Ref, ...]
    slack: int = 0


def _year_field(table: str, year: int) -> str:
    return "gesamt" if table == TAB_1 and year == 2021 else str(year)


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
    found = tuple(cells[key] for table, name in refs if (key := (table, code, name)) in cells)
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


def _check_tables(parsed: ParsedImport, stadtteile: list[DistrictRecord]) -> None:
    """Leaves out each cell the other tables contradict (a problem for each), then keeps
    one record per district, year and band."""
    cells: _Cells = {(r.file, r.district_code, r.field): r for r in parsed.population}
    _drop_inconsistent(cells, [record.code for record in stadtteile], parsed)
    parsed.population = _merged(cells.values(), parsed)


FLENSBURG_PRESET = Preset(
    name="flensburg",
    city="Flensburg",
    path=FLENSBURG_DIR,
    help="Flensburg's social-atlas tables 1, 5, 6, 7, 8 (FILE: their folder, with the "
    "Stadtteile and Stadtbezirke GeoJSON, which are imported too); contradicted cells are "
    "problems",
    tables=_flensburg_tables,
    districts=_flensburg_districts,
    check=_check_tables,
)


def read_flensburg(
    directory: Path = FLENSBURG_DIR, encoding: str = DEFAULT_ENCODING
) -> ParsedImport:
    """Flensburg: the city (the union of its Stadtteile), 13 Stadtteile and 41 Stadtbezirke
    with boundaries, and residents by Stadtteil, year and age band from tables 1, 5, 6, 7
    and 8 of the social atlas 2021 (see :data:`FLENSBURG_PRESET`).

    Tables are matched to Stadtteile by name ("04 Westliche Höhe", "Westliche_Höhe"). The
    tables overlap (tab_1's 2021 total is tab_5's; tab_6 to tab_8 split tab_1's totals), so
    every cell that the others contradict is a problem (see :data:`FLENSBURG_RULES`).
    """
    return read_preset(FLENSBURG_PRESET, directory, encoding)
