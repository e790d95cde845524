"""OpenStreetMap and A11yJSON for the offer directory: importing places and offers from OSM
data (Overpass JSON or GeoJSON with OSM tags), writing a place's accessibility as OSM tags
and as A11yJSON, and reading A11yJSON accessibility.

Parsing only, except :func:`osm_import`, which hands the records to
:func:`~sozialraum.directory.exchange.imports.offers_import` (validation first, one transaction,
``skip_invalid``, ``dry_run``, re-import updates by external id ``osm:node/123``).

Category mapping (first match wins; an element matching none is a problem, "no category")::

    OSM tags                                        category code
    ----------------------------------------------  ---------------------------
    amenity=social_facility + social_facility=
        outreach / food_bank / soup_kitchen         lunch_table (food_bank, soup_kitchen)
                                                    counselling (outreach)
        day_care / assisted_living / nursing_home   care_relief
        group_home / shelter / supported_housing    housing
        workshop                                    work_day_structure
        (any other value)                           counselling
    amenity=community_centre (community_centre=
        youth_centre -> children_families)          community_centre
    amenity=social_centre                           neighbourhood_meeting_point
    amenity=cafe with social_facility:for or
        cafe=community / community_centre=*         cafe
    amenity=kindergarten / childcare                children_day_care
    leisure=playground                              playground
    healthcare=counselling                          counselling
    healthcare=* (other)                            care_relief
    office=association / ngo + social_facility:for  counselling

Accessibility (Place field -> OSM key; values yes/no, wheelchair also limited)::

    wheelchair              wheelchair              (established key)
    accessible_toilet       toilets:wheelchair      (established key)
    hearing_loop            hearing_loop            (established key)
    disabled_parking        capacity:disabled       (established on parkings; yes/no/number)
    step_free_entrance      entrance:step_free      (our own key: OSM has no POI-level one)
    guide_dogs_welcome      guide_dog               (rare key)
    easy_language_material  easy_language           (our own key)

A11yJSON (``PlaceInfo.properties.accessibility``, sozialhelden/a11yjson): only what our
fields mean is written and read: ``wheelchairAccessibilityGrade`` (fully/partially/not),
``entrances[].isLevel``, ``restrooms[].isAccessibleWithWheelchair``, ``hasInductionLoop``,
``animalPolicy.allowsGuideDogs``, ``parking.forWheelchairUsers.isAvailable`` and
``media[{type: document, hasPlainLanguageOption}]`` (the nearest A11yJSON term for
easy-to-read material). Reading also accepts the deprecated ``accessibleWith`` /
``partiallyAccessibleWith`` ``{wheelchair, guideDog}`` found in published examples.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from sozialraum.lib.importing import DataImportError, ImportProblem
from sozialraum.lib.textfiles import DEFAULT_ENCODING, TextFileError, read_text

from ..models import Fee, Place, Wheelchair, validate_opening_hours
from .imports import OfferImportReport, offers_import
from .records import OfferRecord, ParsedOffers, RecordReader, lines_joined, records_read

#: Place fields and the OSM keys they are written to and read from (see the module text).
ACCESSIBILITY_TAGS: dict[str, str] = {
    "wheelchair": "wheelchair",
    "accessible_toilet": "toilets:wheelchair",
    "hearing_loop": "hearing_loop",
    "disabled_parking": "capacity:disabled",
    "step_free_entrance": "entrance:step_free",
    "guide_dogs_welcome": "guide_dog",
    "easy_language_material": "easy_language",
}

_YES = {"yes", "designated"}
_NO = {"no"}


# --- Accessibility as OSM tags --------------------------------------------------------------


def place_osm_tags(place: Place) -> dict[str, str]:
    """The place's known accessibility facts as OSM tags; unknown facts are left out."""
    tags: dict[str, str] = {}
    if place.wheelchair:
        tags["wheelchair"] = place.wheelchair
    for field, key in ACCESSIBILITY_TAGS.items():
        value = getattr(place, field)
        if field != "wheelchair" and value is not None:
            tags[key] = "yes" if value else "no"
    return tags


def accessibility_from_osm_tags(tags: dict[str, str]) -> tuple[dict[str, Any], list[str]]:
    """Place fields for the accessibility tags in ``tags``, and the keys whose values could
    not be read (e.g. ``wheelchair=maybe``). ``capacity:disabled`` may be a count."""
    fields: dict[str, Any] = {}
    bad: list[str] = []
    for field, key in ACCESSIBILITY_TAGS.items():
        if key not in tags:
            continue
        value = tags[key].strip().lower()
        parsed = _osm_value(field, value)
        if parsed is None:
            bad.append(key)
        else:
            fields[field] = parsed
    return fields, bad


def _osm_value(field: str, value: str) -> Any:
    if field == "wheelchair":
        return value if value in Wheelchair.values and value else None
    if field == "disabled_parking" and value.isdigit():
        return int(value) > 0
    if value in _YES:
        return True
    if value in _NO:
        return False
    return None


# --- A11yJSON -------------------------------------------------------------------------------

_GRADES = {Wheelchair.YES: "fully", Wheelchair.LIMITED: "partially", Wheelchair.NO: "not"}


def place_a11yjson(place: Place) -> dict[str, Any]:
    """The place as an A11yJSON ``PlaceInfo`` (a GeoJSON Feature) with the accessibility
    facts we know; unknown facts are left out, as A11yJSON means by a missing property."""
    access: dict[str, Any] = {}
    if place.wheelchair:
        access["wheelchairAccessibilityGrade"] = _GRADES[Wheelchair(place.wheelchair)]
    if place.step_free_entrance is not None:
        access["entrances"] = [{"isLevel": place.step_free_entrance}]
    if place.accessible_toilet is not None:
        access["restrooms"] = [{"isAccessibleWithWheelchair": place.accessible_toilet}]
    if place.hearing_loop is not None:
        access["hasInductionLoop"] = place.hearing_loop
    if place.guide_dogs_welcome is not None:
        access["animalPolicy"] = {"allowsGuideDogs": place.guide_dogs_welcome}
    if place.disabled_parking is not None:
        access["parking"] = {"forWheelchairUsers": {"isAvailable": place.disabled_parking}}
    if place.easy_language_material is not None:
        media = {"type": "document", "hasPlainLanguageOption": place.easy_language_material}
        access["media"] = [media]
    return {
        "type": "Feature",
        "geometry": _geometry(place),
        "properties": {
            "name": place.name,
            "address": _a11y_address(place),
            "accessibility": access,
        },
    }


def _geometry(place: Place) -> dict[str, Any] | None:
    if place.latitude is None or place.longitude is None:
        return None
    return {"type": "Point", "coordinates": [place.longitude, place.latitude]}


def _a11y_address(place: Place) -> dict[str, str]:
    parts = {"street": place.street_address, "postcode": place.postal_code, "city": place.city}
    return {key: value for key, value in parts.items() if value} | {"countryCode": "DE"}


def _first(items: Any, key: str) -> bool | None:
    """``key`` of the first item of a list that states it (true wins over false)."""
    values = [item.get(key) for item in items if isinstance(item, dict)] if items else []
    flags = [value for value in values if isinstance(value, bool)]
    return any(flags) if flags else None


def _nested(data: Any, *keys: str) -> Any:
    for key in keys:
        data = data.get(key) if isinstance(data, dict) else None
    return data


def _wheelchair_from_a11y(access: dict[str, Any]) -> str:
    grade = access.get("wheelchairAccessibilityGrade")
    by_grade = {grade_name: value for value, grade_name in _GRADES.items()}
    if grade in by_grade:
        return str(by_grade[grade])
    if _nested(access, "accessibleWith", "wheelchair") is True:
        return Wheelchair.YES
    if _nested(access, "partiallyAccessibleWith", "wheelchair") is True:
        return Wheelchair.LIMITED
    if _nested(access, "accessibleWith", "wheelchair") is False:
        return Wheelchair.NO
    return ""


def _guide_dogs_from_a11y(access: dict[str, Any]) -> bool | None:
    allowed = _nested(access, "animalPolicy", "allowsGuideDogs")
    if isinstance(allowed, bool):
        return allowed
    legacy = _nested(access, "accessibleWith", "guideDog")
    return legacy if isinstance(legacy, bool) else None


def place_accessibility_from_a11yjson(data: Any) -> dict[str, Any]:
    """Place fields from an A11yJSON ``PlaceInfo`` (or its ``properties``, or the bare
    ``accessibility`` object). Facts A11yJSON leaves out stay out (unknown); facts we have
    no field for are ignored."""
    access = _nested(data, "properties", "accessibility")
    if access is None:
        access = data.get("accessibility", data) if isinstance(data, dict) else {}
    if not isinstance(access, dict):
        return {}
    media = [item for item in access.get("media") or [] if isinstance(item, dict)]
    candidates: dict[str, Any] = {
        "wheelchair": _wheelchair_from_a11y(access) or None,
        "step_free_entrance": _first(access.get("entrances"), "isLevel"),
        "accessible_toilet": _first(access.get("restrooms"), "isAccessibleWithWheelchair"),
        "hearing_loop": access.get("hasInductionLoop"),
        "guide_dogs_welcome": _guide_dogs_from_a11y(access),
        "disabled_parking": _nested(access, "parking", "forWheelchairUsers", "isAvailable"),
        "easy_language_material": _first(media, "hasPlainLanguageOption"),
    }
    return {
        key: value
        for key, value in candidates.items()
        if isinstance(value, bool) or (key == "wheelchair" and value)
    }


_TRAILING_COMMA = re.compile(r",(\s*[}\]])")


def a11yjson_load(path: Path) -> tuple[Any, list[ImportProblem]]:
    """Reads an A11yJSON file. Trailing commas (as in published examples) are tolerated and
    reported as warnings naming file and line; any other syntax error raises
    DataImportError naming file, line and column."""
    try:
        text = read_text(path)
    except TextFileError as error:
        problem = ImportProblem(path.name, error.line, None, error.message, True)
        raise DataImportError([problem]) from error
    try:
        return json.loads(text), []
    except json.JSONDecodeError as strict_error:
        warnings = [
            ImportProblem(path.name, text.count("\n", 0, match.start()) + 1, None, _trailing())
            for match in _TRAILING_COMMA.finditer(text)
        ]
        try:
            return json.loads(_TRAILING_COMMA.sub(r"\1", text)), warnings
        except json.JSONDecodeError:
            message = _("is not JSON: %(error)s (column %(column)d)") % {
                "error": strict_error.msg,
                "column": strict_error.colno,
            }
            raise DataImportError(
                [ImportProblem(path.name, strict_error.lineno, None, message)]
            ) from strict_error


def _trailing() -> str:
    return _("trailing comma (not allowed in JSON), read as if it were not there")


# --- Import of OSM data ---------------------------------------------------------------------

_SOCIAL_FACILITY = {
    "food_bank": "lunch_table",
    "soup_kitchen": "lunch_table",
    "outreach": "counselling",
    "day_care": "care_relief",
    "assisted_living": "care_relief",
    "nursing_home": "care_relief",
    "group_home": "housing",
    "shelter": "housing",
    "supported_housing": "housing",
    "workshop": "work_day_structure",
}


def _social_facility_category(tags: dict[str, str]) -> str | None:
    if tags.get("amenity") != "social_facility":
        return None
    return _SOCIAL_FACILITY.get(tags.get("social_facility", ""), "counselling")


def _community_category(tags: dict[str, str]) -> str | None:
    amenity = tags.get("amenity")
    if amenity == "community_centre":
        youth = tags.get("community_centre") == "youth_centre"
        return "children_families" if youth else "community_centre"
    if amenity == "social_centre":
        return "neighbourhood_meeting_point"
    social = "social_facility:for" in tags or tags.get("cafe") == "community"
    if amenity == "cafe" and (social or "community_centre" in tags):
        return "cafe"
    return None


def _other_category(tags: dict[str, str]) -> str | None:
    if tags.get("amenity") in ("kindergarten", "childcare"):
        return "children_day_care"
    if tags.get("leisure") == "playground":
        return "playground"
    if "healthcare" in tags:
        return "counselling" if tags["healthcare"] == "counselling" else "care_relief"
    if tags.get("office") in ("association", "ngo") and "social_facility:for" in tags:
        return "counselling"
    return None


_CATEGORY_RULES: tuple[Callable[[dict[str, str]], str | None], ...] = (
    _social_facility_category,
    _community_category,
    _other_category,
)


def osm_category(tags: dict[str, str]) -> str | None:
    """Our category code for an OSM element's tags (the table in the module text)."""
    for rule in _CATEGORY_RULES:
        code = rule(tags)
        if code is not None:
            return code
    return None


_Element = tuple[str, dict[str, str], Any]


def _elements(path: Path, parsed: ParsedOffers) -> tuple[str, list[_Element]]:
    """The JSON key of the list ("elements" or "features") and (OSM id such as
    "node/123", tags, (lat, lon) or None) of every element or feature."""
    try:
        data = json.loads(read_text(path, parsed.encoding))
    except TextFileError as error:
        parsed.problems.append(ImportProblem(path.name, error.line, None, error.message, True))
        return "", []
    except (ValueError, RecursionError) as error:
        message = _("cannot be read: %(error)s") % {"error": error}
        parsed.problems.append(ImportProblem(path.name, None, None, message, True))
        return "", []
    if isinstance(data, dict) and isinstance(data.get("elements"), list):
        return "elements", [_overpass_element(item) for item in data["elements"]]
    if isinstance(data, dict) and isinstance(data.get("features"), list):
        return "features", [_geojson_feature(item) for item in data["features"]]
    message = _("is neither Overpass JSON (elements) nor GeoJSON (features)")
    parsed.problems.append(ImportProblem(path.name, None, None, message))
    return "", []


def _overpass_element(item: Any) -> _Element:
    item = item if isinstance(item, dict) else {}
    ident = f"{item.get('type', '?')}/{item.get('id', '?')}"
    where = item if "lat" in item else item.get("center") or {}
    point = (where.get("lat"), where.get("lon")) if isinstance(where, dict) else None
    return ident, _tags(item.get("tags")), point


def _geojson_feature(item: Any) -> _Element:
    item = item if isinstance(item, dict) else {}
    props = item.get("properties") if isinstance(item.get("properties"), dict) else {}
    ident = str(props.get("@id") or item.get("id") or "?")
    tags = _tags(props.get("tags") if isinstance(props.get("tags"), dict) else props)
    geometry = item.get("geometry") if isinstance(item.get("geometry"), dict) else {}
    coordinates = geometry.get("coordinates") if geometry.get("type") == "Point" else None
    if not isinstance(coordinates, list) or len(coordinates) < 2:
        return ident, tags, None
    return ident, tags, (coordinates[1], coordinates[0])


def _tags(tags: Any) -> dict[str, str]:
    if not isinstance(tags, dict):
        return {}
    return {str(key): str(value) for key, value in tags.items() if not str(key).startswith("@")}


def _street(tags: dict[str, str]) -> str:
    return " ".join(
        part for part in (tags.get("addr:street"), tags.get("addr:housenumber")) if part
    )


def _osm_hours(reader: RecordReader, tags: dict[str, str]) -> str:
    hours = tags.get("opening_hours", "").strip()
    try:
        validate_opening_hours(hours)
    except ValidationError as error:
        reader.problem("tags.opening_hours", " ".join(error.messages))
        return ""
    return hours


def _osm_place(reader: RecordReader, tags: dict[str, str], point: Any, name: str) -> dict[str, Any]:
    lat, lon = point if point else (None, None)
    if not all(isinstance(value, int | float) for value in (lat, lon)):
        reader.problem("geometry", _("has no coordinates (node lat/lon or way center)"))
        lat = lon = None
    else:
        reader.coordinates(lat, lon, "geometry")
    access, bad = accessibility_from_osm_tags(tags)
    for key in bad:
        reader.problem(f"tags.{key}", _("unknown value %(value)r") % {"value": tags[key]})
    return {
        "name": name,
        "street_address": _street(tags),
        "postal_code": tags.get("addr:postcode", ""),
        "city": tags.get("addr:city", ""),
        "latitude": lat,
        "longitude": lon,
        **access,
    }


def _osm_offer(reader: RecordReader, tags: dict[str, str], name: str) -> dict[str, Any]:
    target = tags.get("social_facility:for", "")
    return {
        "name": name,
        "description": lines_joined(
            tags.get("description", ""), f"Für: {target}" if target else ""
        ),
        "phone": tags.get("phone") or tags.get("contact:phone", ""),
        "url": tags.get("website") or tags.get("contact:website", ""),
        "email": tags.get("email") or tags.get("contact:email", ""),
        "opening_hours": _osm_hours(reader, tags),
        "fee": {"no": Fee.FREE, "yes": Fee.PAID}.get(tags.get("fee", ""), Fee.UNKNOWN),
    }


def _osm_record(
    parsed: ParsedOffers, element: _Element, where: str
) -> tuple[RecordReader, OfferRecord | None]:
    ident, tags, point = element
    reader = RecordReader(parsed, where, f"osm:{ident}")
    name = tags.get("name", "").strip()
    if not name:
        reader.problem("tags.name", _("is missing"))
    category = osm_category(tags)
    if category is None:
        reader.problem("tags", _("no category: none of the tags in the mapping table"))
    place = _osm_place(reader, tags, point, name)
    offer = _osm_offer(reader, tags, name)
    provider = tags.get("operator", "").strip() or name
    if not reader.ok or category is None:
        return reader, None
    record = OfferRecord(f"osm:{ident}", where, provider, category, offer, place)  # type: ignore[arg-type]
    return reader, record


def read_osm(path: Path, encoding: str = DEFAULT_ENCODING) -> ParsedOffers:
    """Offers from OSM data: Overpass JSON (``elements`` with ``tags``; nodes' ``lat``/``lon``,
    ways' and relations' ``center`` from ``out center``) or GeoJSON features with OSM tags
    as properties (osmtogeojson's flat form, or under ``tags``). One offer per element at a
    place of its own, external id ``osm:node/123``, run by ``operator`` (else by itself,
    named after the element). Invalid opening hours or accessibility values are problems
    naming the element and the tag."""
    parsed = ParsedOffers(path.name, f"OSM {path.name}", encoding=encoding)
    key, elements = _elements(path, parsed)
    return records_read(parsed, elements, key, _osm_record)


def osm_import(
    *,
    path: Path,
    skip_invalid: bool = False,
    dry_run: bool = False,
    encoding: str = DEFAULT_ENCODING,
) -> OfferImportReport:
    """Imports the offers of an OSM file (see :func:`read_osm`) through
    :func:`~sozialraum.directory.exchange.imports.offers_import` and returns its report."""
    return offers_import(read_osm(path, encoding), skip_invalid=skip_invalid, dry_run=dry_run)
