"""Kiel's published population by Stadtteil and age band (no boundaries are published)."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings

from sozialraum.lib.text import german_slug
from sozialraum.lib.textfiles import DEFAULT_ENCODING

from ..models import DistrictKind
from .presets import Preset, read_preset
from .records import DistrictRecord, ParsedImport
from .tables import BY_CODE, WIDE, TableOptions

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


def _kiel_tables(path: Path, encoding: str) -> list[tuple[Path, TableOptions]]:
    """The one table: a row per Stadtteil and reference date, a column per age band (every
    header that is an age label), matched by the Stadtteil's number, its name checked."""
    options = TableOptions(
        layout=WIDE,
        district_field="Stadtteilnummer",
        district_by=BY_CODE,
        year_field="Datum",
        name_field="Stadtteil",
        complete=True,
        encoding=encoding,
        source=KIEL_SOURCE % path.name,
    )
    return [(path, options)]


def _kiel_preset_districts(path: Path, parsed: ParsedImport) -> list[DistrictRecord]:
    records = _kiel_districts(path.name)
    parsed.districts.extend(records)
    return records[1:]


KIEL_PRESET = Preset(
    name="kiel",
    city="Kiel",
    path=KIEL_PATH,
    help="Kiel's age-band file (FILE: the CSV); creates the city and its 30 Stadtteile",
    tables=_kiel_tables,
    districts=_kiel_preset_districts,
)


def read_kiel(path: Path = KIEL_PATH, encoding: str = DEFAULT_ENCODING) -> ParsedImport:
    """Kiel: the city and its 30 statistical Stadtteile (no boundaries are published), and
    residents by Stadtteil, year and age band; the year is the reference date's, and the
    total per Stadtteil and year is the sum of the bands (see :data:`KIEL_PRESET`).

    Rows are matched to Stadtteile by number and carry the canonical name (the file spells
    Blücherplatz "Bluecherpatz"). Field names are read with surrounding blanks removed.
    """
    return read_preset(KIEL_PRESET, path, encoding)
