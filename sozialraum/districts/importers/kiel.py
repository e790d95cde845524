"""Kiel's published population by Stadtteil and age band (no boundaries are published)."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext as _

from sozialraum.lib.text import UMLAUTS, german_slug
from sozialraum.lib.textfiles import DEFAULT_ENCODING

from ..models import DistrictKind
from .records import (
    PLAIN_NUMBER,
    DistrictRecord,
    ParsedImport,
    PopulationRecord,
    parse_count,
    parse_year,
    read_rows,
)
from .tables import parse_band

KIEL_PATH = settings.DEMO_DATA_DIR / "kiel" / "kiel_bevoelkerung_altersgruppen_stadtteile.csv"

# --- Kiel ----------------------------------------------------------------------------------

KIEL_CITY_CODE = "kiel"
KIEL_SOURCE = "Landeshauptstadt Kiel, open data (CC BY 4.0): %s"

#: Kiel's 30 statistical Stadtteile by number, named as the city names them.
KIEL_STADTTEILE: dict[int, str] = {
    1: "Altstadt",
    2: "Vorstadt",
    3: "Exerzierplatz",
    4: "Damperhof",
    5: "Brunswik",
    6: "Düsternbrook",
    7: "Blücherplatz",
    8: "Wik",
    9: "Ravensberg",
    10: "Schreventeich",
    11: "Südfriedhof",
    12: "Gaarden-Ost",
    13: "Gaarden-Süd/Kronsburg",
    14: "Hassee",
    15: "Hasseldieksdamm",
    16: "Ellerbek",
    17: "Wellingdorf",
    18: "Holtenau",
    19: "Pries",
    20: "Friedrichsort",
    21: "Neumühlen-Dietrichsdorf",
    22: "Elmschenhagen",
    23: "Suchsdorf",
    24: "Schilksee",
    25: "Mettenhof",
    26: "Russee",
    27: "Meimersdorf",
    28: "Moorsee",
    29: "Wellsee",
    30: "Rönne",
}

#: How alike (difflib ratio of the ASCII spellings) a name must be to its Stadtteil's
#: canonical name: enough for "Bluecherpatz", not for another Stadtteil's name.
NAME_SIMILARITY = 0.85

_KIEL_TOTAL = "total"


@dataclass(frozen=True)
class _Band:
    position: int
    field: str
    age_from: int
    age_to: int | None


@dataclass(frozen=True)
class _KielLayout:
    """Where the fields are; ``complete``: the bands run from 0 to an open end without
    gap or overlap, so their sum is the total."""

    date: int
    number: int
    name: int
    bands: tuple[_Band, ...]
    width: int
    complete: bool


def _kiel_band(position: int, name: str) -> _Band | None:
    """The band a header names ("0 bis unter 3", "80 und aelter"), read as the generic
    table import reads age labels; None for other fields (and for a total)."""
    band = parse_band(name)
    if band is None or band == (0, None):
        return None
    return _Band(position, name, *band)


def _bands_complete(bands: Sequence[_Band]) -> bool:
    edges = [0] + [band.age_to for band in bands]
    ordered = all(band.age_from == edges[i] for i, band in enumerate(bands))
    return bool(bands) and ordered and bands[-1].age_to is None


def _kiel_layout(
    file: str, line: int, header: list[str], parsed: ParsedImport
) -> _KielLayout | None:
    names = [cell.strip() for cell in header]
    missing = [name for name in ("Datum", "Stadtteilnummer", "Stadtteil") if name not in names]
    for name in missing:
        parsed.problem(file, line, name, _("the column is missing"))
    found = [_kiel_band(position, name) for position, name in enumerate(names)]
    bands = tuple(sorted((band for band in found if band), key=lambda band: band.age_from))
    complete = _bands_complete(bands)
    if not complete:
        message = _("the age bands do not run from 0 to an open end without gaps")
        parsed.problem(file, line, None, message)
    if missing or not bands:
        return None
    index = names.index
    return _KielLayout(
        index("Datum"), index("Stadtteilnummer"), index("Stadtteil"), bands, len(names), complete
    )


def _ascii_key(name: str) -> str:
    folded = unicodedata.normalize("NFC", name).translate(UMLAUTS).casefold()
    return " ".join(re.sub(r"[/\-]", " ", folded).split())


def _same_name(name: str, canonical: str) -> bool:
    ratio = difflib.SequenceMatcher(None, _ascii_key(name), _ascii_key(canonical)).ratio()
    return ratio >= NAME_SIMILARITY


def _kiel_code(
    file: str, line: int, row: list[str], layout: _KielLayout, parsed: ParsedImport
) -> str | None:
    """The code of the row's Stadtteil, matched by number; its name must be (nearly) the
    canonical one, so a renumbering does not slip through."""
    text = row[layout.number].strip()
    number = int(text) if PLAIN_NUMBER.fullmatch(text) else None
    canonical = KIEL_STADTTEILE.get(number) if number is not None else None
    if number is None or canonical is None:
        message = _('unknown Stadtteil number "%(number)s"') % {"number": text}
        parsed.problem(file, line, "Stadtteilnummer", message)
        return None
    name = row[layout.name].strip()
    if not _same_name(name, canonical):
        message = _('"%(name)s" is not the name of Stadtteil %(number)d (%(canonical)s)') % {
            "name": name,
            "number": number,
            "canonical": canonical,
        }
        parsed.problem(file, line, "Stadtteil", message)
        return None
    return f"{KIEL_CITY_CODE}:{number}"


def _kiel_year(
    file: str, line: int, row: list[str], layout: _KielLayout, parsed: ParsedImport
) -> int | None:
    try:
        return parse_year(row[layout.date])
    except ValueError as error:
        parsed.problem(file, line, "Datum", str(error))
        return None


def _kiel_counts(
    file: str,
    line: int,
    row: list[str],
    code: str,
    year: int,
    layout: _KielLayout,
    parsed: ParsedImport,
) -> None:
    source = KIEL_SOURCE % file
    records = []
    for band in layout.bands:
        try:
            count = parse_count(row[band.position])
        except ValueError as error:
            parsed.problem(file, line, band.field, str(error))
            continue
        records.append(
            PopulationRecord(
                code, year, band.age_from, band.age_to, count, source, file, line, band.field
            )
        )
    parsed.population.extend(records)
    if layout.complete and len(records) == len(layout.bands):
        total = sum(record.count for record in records)
        parsed.population.append(
            PopulationRecord(code, year, 0, None, total, source, file, line, _KIEL_TOTAL)
        )


def _read_kiel_row(
    file: str,
    line: int,
    row: list[str],
    layout: _KielLayout,
    seen: dict[tuple[str, int], int],
    parsed: ParsedImport,
) -> None:
    if len(row) != layout.width:
        message = _("expected %(expected)d fields, found %(found)d") % {
            "expected": layout.width,
            "found": len(row),
        }
        parsed.problem(file, line, None, message)
        return
    year = _kiel_year(file, line, row, layout, parsed)
    code = _kiel_code(file, line, row, layout, parsed)
    if year is None or code is None:
        return
    if (code, year) in seen:
        message = _("Stadtteil %(code)s appears twice for %(year)d (first on line %(line)d)") % {
            "code": code,
            "year": year,
            "line": seen[(code, year)],
        }
        parsed.problem(file, line, "Stadtteilnummer", message)
        return
    seen[(code, year)] = line
    _kiel_counts(file, line, row, code, year, layout, parsed)


def _kiel_districts(file: str) -> list[DistrictRecord]:
    source = KIEL_SOURCE % file
    city = DistrictRecord(
        KIEL_CITY_CODE, "Kiel", "kiel", DistrictKind.CITY, None, None, None, None, source
    )
    return [city] + [
        DistrictRecord(
            f"{KIEL_CITY_CODE}:{number}",
            name,
            german_slug("kiel", name),
            DistrictKind.DISTRICT,
            KIEL_CITY_CODE,
            None,
            None,
            None,
            source,
        )
        for number, name in KIEL_STADTTEILE.items()
    ]


def read_kiel(path: Path = KIEL_PATH, encoding: str = DEFAULT_ENCODING) -> ParsedImport:
    """Kiel: the city and its 30 statistical Stadtteile (no boundaries are published), and
    residents by Stadtteil, year and age band; the year is the reference date's, and the
    total per Stadtteil and year is the sum of the bands.

    Rows are matched to Stadtteile by number and carry the canonical name (the file spells
    Blücherplatz "Bluecherpatz"). Field names are read with surrounding blanks removed.
    """
    parsed = ParsedImport(districts=_kiel_districts(path.name), encoding=encoding)
    rows = read_rows(path, parsed, delimiter=";")
    if not rows:
        return parsed
    layout = _kiel_layout(path.name, rows[0][0], rows[0][1], parsed)
    if layout is None:
        return parsed
    seen: dict[tuple[str, int], int] = {}
    for line, row in rows[1:]:
        _read_kiel_row(path.name, line, row, layout, seen, parsed)
    return parsed
