"""Readers for published lists of offers: day-care centres and playgrounds.

Parsing only; nothing here touches the database (``services.py`` writes). A reader goes
through every record, returns those it could read as :class:`OfferRecord` and every problem
it met as an :class:`~sozialraum.districts.importers.ImportProblem` naming the file, the
record (its JSON path and identifier) and the field. Values are taken as published; what
the source does not say stays empty (unknown), never guessed.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext as _

from sozialraum.demo import DEMO_DATA_DIR
from sozialraum.districts.importers import ImportProblem, german_slug
from sozialraum.lib.textfiles import TextFileError, read_text

from .models import Fee, Wheelchair

if TYPE_CHECKING:  # services.py imports this module to run the imports
    from .services import OfferData, PlaceData

KITAS_FLENSBURG_PATH = DEMO_DATA_DIR / "flensburg" / "kitas_flensburg.geojson"
PLAYGROUNDS_FLENSBURG_PATH = DEMO_DATA_DIR / "flensburg" / "spielplaetze_flensburg.geojson"
KITAS_KIEL_PATH = DEMO_DATA_DIR / "kiel" / "kitas_kiel.json"

#: Category codes the imports file their offers under (seeded by a data migration).
DAY_CARE = "children_day_care"
PLAYGROUND = "playground"

#: The sources give a day-care centre's hours as one time span without weekdays. Day-care
#: centres in Schleswig-Holstein open on working days, so the span is read as Monday to
#: Friday; without this, OpenStreetMap syntax would claim they open at weekends too.
DAY_CARE_DAYS = "Mo-Fr"

_TIME_SPAN = re.compile(r"\s*([0-9]{1,2})[:.]([0-9]{2})\s*-\s*([0-9]{1,2})[:.]([0-9]{2})\s*")
_POSTAL_CODE = re.compile(r"[0-9]{5}")
_STREET_TOWN = re.compile(r"(?P<street>.+?),\s*(?P<postal>[0-9]{5})\s+(?P<city>.+)")
_TOWN_STREET = re.compile(r"(?P<postal>[0-9]{5}),\s*(?P<street>.+)")
_MS_PER_MINUTE = 60_000
_MINUTES_PER_DAY = 24 * 60


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


@dataclass
class ParsedOffers:
    """What a reader found in ``file``: valid records and problems."""

    file: str
    label: str
    records: list[OfferRecord] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)

    @property
    def source(self) -> str:
        """Who the history names as the author of imported changes."""
        return f"import: {self.file}"


class _Reader:
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
        elif lat is not None and lon is not None and not _in_germany(lat, lon):
            where = {"lat": lat, "lon": lon}
            self.problem(path, _("(%(lat)s, %(lon)s) lies outside Germany") % where)


# --- Shared helpers -------------------------------------------------------------------------


def _in_germany(lat: float, lon: float) -> bool:
    """Within Germany's bounding box (every offer of the platform lies in Germany)."""
    return 47.27 <= lat <= 55.06 and 5.86 <= lon <= 15.05


def _load(path: Path, parsed: ParsedOffers) -> Any:
    try:
        return json.loads(read_text(path))
    except TextFileError as error:
        parsed.problems.append(ImportProblem(path.name, error.line, None, error.message, True))
        return None
    except (ValueError, RecursionError) as error:
        message = _("cannot be read: %(error)s") % {"error": error}
        parsed.problems.append(ImportProblem(path.name, None, None, message, True))
        return None


def _features(path: Path, parsed: ParsedOffers) -> list[Any]:
    collection = _load(path, parsed)
    features = collection.get("features") if isinstance(collection, dict) else None
    if collection is not None and not isinstance(features, list):
        message = _("is not a GeoJSON FeatureCollection")
        parsed.problems.append(ImportProblem(path.name, None, None, message, True))
    return features if isinstance(features, list) else []


def _point(reader: _Reader, feature: Any) -> tuple[float, float] | None:
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


def day_care_hours(text: str) -> str:
    """ "07:30-16:30" (also "07:00-17.00") as OpenStreetMap opening_hours on working days;
    "" for anything that is not one plain time span (left unknown rather than guessed)."""
    match = _TIME_SPAN.fullmatch(text or "")
    if match is None:
        return ""
    h1, m1, h2, m2 = (int(part) for part in match.groups())
    if not (h1 < 24 and m1 < 60 and h2 <= 24 and m2 < 60 and (h1, m1) < (h2, m2)):
        return ""
    return f"{DAY_CARE_DAYS} {h1:02d}:{m1:02d}-{h2:02d}:{m2:02d}"


def _minutes_label(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def _lines(*parts: str) -> str:
    return "\n".join(part for part in parts if part)


def _unique(parsed: ParsedOffers, records: list[tuple[_Reader, OfferRecord]]) -> None:
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


def _read_all(
    parsed: ParsedOffers,
    items: list[Any],
    prefix: str,
    read_one: Callable[[ParsedOffers, Any, str], tuple[_Reader, OfferRecord | None]],
) -> ParsedOffers:
    read = []
    for index, item in enumerate(items):
        reader, record = read_one(parsed, item, f"{prefix}[{index}]")
        if reader.ok and record is not None:
            read.append((reader, record))
    _unique(parsed, read)
    return parsed


# --- Flensburg: day-care centres ------------------------------------------------------------

#: The city's own centres are listed with the institution "Stadt".
_FLENSBURG_CITY = "Stadt Flensburg"


def _flensburg_provider(name: str) -> str:
    return _FLENSBURG_CITY if name == "Stadt" else name


def _flensburg_kita_description(reader: _Reader, props: Any) -> str:
    places = reader.count(props, "childcare_places", "properties.childcare_places")
    inclusive = reader.count(props, "integrational", "properties.integrational")
    lunch = props.get("lunch_offer") is True
    return _lines(
        reader.text(props, "comments", "properties.comments"),
        f"Plätze: {places}" if places else "",
        f"Integrationsgruppen: {inclusive}" if inclusive else "",
        "Mittagessen wird angeboten" if lunch else "",
    )


def _flensburg_kita(
    parsed: ParsedOffers, feature: Any, where: str
) -> tuple[_Reader, OfferRecord | None]:
    props = feature.get("properties") if isinstance(feature, dict) else None
    props = props if isinstance(props, dict) else {}
    slug = props.get("slug") if isinstance(props.get("slug"), str) else ""
    reader = _Reader(parsed, where, slug or where)
    slug = reader.text(props, "slug", "properties.slug", required=True)
    name = reader.text(props, "facility", "properties.facility", required=True)
    provider = reader.text(props, "institution", "properties.institution", required=True)
    postal_code = reader.text(props, "postal_code", "properties.postal_code")
    if postal_code and not _POSTAL_CODE.fullmatch(postal_code):
        reader.problem("properties.postal_code", _("is not a five-digit postal code"))
    prerequisite = reader.text(props, "prerequisite", "properties.prerequisite")
    point = _point(reader, feature)
    offer: OfferData = {
        "name": name,
        "description": _flensburg_kita_description(reader, props),
        "phone": reader.text(props, "phone_number", "properties.phone_number"),
        "opening_hours": day_care_hours(
            reader.text(props, "opening_hours", "properties.opening_hours")
        ),
        "for_everyone": not prerequisite,
        "eligibility": f"Aufnahmekriterien: {prerequisite}" if prerequisite else "",
        "fee": Fee.UNKNOWN,
    }
    if not reader.ok or point is None:
        return reader, None
    place: PlaceData = {
        "name": name,
        "street_address": reader.text(props, "address", "properties.address"),
        "postal_code": postal_code,
        "city": "Flensburg",
        "latitude": point[0],
        "longitude": point[1],
    }
    external_id = f"flensburg-kita:{slug}"
    record = OfferRecord(external_id, where, _flensburg_provider(provider), DAY_CARE, offer, place)
    return reader, record


def read_kitas_flensburg(path: Path = KITAS_FLENSBURG_PATH) -> ParsedOffers:
    """Flensburg's day-care centres (open-kita-map GeoJSON): one offer per centre, at its
    place, run by the published institution ("Stadt" is the city, Stadt Flensburg). The
    ``prerequisite`` link (admission criteria of the Danish minority's centres) makes the
    offer restricted; places, integration groups, lunch and comments go into the text."""
    parsed = ParsedOffers(path.name, "Kitas Flensburg")
    return _read_all(parsed, _features(path, parsed), "features", _flensburg_kita)


# --- Flensburg: playgrounds -----------------------------------------------------------------


def _playground_address(text: str) -> tuple[str, str, str]:
    """(street, postal code, city) of "Mommsenstraße 47, 24943 Flensburg" or
    "24939, Schlagbaumweg"; other text is kept as the street as published."""
    if match := _STREET_TOWN.fullmatch(text):
        return match["street"], match["postal"], match["city"]
    if match := _TOWN_STREET.fullmatch(text):
        return match["street"], match["postal"], "Flensburg"
    return text, "", "Flensburg"


def _playground(
    parsed: ParsedOffers, feature: Any, where: str
) -> tuple[_Reader, OfferRecord | None]:
    props = feature.get("properties") if isinstance(feature, dict) else None
    props = props if isinstance(props, dict) else {}
    label = props.get("place") if isinstance(props.get("place"), str) else ""
    reader = _Reader(parsed, where, label or where)
    place_name = reader.text(props, "place", "properties.place", required=True)
    address = reader.text(props, "address", "properties.address")
    details = reader.text(props, "details", "properties.details")
    point = _point(reader, feature)
    if not reader.ok or point is None:
        return reader, None
    street, postal_code, city = _playground_address(address)
    equipment = ", ".join(part.strip() for part in details.split(",") if part.strip())
    name = f"Spielplatz {place_name}"
    offer: OfferData = {
        "name": name,
        "description": f"Ausstattung: {equipment}" if equipment else "",
        "fee": Fee.FREE,
    }
    place: PlaceData = {
        "name": name,
        "street_address": street,
        "postal_code": postal_code,
        "city": city,
        "latitude": point[0],
        "longitude": point[1],
    }
    external_id = f"flensburg-playground:{german_slug(place_name)}"
    return reader, OfferRecord(external_id, where, _FLENSBURG_CITY, PLAYGROUND, offer, place)


def read_playgrounds_flensburg(path: Path = PLAYGROUNDS_FLENSBURG_PATH) -> ParsedOffers:
    """Flensburg's public playgrounds (open-playgrounds-map GeoJSON): one free offer per
    playground, run by Stadt Flensburg, identified by its name; the equipment list goes
    into the text. The source gives no opening hours."""
    parsed = ParsedOffers(path.name, "Spielplätze Flensburg")
    return _read_all(parsed, _features(path, parsed), "features", _playground)


# --- Kiel: day-care centres (KitaPortal SH) -------------------------------------------------


def _kiel_hours(reader: _Reader, item: dict[str, Any]) -> str:
    """Opening hours from milliseconds after midnight (``openingHoursFrom``/``To``)."""
    start = reader.count(item, "openingHoursFrom", "openingHoursFrom")
    end = reader.count(item, "openingHoursTo", "openingHoursTo")
    if start is None or end is None:
        return ""
    if start % _MS_PER_MINUTE or end % _MS_PER_MINUTE:
        reader.problem("openingHoursFrom", _("is not a whole minute"))
        return ""
    first, last = start // _MS_PER_MINUTE, end // _MS_PER_MINUTE
    if not first < last <= _MINUTES_PER_DAY:
        reader.problem("openingHoursTo", _("does not end after the start on the same day"))
        return ""
    return day_care_hours(f"{_minutes_label(first)}-{_minutes_label(last)}")


def _kiel_description(reader: _Reader, item: dict[str, Any]) -> str:
    care_from = reader.count(item, "careFrom", "careFrom")
    care_to = reader.count(item, "careTo", "careTo")
    ages = ""
    if care_from is not None and care_to is not None:
        ages = f"Betreuungsalter: {care_from} bis {care_to} Monate"
    inclusive = reader.flag(item, "integrational", "integrational")
    concept = reader.text(item, "educationalConcept", "educationalConcept")
    religion = reader.text(item, "religioeseAusrichtung", "religioeseAusrichtung")
    return _lines(
        ages,
        "Integrative Einrichtung (Kinder mit und ohne Behinderung)" if inclusive else "",
        f"Pädagogisches Konzept: {concept}" if concept else "",
        f"Religiöse Ausrichtung: {religion}" if religion else "",
    )


def _kiel_place(reader: _Reader, item: dict[str, Any], name: str) -> PlaceData:
    address = item.get("address")
    if not isinstance(address, dict):
        reader.problem("address", _("is missing"))
        address = {}
    street = reader.text(address, "street", "address.street")
    number = reader.text(address, "number", "address.number")
    lat = reader.number(address, "latitude", "address.latitude")
    lon = reader.number(address, "longitude", "address.longitude")
    reader.coordinates(lat, lon, "address")
    barrier_free = reader.flag(item, "barrierfree", "barrierfree")
    # "barrierfree": false is an unticked box, not a finding that there are steps: only
    # true says something, and then about the entrance and wheelchair use.
    return {
        "name": name,
        "street_address": " ".join(part for part in (street, number) if part),
        "postal_code": reader.text(address, "postalcode", "address.postalcode"),
        "city": reader.text(address, "town", "address.town"),
        "latitude": lat,
        "longitude": lon,
        "step_free_entrance": True if barrier_free else None,
        "wheelchair": Wheelchair.YES if barrier_free else Wheelchair.UNKNOWN,
    }


def _kiel_kita(parsed: ParsedOffers, item: Any, where: str) -> tuple[_Reader, OfferRecord | None]:
    item = item if isinstance(item, dict) else {}
    ident = item.get("id")
    reader = _Reader(parsed, where, f"id {ident}" if ident is not None else where)
    if isinstance(ident, bool) or not isinstance(ident, int):
        reader.problem("id", _("is not a whole number: %(value)r") % {"value": ident})
    name = reader.text(item, "name", "name", required=True)
    provider = reader.text(item, "institution", "institution", required=True)
    offer: OfferData = {
        "name": name,
        "description": _kiel_description(reader, item),
        "opening_hours": _kiel_hours(reader, item),
        "fee": Fee.UNKNOWN,
    }
    place = _kiel_place(reader, item, name)
    if not reader.ok:
        return reader, None
    return reader, OfferRecord(f"kitaportal-sh:{ident}", where, provider, DAY_CARE, offer, place)


def read_kitas_kiel(path: Path = KITAS_KIEL_PATH) -> ParsedOffers:
    """Kiel's day-care centres from the Schleswig-Holstein KitaPortal (a JSON list): one
    offer per centre, identified by its KitaPortal id, at its address (coordinates are
    missing for a few centres and then left empty), run by the published institution.
    ``barrierfree`` true becomes a step-free entrance and wheelchair access; the opening
    hours are read from milliseconds after midnight."""
    parsed = ParsedOffers(path.name, "Kitas Kiel")
    items = _load(path, parsed)
    if items is not None and not isinstance(items, list):
        parsed.problems.append(ImportProblem(path.name, None, None, _("is not a JSON list")))
    return _read_all(parsed, items if isinstance(items, list) else [], "", _kiel_kita)
