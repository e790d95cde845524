"""Any city's district boundaries: GeoJSON (RFC 7946, or with a legacy ``crs`` member) and
Shapefiles (``.shp`` with ``.dbf``, ``.shx`` and ``.prj`` beside it, or a ``.zip`` of them),
read with pyshp and transformed to WGS84 longitude/latitude with pyproj (no GDAL).

Which property holds the name, the code and the parent's code is the caller's choice
(:class:`BoundaryOptions`); a field that the file does not have is a problem of the whole
file that lists the fields it has. Codes are qualified by the city (``essen:12``); without a
code field the name's slug is the code, so a re-import still updates by it.
"""

from __future__ import annotations

import io
import json
import re
import struct
import unicodedata
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pyproj
import shapefile
import shapely
from django.utils.translation import gettext as _
from shapely.geometry.base import BaseGeometry

from sozialraum.lib.geo import area_km2, geojson_from_shape, polygonal, shape_from_geojson
from sozialraum.lib.importing import ImportProblem
from sozialraum.lib.text import german_slug
from sozialraum.lib.textfiles import TextFileError, read_text

from ..models import DistrictKind
from .records import DistrictRecord, ParsedImport, Progress

#: Germany's bounding box (lon/lat): an area outside it was read in the wrong CRS.
GERMANY_AREA = shapely.box(5.86, 47.27, 15.05, 55.06)
WGS84 = "EPSG:4326"
#: ``crs`` member names that mean WGS84 longitude/latitude (RFC 7946's only CRS).
_LON_LAT_NAMES = {"urn:ogc:def:crs:OGC:1.3:CRS84", "urn:ogc:def:crs:OGC::CRS84", "CRS84"}


@dataclass(frozen=True)
class BoundaryOptions:
    """How to read a boundary file: the city (its name; created if missing), the kind of
    its areas, which properties hold name, code and parent code, the text encoding of a
    Shapefile's attributes, and the CRS if the file does not say (``EPSG:25832`` or
    ``25832``)."""

    city: str
    kind: str
    name_field: str
    code_field: str | None = None
    parent_field: str | None = None
    parent_kind: str | None = None
    encoding: str | None = None
    crs: str | None = None
    #: For presets: where the areas must lie (lon/lat; default: Germany), what a parent
    #: is called in messages, whether names lose a leading number ("03 Nordstadt"), and
    #: the source recorded (default: the file's name).
    area: BaseGeometry | None = None
    parent_label: str = ""
    strip_number: bool = False
    source: str = ""

    @property
    def city_code(self) -> str:
        return city_code(self.city)


def city_code(name: str) -> str:
    """The code (and slug) of a city: ``Mülheim an der Ruhr`` -> ``muelheim-an-der-ruhr``."""
    return german_slug(name)


@dataclass(frozen=True)
class _Feature:
    """One feature or Shapefile record: where it is (``features[3]``, ``records[3]``) and
    where its properties are (``features[3].properties``, ``records[3]``), its properties
    and its GeoJSON geometry (None if it has none)."""

    where: str
    properties_at: str
    properties: Mapping[str, Any]
    geometry: Mapping[str, Any] | None


@dataclass(frozen=True)
class _Source:
    """What a boundary file gave: its features, the fields they have and the CRS it
    declares (None: it declares none)."""

    features: list[_Feature]
    fields: list[str]
    crs: str | None


def read_boundaries(
    path: Path,
    options: BoundaryOptions,
    *,
    parents: Mapping[str, str] | None = None,
    taken_slugs: Mapping[str, str] | None = None,
    progress: Progress | None = None,
) -> ParsedImport:
    """The districts in the boundary file at ``path`` (GeoJSON or Shapefile), and the city
    as the parent of those without ``parent_field`` (its boundary the union of theirs).

    ``parents``: the codes of the districts a parent field may name, by kind (from the
    database); ``taken_slugs``: slugs already used, with the code that uses them (a district
    whose slug another code uses gets its code appended). ``progress`` is told of each
    feature read.
    """
    parsed = ParsedImport(encoding=options.encoding or "")
    source = _read_source(path, options, parsed)
    if source is None:
        return parsed
    fields = [options.name_field, options.code_field, options.parent_field]
    # a file whose features have no properties at all gets a problem per feature instead
    missing = [field for field in fields if field and source.fields and field not in source.fields]
    for field in missing:
        message = _('has no field "%(field)s"; its fields are: %(fields)s') % {
            "field": field,
            "fields": ", ".join(source.fields) or "-",
        }
        parsed.file_problem(path.name, message)
    transform = _transformer(path.name, options.crs or source.crs, parsed)
    if missing or transform is None:
        return parsed
    areas = _areas(path.name, source.features, options, transform, parents or {}, parsed, progress)
    if source.features and not areas:
        parsed.file_problem(path.name, _("holds no valid area"))
        return parsed
    _add_records(path.name, areas, options, dict(taken_slugs or {}), parsed)
    return parsed


# --- Reading the file ----------------------------------------------------------------------


def _read_source(path: Path, options: BoundaryOptions, parsed: ParsedImport) -> _Source | None:
    suffix = path.suffix.lower()
    if suffix in (".geojson", ".json"):
        return _geojson_source(path, parsed)
    if suffix in (".shp", ".zip"):
        return _shapefile_source(path, options.encoding, parsed)
    parsed.file_problem(
        path.name, _("is neither GeoJSON (.geojson, .json) nor a Shapefile (.shp, .zip)")
    )
    return None


def _geojson_source(path: Path, parsed: ParsedImport) -> _Source | None:
    try:
        collection = json.loads(read_text(path))  # GeoJSON is UTF-8 (RFC 7946)
    except TextFileError as error:
        parsed.file_problem(path.name, error.message, error.line)
        return None
    except json.JSONDecodeError as error:
        message = _("is not JSON: %(error)s") % {"error": error.msg}
        parsed.file_problem(path.name, message, error.lineno)
        return None
    except (ValueError, RecursionError):
        parsed.file_problem(path.name, _("is not JSON"))
        return None
    features = collection.get("features") if isinstance(collection, dict) else None
    if not isinstance(features, list):
        parsed.file_problem(path.name, _("is not a GeoJSON FeatureCollection"))
        return None
    read = []
    fields: dict[str, None] = {}
    for number, feature in enumerate(features):
        feature = feature if isinstance(feature, dict) else {}
        properties = feature.get("properties")
        properties = properties if isinstance(properties, dict) else {}
        fields.update(dict.fromkeys(properties))
        geometry = feature.get("geometry")
        where = f"features[{number}]"
        geometry = geometry if geometry else None
        read.append(_Feature(where, f"{where}.properties", properties, geometry))
    return _Source(read, list(fields), _geojson_crs(collection.get("crs")))


def _geojson_crs(member: Any) -> str | None:
    """The CRS a legacy ``crs`` member names (``EPSG:25832``, ``urn:ogc:def:crs:EPSG::25832``),
    or None for none and for WGS84 longitude/latitude."""
    if not isinstance(member, dict) or not isinstance(member.get("properties"), dict):
        return None
    name = member["properties"].get("name")
    if not isinstance(name, str) or name in _LON_LAT_NAMES:
        return None
    return name


def _shapefile_parts(path: Path) -> dict[str, bytes]:
    """The Shapefile's parts by suffix (``.shp``, ``.dbf``, ...): from a .zip, or the files
    beside a .shp that share its name. OSError or zipfile.BadZipFile if unreadable."""
    if path.suffix.lower() == ".zip":
        with zipfile.ZipFile(path) as archive:
            names = [name for name in archive.namelist() if not name.startswith("__MACOSX")]
            shps = [name for name in names if name.lower().endswith(".shp")]
            if len(shps) != 1:
                return {}
            stem = shps[0][:-4]
            return {
                name[len(stem) :].lower(): archive.read(name)
                for name in names
                if name[: len(stem)] == stem and "." not in name[len(stem) + 1 :]
            }
    parts = {}
    for sibling in path.parent.glob(f"{path.stem}.*"):
        parts[sibling.suffix.lower()] = sibling.read_bytes()
    return parts


def _shapefile_source(path: Path, encoding: str | None, parsed: ParsedImport) -> _Source | None:
    try:
        parts = _shapefile_parts(path)
    except (OSError, zipfile.BadZipFile) as error:
        parsed.file_problem(path.name, _("cannot be read: %(error)s") % {"error": error})
        return None
    missing = [suffix for suffix in (".shp", ".dbf") if suffix not in parts]
    if missing:
        message = _("is not a complete Shapefile: %(missing)s missing") % {
            "missing": ", ".join(missing)
        }
        parsed.file_problem(path.name, message)
        return None
    if encoding is None and ".cpg" in parts:
        encoding = parts[".cpg"].decode("ascii", "replace").strip() or None
    encoding = encoding or "utf-8"
    features: list[_Feature] = []
    try:
        reader = shapefile.Reader(
            shp=io.BytesIO(parts[".shp"]),
            shx=io.BytesIO(parts[".shx"]) if ".shx" in parts else None,
            dbf=io.BytesIO(parts[".dbf"]),
            encoding=encoding,
        )
        fields = [field.name for field in reader.fields[1:]]
        for number, record in enumerate(reader.iterShapeRecords()):
            where = f"records[{number}]"
            properties = record.record.as_dict()
            features.append(_Feature(where, where, properties, _shape_geometry(record.shape)))
    except LookupError:
        parsed.file_problem(path.name, _("unknown encoding %(encoding)s") % {"encoding": encoding})
        return None
    except (shapefile.ShapefileException, ValueError, struct.error) as error:
        if isinstance(error, shapefile.dbfFileException) and "decode" in str(error):
            message = _(
                "attributes of records[%(number)d] are not %(encoding)s text; give their "
                "encoding with --encoding, e.g. --encoding latin-1"
            ) % {"number": len(features), "encoding": encoding}
        else:
            message = _("cannot be read: %(error)s") % {"error": error}
        parsed.file_problem(path.name, message)
        return None
    prj = parts.get(".prj")
    return _Source(features, fields, prj.decode("utf-8", "replace") if prj else _NO_PRJ)


def _shape_geometry(shape: Any) -> Mapping[str, Any] | None:
    """A Shapefile shape as a GeoJSON geometry; None for a null shape."""
    return None if shape.shapeType == shapefile.NULL else shape.__geo_interface__


#: A Shapefile without .prj: its CRS must be given (it is not assumed to be lon/lat).
_NO_PRJ = "no .prj"


def _transformer(file: str, crs: str | None, parsed: ParsedImport) -> Any:
    """A function mapping an (n, 2) coordinate array to lon/lat; None (with a problem) if
    the CRS is unknown or missing."""
    if crs is None:
        return lambda coords: coords
    if crs == _NO_PRJ:
        parsed.file_problem(file, _("has no .prj file; give its CRS with --crs, e.g. 25832"))
        return None
    try:
        source = pyproj.CRS.from_user_input(int(crs) if crs.isdigit() else crs)
    except pyproj.exceptions.CRSError:
        parsed.file_problem(file, _('unknown CRS "%(crs)s"') % {"crs": crs[:80]})
        return None
    if source == pyproj.CRS.from_user_input(WGS84) or source.equals(pyproj.CRS("OGC:CRS84")):
        return lambda coords: coords
    transformer = pyproj.Transformer.from_crs(source, WGS84, always_xy=True)

    def transform(coords: np.ndarray) -> np.ndarray:
        lon, lat = transformer.transform(coords[:, 0], coords[:, 1])
        return np.column_stack((lon, lat))

    return transform


# --- Areas ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Area:
    where: str
    code: str
    name: str
    parent_code: str
    shape: BaseGeometry
    repaired: bool


def _text(value: Any) -> str:
    """A property as text: ``12`` and ``12.0`` (Shapefile numbers) are ``"12"``."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(unicodedata.normalize("NFC", str(value)).split()) if value is not None else ""


def _area(
    feature: _Feature,
    options: BoundaryOptions,
    transform: Any,
    parents: Mapping[str, str],
) -> tuple[_Area | None, str, str]:
    """The area of one feature, or None with the failing field and the reason."""
    name = _text(feature.properties.get(options.name_field))
    if options.strip_number:
        name = number_prefix_removed(name)
    if not name:
        return None, f"{feature.properties_at}.{options.name_field}", _("is missing")
    key = _text(feature.properties.get(options.code_field)) if options.code_field else name
    if not key:
        return None, f"{feature.properties_at}.{options.code_field}", _("is missing")
    code = f"{options.city_code}:{key if options.code_field else german_slug(key)}"
    parent = options.city_code
    if options.parent_field:
        value = _text(feature.properties.get(options.parent_field))
        parent = f"{options.city_code}:{value}"
        if parents.get(parent) != options.parent_kind:
            kind = options.parent_label or DistrictKind(options.parent_kind or "").label
            message = _('%(field)s "%(value)s" is not a %(kind)s') % {
                "field": options.parent_field,
                "value": value,
                "kind": kind,
            }
            return None, f"{feature.properties_at}.{options.parent_field}", message
    if feature.geometry is None:
        return (
            None,
            f"{feature.where}.geometry",
            _("is not a polygon: %(error)s") % {"error": "null"},
        )
    try:
        shape = shapely.transform(shape_from_geojson(feature.geometry), transform)
        shape, repaired = polygonal(shape)
    except (KeyError, TypeError, ValueError, AttributeError, shapely.errors.ShapelyError) as error:
        message = _("is not a polygon: %(error)s") % {"error": error}
        return None, f"{feature.where}.geometry", message
    if not shape.intersects(options.area or GERMANY_AREA):
        return None, f"{feature.where}.geometry", _outside(shape, options.city)
    return _Area(feature.where, code, name, parent, shape, repaired), "", ""


def _outside(shape: BaseGeometry, city: str) -> str:
    """Why an area is refused: where it lies (at 0,0; outside Germany, likely in another
    CRS; elsewhere in Germany than the city's area)."""
    point = shape.representative_point()
    where = {"lon": f"{point.x:.4f}", "lat": f"{point.y:.4f}", "city": city}
    if abs(point.x) < 1 and abs(point.y) < 1:
        return _("lies at 0,0 (coordinates missing?)")
    if not shape.intersects(GERMANY_AREA):
        message = _("lies outside Germany (at lon %(lon)s, lat %(lat)s; another CRS? see --crs)")
        return message % where
    return _("lies outside %(city)s (at lon %(lon)s, lat %(lat)s)") % where


def number_prefix_removed(text: str) -> str:
    """ "03 Nordstadt", "Westliche_Höhe" -> "Nordstadt", "Westliche Höhe"."""
    name = unicodedata.normalize("NFC", text).replace("_", " ")
    return " ".join(re.sub(r"^\s*[0-9]+\s+", "", name).split())


def _areas(
    file: str,
    features: list[_Feature],
    options: BoundaryOptions,
    transform: Any,
    parents: Mapping[str, str],
    parsed: ParsedImport,
    progress: Progress | None,
) -> list[_Area]:
    areas: dict[str, _Area] = {}
    for number, feature in enumerate(features, 1):
        if progress is not None:
            progress(number, len(features))
        area, failed_field, reason = _area(feature, options, transform, parents)
        if area is None:
            parsed.problem(file, None, failed_field, reason)
        elif area.code in areas:
            field = options.code_field or options.name_field
            message = _('"%(code)s" appears twice (first in %(first)s)') % {
                "code": area.code,
                "first": areas[area.code].where,
            }
            parsed.problem(file, None, f"{feature.properties_at}.{field}", message)
        else:
            areas[area.code] = area
    return list(areas.values())


def _add_records(
    file: str,
    areas: list[_Area],
    options: BoundaryOptions,
    taken: dict[str, str],
    parsed: ParsedImport,
) -> None:
    city = options.city_code
    source = options.source or file
    if not options.parent_field:
        union = shapely.union_all([area.shape for area in areas])
        parsed.districts.append(
            _record(city, options.city, city, DistrictKind.CITY, None, union, source)
        )
    for area in areas:
        slug = german_slug(city, area.name)
        if taken.get(slug, area.code) != area.code:
            slug = german_slug(slug, area.code.split(":", 1)[1])
        taken[slug] = area.code
        parsed.districts.append(
            _record(area.code, area.name, slug, options.kind, area.parent_code, area.shape, source)
        )
        if area.repaired:
            parsed.repaired.append(area.code)
            message = _("was not a valid polygon (e.g. it crosses itself) and has been repaired")
            parsed.notes.append(ImportProblem(file, None, f"{area.where}.geometry", message))


def _record(
    code: str,
    name: str,
    slug: str,
    kind: str,
    parent_code: str | None,
    shape: BaseGeometry,
    source: str,
) -> DistrictRecord:
    min_lon, min_lat, max_lon, max_lat = (float(value) for value in shape.bounds)
    return DistrictRecord(
        code=code,
        name=name,
        slug=slug,
        kind=str(kind),
        parent_code=parent_code,
        boundary=geojson_from_shape(shape),
        bbox=(min_lon, min_lat, max_lon, max_lat),
        area_km2=round(area_km2(shape), 4),
        source=source,
    )
