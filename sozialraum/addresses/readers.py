"""Readers of published address lists: GeoJSON (official house coordinates such as Essen's,
or OSM exports), Overpass JSON, the German HK-DE text layout, and OSM PBF extracts.

Parsing only; nothing here touches the database or changes coordinates (``services.py``
reprojects and writes). A reader returns every address it could read as
:class:`AddressRecord` with its coordinates in the source's CRS, and every problem as an
:class:`~sozialraum.lib.importing.ImportProblem` naming file, line or record, and field.
Records that are no address by design are counted, not reported: placeholder streets
("### Straßenname unbekannt") and points without a house number.

HK-DE ("Hauskoordinaten Deutschland", the AdV/ZSHH product): one house per line,
semicolon separated, an optional header line, the columns by position
``NBA;OI;QUA;LAN;RBZ;KRS;GMD;OTT;SSS;HNR;ADZ;EAST;NORTH;STN;PLZ;ONM;ZON;POT`` with a decimal
comma in the coordinates, which are ETRS89/UTM with the zone prefixed to the easting
("32…" zone 32, EPSG:4647; "33…" zone 33, EPSG:5650). ``NBA`` tells what a line of an
update delivery is: N a new house, B a changed one, A one that was withdrawn (aufgehoben);
withdrawn houses are read as :class:`WithdrawnAddress`, for the import to remove.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.utils.translation import gettext as _

from sozialraum.lib.importing import ImportProblem
from sozialraum.lib.textfiles import TextFileError, read_text

from .normalise import HouseNumber, house_number_parse

FORMATS = ("geojson", "overpass", "hk-de", "osm-pbf")

#: What RFC 7946 GeoJSON and OSM data are in, unless they say otherwise.
WGS84 = "EPSG:4326"

#: HK-DE zone prefixes of the easting and their CRS (zone number kept in the easting).
HK_DE_ZONES = {32: "EPSG:4647", 33: "EPSG:5650"}

#: Property names of a GeoJSON address, first found wins: Essen's official house
#: coordinates, OSM tags, plain names.
_PROPERTIES: dict[str, tuple[str, ...]] = {
    "street": ("strname", "addr:street", "street", "addr:place"),
    "number": ("hsnr", "addr:housenumber", "housenumber"),
    "suffix": ("hsnrzu",),
    "postcode": ("plz", "addr:postcode", "postcode"),
    "city": ("ort", "addr:city", "city"),
}

#: Placeholder street names of cadastres (Essen: "### Straßenname unbekannt").
_PLACEHOLDER = re.compile(r"^\s*#")

_CRS_NAME = re.compile(r"EPSG:{1,2}(\d+)$", re.IGNORECASE)

_HK_DE_COLUMNS = 16
_HK_DE = {"number": 9, "suffix": 10, "east": 11, "north": 12, "street": 13, "postcode": 14}
_HK_DE_CITY = 15


@dataclass(frozen=True)
class AddressRecord:
    """One address as read: ``where`` names the record in problems (a line number, or a
    record such as ``features[12]``, ``node/123``); ``x``/``y`` are in ``crs``
    (easting/longitude first)."""

    where: str | int
    street: str
    number: HouseNumber
    postcode: str
    city: str
    x: float
    y: float
    crs: str


@dataclass(frozen=True)
class WithdrawnAddress:
    """A house a source says no longer exists (HK-DE ``NBA`` = A)."""

    where: str | int
    street: str
    number: HouseNumber
    city: str


@dataclass
class ParsedAddresses:
    """What a reader found in ``file``."""

    file: str
    records: list[AddressRecord] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)
    placeholders: int = 0
    without_number: int = 0
    withdrawn: list[WithdrawnAddress] = field(default_factory=list)

    def problem(self, where: str | int, field_name: str | None, message: str) -> None:
        """A problem of one record: at a line (``int``) or a record (``str``)."""
        if isinstance(where, int):
            self.problems.append(ImportProblem(self.file, where, field_name, message))
        else:
            path = f"{where}.{field_name}" if field_name else where
            self.problems.append(ImportProblem(self.file, None, path, message))

    def whole_file(self, message: str, line: int | None = None) -> None:
        self.problems.append(ImportProblem(self.file, line, None, message, whole_file=True))


@dataclass(frozen=True)
class _Fields:
    """The address fields of a record before they are checked."""

    street: str
    number: str
    suffix: str
    postcode: str
    city: str


def _text(value: Any) -> str:
    return " ".join(str(value).split()) if isinstance(value, str | int) else ""


def _fields_from(data: Mapping[str, Any]) -> tuple[_Fields, dict[str, str]]:
    """The address fields of a property or tag mapping, and under which key each was."""
    values: dict[str, str] = {}
    keys: dict[str, str] = {}
    for name, candidates in _PROPERTIES.items():
        key = next((key for key in candidates if _text(data.get(key))), candidates[0])
        values[name], keys[name] = _text(data.get(key)), key
    return _Fields(**values), keys


def _record(
    parsed: ParsedAddresses,
    where: str | int,
    fields: _Fields,
    keys: Mapping[str, str],
    point: tuple[float, float, str],
) -> Iterator[AddressRecord]:
    """The records of one source record: none for a placeholder street or a point without
    house number (counted), one per house number ("10;12" in OSM gives two)."""
    if _PLACEHOLDER.match(fields.street):
        parsed.placeholders += 1
        return
    if not fields.number:
        parsed.without_number += 1
        return
    if not fields.street:
        parsed.problem(where, keys["street"], _("is missing"))
        return
    for written in re.split(r"\s*[;,]\s*", fields.number):
        number = house_number_parse(written, fields.suffix)
        if number is None:
            message = _("is not a house number: %(value)r") % {"value": written}
            parsed.problem(where, keys["number"], message)
            continue
        x, y, crs = point
        yield AddressRecord(where, fields.street, number, fields.postcode, fields.city, x, y, crs)


# --- GeoJSON and Overpass JSON ----------------------------------------------------------------


def _json(path: Path, parsed: ParsedAddresses) -> Any:
    try:
        return json.loads(read_text(path))
    except TextFileError as error:
        parsed.whole_file(error.message, error.line)
    except (ValueError, RecursionError) as error:
        parsed.whole_file(_("cannot be read: %(error)s") % {"error": error})
    return None


def _declared_crs(collection: Mapping[str, Any], parsed: ParsedAddresses) -> str:
    """The CRS of a GeoJSON ``crs`` member (``urn:ogc:def:crs:EPSG::4647``), else WGS84."""
    member = collection.get("crs")
    if member is None:
        return WGS84
    name = member.get("properties", {}).get("name") if isinstance(member, dict) else None
    match = _CRS_NAME.search(name) if isinstance(name, str) else None
    if match is None:
        parsed.whole_file(_("has a crs member that names no EPSG code (give --crs)"))
        return WGS84
    return f"EPSG:{match.group(1)}"


def _geometry_point(geometry: Any) -> tuple[float, float] | None:
    """A Point's coordinates, or the centre of another geometry's coordinates' extent."""
    if not isinstance(geometry, dict):
        return None
    flat: list[tuple[float, float]] = []
    _flatten(geometry.get("coordinates"), flat)
    if not flat:
        return None
    xs, ys = [x for x, _y in flat], [y for _x, y in flat]
    return ((min(xs) + max(xs)) / 2, (min(ys) + max(ys)) / 2)


def _flatten(value: Any, into: list[tuple[float, float]]) -> None:
    if isinstance(value, list) and len(value) >= 2 and all(_is_number(v) for v in value[:2]):
        into.append((float(value[0]), float(value[1])))
    elif isinstance(value, list):
        for item in value:
            _flatten(item, into)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _json_list(path: Path, parsed: ParsedAddresses, key: str, message: str) -> Any:
    """The JSON object of ``path`` if its ``key`` is a list, else None (with ``message``
    as a problem of the file when it was JSON of another shape)."""
    data = _json(path, parsed)
    if isinstance(data, dict) and isinstance(data.get(key), list):
        return data
    if data is not None:
        parsed.whole_file(message)
    return None


def _add(
    parsed: ParsedAddresses,
    where: str,
    tags: Mapping[str, Any],
    point: tuple[float, float] | None,
    crs: str,
    missing: tuple[str, str],
) -> None:
    """The records of one JSON or OSM record; ``missing`` (field, message) is the problem
    of an address without a point."""
    fields, keys = _fields_from(tags)
    if point is None and fields.number and not _PLACEHOLDER.match(fields.street):
        parsed.problem(where, *missing)
        return
    parsed.records.extend(_record(parsed, where, fields, keys, (*(point or (0, 0)), crs)))


def geojson_read(path: Path, parsed: ParsedAddresses, **_options: Any) -> None:
    """Features with address properties (see ``_PROPERTIES``); points, or the centre of
    a building's outline."""
    collection = _json_list(path, parsed, "features", _("is not a GeoJSON FeatureCollection"))
    if collection is None:
        return
    crs = _declared_crs(collection, parsed)
    missing = ("geometry", _("has no coordinates"))
    for index, feature in enumerate(collection["features"]):
        feature = feature if isinstance(feature, dict) else {}
        properties = feature.get("properties")
        tags = properties if isinstance(properties, dict) else {}
        point = _geometry_point(feature.get("geometry"))
        _add(parsed, f"features[{index}]", tags, point, crs, missing)


def _centre(element: Mapping[str, Any]) -> tuple[float, float] | None:
    centre = element if element.get("type") == "node" else element.get("center")
    lat = centre.get("lat") if isinstance(centre, dict) else None
    lon = centre.get("lon") if isinstance(centre, dict) else None
    if _is_number(lat) and _is_number(lon):
        return (float(lon), float(lat))  # type: ignore[arg-type]
    return None


def overpass_read(path: Path, parsed: ParsedAddresses, **_options: Any) -> None:
    """Overpass JSON ``elements`` with ``addr:*`` tags: nodes at their point, ways and
    relations at their ``center`` (query them with ``out center``)."""
    message = _("is not Overpass JSON (no list of elements)")
    data = _json_list(path, parsed, "elements", message)
    if data is None:
        return
    missing = ("center", _("has no coordinates (use 'out center')"))
    for element in data["elements"]:
        if isinstance(element, dict):
            where = f"{element.get('type')}/{element.get('id')}"
            _add(parsed, where, element.get("tags") or {}, _centre(element), WGS84, missing)


# --- HK-DE ------------------------------------------------------------------------------------


def _hk_de_coordinate(text: str) -> float | None:
    try:
        return float(text.strip().replace(",", "."))
    except ValueError:
        return None


def _hk_de_zone_crs(east: float) -> str | None:
    return HK_DE_ZONES.get(int(east // 1_000_000))


def _hk_de_point(
    parsed: ParsedAddresses, line: int, row: list[str], crs: str | None
) -> tuple[float, float, str] | None:
    east, north = (_hk_de_coordinate(row[_HK_DE[name]]) for name in ("east", "north"))
    for name, value in (("east", east), ("north", north)):
        if value is None:
            message = _("is not a coordinate: %(value)r") % {"value": row[_HK_DE[name]]}
            parsed.problem(line, _HK_DE_HEADER[_HK_DE[name]], message)
    if east is None or north is None:
        return None
    crs = crs or _hk_de_zone_crs(east)
    if crs is None:
        message = _("has no UTM zone 32 or 33 before the easting (give --crs)")
        parsed.problem(line, _HK_DE_HEADER[_HK_DE["east"]], message)
        return None
    return (east, north, crs)


#: HK-DE's change marks: none (a full delivery), new, changed, withdrawn.
_HK_DE_CHANGES = frozenset({"", "N", "B", "A"})


def _hk_de_withdrawn(parsed: ParsedAddresses, line: int, row: list[str]) -> None:
    street, written = _text(row[_HK_DE["street"]]), _text(row[_HK_DE["number"]])
    number = house_number_parse(written, _text(row[_HK_DE["suffix"]]))
    if not street or number is None:
        column = _HK_DE["street"] if not street else _HK_DE["number"]
        message = (
            _("is missing")
            if not street
            else _("is not a house number: %(value)r") % {"value": written}
        )
        parsed.problem(line, _HK_DE_HEADER[column], message)
        return
    parsed.withdrawn.append(WithdrawnAddress(line, street, number, _text(row[_HK_DE_CITY])))


_HK_DE_HEADER = [
    *("NBA", "OI", "QUA", "LAN", "RBZ", "KRS", "GMD", "OTT", "SSS", "HNR", "ADZ"),
    *("EEEEEEEE,EEE", "NNNNNNN,NNN", "STN", "PLZ", "ONM", "ZON", "POT"),
]


def hk_de_read(
    path: Path, parsed: ParsedAddresses, *, encoding: str, crs: str | None = None, **_options: Any
) -> None:
    """HK-DE lines (see the module text); a first line starting with "NBA" is a header."""
    try:
        text = read_text(path, encoding)
    except TextFileError as error:
        parsed.whole_file(error.message, error.line)
        return
    for line, row in enumerate(
        csv.reader(io.StringIO(text), delimiter=";", quoting=csv.QUOTE_NONE), start=1
    ):
        if not row or (line == 1 and row[0].strip().upper() == "NBA"):
            continue
        if len(row) < _HK_DE_COLUMNS:
            message = _("has %(found)d columns, HK-DE has at least %(needed)d") % {
                "found": len(row),
                "needed": _HK_DE_COLUMNS,
            }
            parsed.problem(line, None, message)
            continue
        change = _text(row[0]).upper()
        if change not in _HK_DE_CHANGES:
            message = _("is %(value)r, not N (new), B (changed) or A (withdrawn)") % {
                "value": row[0]
            }
            parsed.problem(line, "NBA", message)
            continue
        if change == "A":
            _hk_de_withdrawn(parsed, line, row)
            continue
        point = _hk_de_point(parsed, line, row, crs)
        if point is None:
            continue
        values = {name: _text(row[index]) for name, index in _HK_DE.items()}
        fields = _Fields(
            values["street"], values["number"], values["suffix"], values["postcode"],
            _text(row[_HK_DE_CITY]),
        )  # fmt: skip
        keys = {name: _HK_DE_HEADER[index] for name, index in _HK_DE.items()}
        parsed.records.extend(_record(parsed, line, fields, keys, point))


# --- OSM PBF ----------------------------------------------------------------------------------


def osm_pbf_read(path: Path, parsed: ParsedAddresses, **_options: Any) -> None:
    """Nodes and ways with ``addr:housenumber`` from an OSM extract (PBF or XML, read by
    pyosmium); a way stands at the centre of its nodes' extent."""
    import osmium

    missing = ("nodes", _("has no node locations"))

    def found(where: str, tags: Any, point: tuple[float, float] | None) -> None:
        _add(parsed, where, {tag.k: tag.v for tag in tags}, point, WGS84, missing)

    class Handler(osmium.SimpleHandler):
        def node(self, node: Any) -> None:
            if "addr:housenumber" in node.tags:
                found(f"node/{node.id}", node.tags, (node.location.lon, node.location.lat))

        def way(self, way: Any) -> None:
            if "addr:housenumber" in way.tags:
                coordinates = [[n.lon, n.lat] for n in way.nodes if n.location.valid()]
                found(f"way/{way.id}", way.tags, _geometry_point({"coordinates": coordinates}))

    if not path.is_file():
        parsed.whole_file(_("cannot be read: %(error)s") % {"error": _("no such file")})
        return
    try:
        Handler().apply_file(str(path), locations=True)
    except RuntimeError as error:
        parsed.whole_file(_("cannot be read: %(error)s") % {"error": error})


READERS: dict[str, Callable[..., None]] = {
    "geojson": geojson_read,
    "overpass": overpass_read,
    "hk-de": hk_de_read,
    "osm-pbf": osm_pbf_read,
}


def format_guess(path: Path) -> str:
    """The format a file's name suggests: .pbf/.osm OSM, .csv/.txt HK-DE, JSON files
    Overpass when they hold ``"elements"`` near the start, else GeoJSON."""
    suffix = path.suffix.lower()
    if suffix in {".pbf", ".osm"}:
        return "osm-pbf"
    if suffix in {".csv", ".txt"}:
        return "hk-de"
    try:
        with path.open("rb") as stream:
            head = stream.read(4096)
    except OSError:
        return "geojson"
    return "overpass" if b'"elements"' in head else "geojson"


def addresses_read(
    path: Path, fmt: str, *, encoding: str, crs: str | None = None
) -> ParsedAddresses:
    """Every address of ``path`` read as ``fmt`` (see :data:`FORMATS`)."""
    parsed = ParsedAddresses(path.name)
    READERS[fmt](path, parsed, encoding=encoding, crs=crs)
    return parsed
