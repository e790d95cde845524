"""Readers for published district data: boundaries, and residents by year and age band.

Parsing only; nothing here touches the database (``services.py`` writes). A reader goes
through all of its input, returns every record it could read and every problem it met
(:class:`ImportProblem`: file, line, field, reason) and leaves the decision to the caller:
write nothing, or write the valid rest and report the skipped cells.

Numbers are read strictly: digits only, or digits grouped by a German thousands point
(``1.306``). Anything else (``1.3066``, ``857°``, ``1.64``: artefacts of a PDF extraction)
is a problem, never a guess.
"""

from __future__ import annotations

from .boundaries import BoundaryOptions, city_code, read_boundaries
from .flensburg import FLENSBURG_DIR, read_flensburg
from .kiel import KIEL_PATH, read_kiel
from .records import (
    DEFAULT_ENCODING,
    DistrictRecord,
    ParsedImport,
    PopulationRecord,
    Progress,
    parse_count,
    parse_year,
)
from .tables import TableOptions, name_key, parse_band, parse_number, read_table

__all__ = [
    "DEFAULT_ENCODING",
    "FLENSBURG_DIR",
    "KIEL_PATH",
    "BoundaryOptions",
    "DistrictRecord",
    "ParsedImport",
    "PopulationRecord",
    "Progress",
    "TableOptions",
    "city_code",
    "name_key",
    "parse_band",
    "parse_count",
    "parse_number",
    "parse_year",
    "read_boundaries",
    "read_flensburg",
    "read_kiel",
    "read_table",
]
