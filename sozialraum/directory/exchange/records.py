"""What readers of published lists of offers share: the record an import writes
(:class:`OfferRecord`), what a reader found (:class:`ParsedOffers`), a field reader that
notes problems (:class:`RecordReader`) and JSON/GeoJSON helpers. The readers themselves are
in :mod:`.cities` (day-care centres, playgrounds) and :mod:`.osm` (OpenStreetMap).

Parsing only; nothing here touches the database (``imports.py`` writes). A reader goes
through every record, returns those it could read as :class:`OfferRecord` and every problem
it met as an :class:`~sozialraum.lib.importing.ImportProblem` naming the file, the
record (its JSON path and identifier) and the field. Values are taken as published; what
the source does not say stays empty (unknown), never guessed.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from sozialraum.lib.importing import ImportProblem
from sozialraum.lib.textfiles import DEFAULT_ENCODING, TextFileError, read_text

from ..services import OfferData, PlaceData


@dataclass(frozen=True)
class OfferRecord:
    """One offer as read, identified by ``external_id``; it takes place at ``place`` (whose
    external id is the same) and is run by the provider called ``provider_name``."""

    external_id: str
    where: str
    provider_name: str
    category_code: str
    offer: OfferData
    place: PlaceData
    #: The district the source names for the place, used where its coordinates lie in no
    #: known boundary (see :func:`~sozialraum.directory.services.place_upsert`).
    district_named: str = ""


@dataclass
class ParsedOffers:
    """What a reader found in ``file``: valid records and problems. ``encoding`` is the
    file's (``--encoding``)."""

    file: str
    label: str
    records: list[OfferRecord] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    encoding: str = DEFAULT_ENCODING

    @property
    def source(self) -> str:
        """Who the history names as the author of imported changes."""
        return f"import: {self.file}"


class RecordReader:
    """Reads the fields of one record, noting a problem for each bad one; ``ok`` is False
    once any was noted. Problems name the record's JSON path and identifier."""

    def __init__(self, parsed: ParsedOffers, where: str, ident: str) -> None:
        self.parsed, self.where, self.ident, self.ok = parsed, where, ident, True

    def problem(self, path: str, message: str) -> None:
        self.ok = False
        text = _("%(message)s (record %(ident)s)") % {"message": message, "ident": self.ident}
        self.parsed.problems.append(ImportProblem(self.parsed.file, None, self.path(path), text))

    def path(self, name: str) -> str:
        return f"{self.where}.{name}" if name else self.where

    def text(self, data: Any, key: str, path: str, *, required: bool = False) -> str:
        value = data.get(key) if isinstance(data, dict) else None
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.problem(path, _("is missing"))
            return ""
        if not isinstance(value, str | int):
            self.problem(path, _("is not text: %(value)r") % {"value": value})
            return ""
        return " ".join(str(value).split())

    def number(self, data: Any, key: str, path: str) -> float | None:
        value = data.get(key) if isinstance(data, dict) else None
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.problem(path, _("is not a number: %(value)r") % {"value": value})
            return None
        return float(value)

    def flag(self, data: Any, key: str, path: str) -> bool | None:
        value = data.get(key) if isinstance(data, dict) else None
        if value is None or isinstance(value, bool):
            return value
        self.problem(path, _("is not true or false: %(value)r") % {"value": value})
        return None

    def count(self, data: Any, key: str, path: str) -> int | None:
        value = data.get(key) if isinstance(data, dict) else None
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            self.problem(path, _("is not a whole number ≥ 0: %(value)r") % {"value": value})
            return None
        return value

    def coordinates(self, lat: float | None, lon: float | None, path: str) -> None:
        if (lat is None) != (lon is None):
            self.problem(path, _("has only one of latitude and longitude"))
        elif lat is not None and lon is not None and not (-90 <= lat <= 90 and -180 <= lon <= 180):
            self.problem(path, _("(%(lat)s, %(lon)s) is outside WGS84") % {"lat": lat, "lon": lon})
        elif lat is not None and lon is not None and abs(lat) < 1 and abs(lon) < 1:
            self.problem(path, _("lies at 0,0 (coordinates missing?)"))
        elif lat is not None and lon is not None and not in_germany(lat, lon):
            where = {"lat": lat, "lon": lon}
            self.problem(path, _("(%(lat)s, %(lon)s) lies outside Germany") % where)


# --- Shared helpers -------------------------------------------------------------------------


def in_germany(lat: float, lon: float) -> bool:
    """Within Germany's bounding box (every offer of the platform lies in Germany)."""
    return 47.27 <= lat <= 55.06 and 5.86 <= lon <= 15.05


def json_load(path: Path, parsed: ParsedOffers) -> Any:
    try:
        return json.loads(read_text(path, parsed.encoding))
    except TextFileError as error:
        parsed.problems.append(ImportProblem(path.name, error.line, None, error.message, True))
        return None
    except (ValueError, RecursionError) as error:
        message = _("cannot be read: %(error)s") % {"error": error}
        parsed.problems.append(ImportProblem(path.name, None, None, message, True))
        return None


def geojson_features(path: Path, parsed: ParsedOffers) -> list[Any]:
    collection = json_load(path, parsed)
    features = collection.get("features") if isinstance(collection, dict) else None
    if collection is not None and not isinstance(features, list):
        message = _("is not a GeoJSON FeatureCollection")
        parsed.problems.append(ImportProblem(path.name, None, None, message, True))
    return features if isinstance(features, list) else []


def geojson_point(reader: RecordReader, feature: Any) -> tuple[float, float] | None:
    """(latitude, longitude) of a GeoJSON Point feature."""
    geometry = feature.get("geometry") if isinstance(feature, dict) else None
    is_point = isinstance(geometry, dict) and geometry.get("type") == "Point"
    lon_lat = _lon_lat(geometry.get("coordinates")) if is_point else None  # type: ignore[union-attr]
    if lon_lat is None:
        reader.problem("geometry", _("is not a GeoJSON Point"))
        return None
    lon, lat = lon_lat
    reader.coordinates(lat, lon, "geometry.coordinates")
    return (lat, lon) if reader.ok else None


def _lon_lat(coordinates: Any) -> tuple[float, float] | None:
    if not isinstance(coordinates, list) or len(coordinates) not in (2, 3):
        return None
    if not all(isinstance(c, int | float) and not isinstance(c, bool) for c in coordinates):
        return None
    return float(coordinates[0]), float(coordinates[1])


def lines_joined(*parts: str) -> str:
    return "\n".join(part for part in parts if part)


def _unique(parsed: ParsedOffers, records: list[tuple[RecordReader, OfferRecord]]) -> None:
    """Keeps the valid records, each external id once (a repeat is a problem)."""
    seen: dict[str, str] = {}
    for reader, record in records:
        if record.external_id in seen:
            message = _("the identifier %(id)s was already used at %(first)s") % {
                "id": record.external_id,
                "first": seen[record.external_id],
            }
            reader.problem("", message)
            continue
        seen[record.external_id] = record.where
        parsed.records.append(record)


def records_read(
    parsed: ParsedOffers,
    items: list[Any],
    prefix: str,
    read_one: Callable[[ParsedOffers, Any, str], tuple[RecordReader, OfferRecord | None]],
) -> ParsedOffers:
    read = []
    for index, item in enumerate(items):
        reader, record = read_one(parsed, item, f"{prefix}[{index}]")
        if reader.ok and record is not None:
            read.append((reader, record))
    _unique(parsed, read)
    return parsed
