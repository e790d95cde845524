"""Readers for published district data: boundaries, and residents by year and age band.

Parsing only; nothing here touches the database (``services.py`` writes). A reader goes
through all of its input, returns every record it could read and every problem it met
(:class:`ImportProblem`: file, line, field, reason) and leaves the decision to the caller:
write nothing, or write the valid rest and report the skipped cells.

Numbers are read strictly (:func:`parse_number`): digits, grouped by a German thousands
point or space, ``,0`` allowed. Anything else (``1.3066``, ``857°``, ``1.64``: artefacts of
a PDF extraction) is a problem, never a guess. The two cities whose data is shipped are
presets of the generic table import (:data:`PRESETS`).
"""

from __future__ import annotations

from .boundaries import BoundaryOptions, city_code, read_boundaries
from .flensburg import FLENSBURG_DIR, FLENSBURG_PRESET, read_flensburg
from .kiel import KIEL_PATH, KIEL_PRESET, read_kiel
from .presets import Preset, read_preset
from .records import (
    DEFAULT_ENCODING,
    DistrictRecord,
    ParsedImport,
    PopulationRecord,
    Progress,
    parse_year,
)
from .tables import TableOptions, name_key, parse_band, parse_number, read_table

#: The presets of ``sozialraum import_population --preset NAME``, by name.
PRESETS: dict[str, Preset] = {preset.name: preset for preset in (FLENSBURG_PRESET, KIEL_PRESET)}

__all__ = [
    "DEFAULT_ENCODING",
    "FLENSBURG_DIR",
    "KIEL_PATH",
    "PRESETS",
    "BoundaryOptions",
    "DistrictRecord",
    "ParsedImport",
    "PopulationRecord",
    "Preset",
    "Progress",
    "TableOptions",
    "city_code",
    "name_key",
    "parse_band",
    "parse_number",
    "parse_year",
    "read_boundaries",
    "read_flensburg",
    "read_kiel",
    "read_preset",
    "read_table",
]
