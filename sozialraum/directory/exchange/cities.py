"""Readers and imports of the published lists of day-care centres (Flensburg, Kiel) and
playgrounds (Flensburg): each reads its file into :class:`~.records.OfferRecord` items and
hands them to :func:`~.imports.offers_import`. The caller names the file; the imports
without one read the shipped copy under the setting ``DEMO_DATA_DIR`` (passed down, so the
directory does not reach into the demo app)."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _

from sozialraum.lib.importing import ImportProblem
from sozialraum.lib.text import german_slug
from sozialraum.lib.textfiles import DEFAULT_ENCODING

from ..models import Fee, Wheelchair
from ..services import OfferData, PlaceData
from .imports import OfferImportReport, offers_import
from .records import (
    OfferRecord,
    ParsedOffers,
    RecordReader,
    geojson_features,
    geojson_point,
    json_load,
    lines_joined,
    records_read,
)

#: The published files, relative to the data folder (the setting ``DEMO_DATA_DIR`` holds
#: the shipped copies).
KITAS_FLENSBURG_FILE = Path("flensburg", "kitas_flensburg.geojson")
PLAYGROUNDS_FLENSBURG_FILE = Path("flensburg", "spielplaetze_flensburg.geojson")
KITAS_KIEL_FILE = Path("kiel", "kitas_kiel.json")


def shipped(file: Path) -> Path:
    """The shipped copy of a published ``file`` (under the setting ``DEMO_DATA_DIR``)."""
    return Path(settings.DEMO_DATA_DIR) / file


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


# --- Flensburg: day-care centres ------------------------------------------------------------

#: The city's own centres are listed with the institution "Stadt".
_FLENSBURG_CITY = "Stadt Flensburg"


def _flensburg_provider(name: str) -> str:
    return _FLENSBURG_CITY if name == "Stadt" else name


def _flensburg_kita_description(reader: RecordReader, props: Any) -> str:
    places = reader.count(props, "childcare_places", "properties.childcare_places")
    inclusive = reader.count(props, "integrational", "properties.integrational")
    lunch = props.get("lunch_offer") is True
    return lines_joined(
        reader.text(props, "comments", "properties.comments"),
        f"Plätze: {places}" if places else "",
        f"Integrationsgruppen: {inclusive}" if inclusive else "",
        "Mittagessen wird angeboten" if lunch else "",
    )


def _flensburg_kita(
    parsed: ParsedOffers, feature: Any, where: str
) -> tuple[RecordReader, OfferRecord | None]:
    props = feature.get("properties") if isinstance(feature, dict) else None
    props = props if isinstance(props, dict) else {}
    slug = props.get("slug") if isinstance(props.get("slug"), str) else ""
    reader = RecordReader(parsed, where, slug or where)
    slug = reader.text(props, "slug", "properties.slug", required=True)
    name = reader.text(props, "facility", "properties.facility", required=True)
    provider = reader.text(props, "institution", "properties.institution", required=True)
    postal_code = reader.text(props, "postal_code", "properties.postal_code")
    if postal_code and not _POSTAL_CODE.fullmatch(postal_code):
        reader.problem("properties.postal_code", _("is not a five-digit postal code"))
    prerequisite = reader.text(props, "prerequisite", "properties.prerequisite")
    point = geojson_point(reader, feature)
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


def read_kitas_flensburg(path: Path, encoding: str = DEFAULT_ENCODING) -> ParsedOffers:
    """Flensburg's day-care centres (open-kita-map GeoJSON): one offer per centre, at its
    place, run by the published institution ("Stadt" is the city, Stadt Flensburg). The
    ``prerequisite`` link (admission criteria of the Danish minority's centres) makes the
    offer restricted; places, integration groups, lunch and comments go into the text."""
    parsed = ParsedOffers(path.name, "Kitas Flensburg", encoding=encoding)
    return records_read(parsed, geojson_features(path, parsed), "features", _flensburg_kita)


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
) -> tuple[RecordReader, OfferRecord | None]:
    props = feature.get("properties") if isinstance(feature, dict) else None
    props = props if isinstance(props, dict) else {}
    label = props.get("place") if isinstance(props.get("place"), str) else ""
    reader = RecordReader(parsed, where, label or where)
    place_name = reader.text(props, "place", "properties.place", required=True)
    address = reader.text(props, "address", "properties.address")
    details = reader.text(props, "details", "properties.details")
    point = geojson_point(reader, feature)
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


def read_playgrounds_flensburg(path: Path, encoding: str = DEFAULT_ENCODING) -> ParsedOffers:
    """Flensburg's public playgrounds (open-playgrounds-map GeoJSON): one free offer per
    playground, run by Stadt Flensburg, identified by its name; the equipment list goes
    into the text. The source gives no opening hours."""
    parsed = ParsedOffers(path.name, "Spielplätze Flensburg", encoding=encoding)
    return records_read(parsed, geojson_features(path, parsed), "features", _playground)


# --- Kiel: day-care centres (KitaPortal SH) -------------------------------------------------


def _kiel_hours(reader: RecordReader, item: dict[str, Any]) -> str:
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


def _kiel_description(reader: RecordReader, item: dict[str, Any]) -> str:
    care_from = reader.count(item, "careFrom", "careFrom")
    care_to = reader.count(item, "careTo", "careTo")
    ages = ""
    if care_from is not None and care_to is not None:
        ages = f"Betreuungsalter: {care_from} bis {care_to} Monate"
    inclusive = reader.flag(item, "integrational", "integrational")
    concept = reader.text(item, "educationalConcept", "educationalConcept")
    religion = reader.text(item, "religioeseAusrichtung", "religioeseAusrichtung")
    return lines_joined(
        ages,
        "Integrative Einrichtung (Kinder mit und ohne Behinderung)" if inclusive else "",
        f"Pädagogisches Konzept: {concept}" if concept else "",
        f"Religiöse Ausrichtung: {religion}" if religion else "",
    )


def _kiel_place(reader: RecordReader, item: dict[str, Any], name: str) -> PlaceData:
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


def _kiel_kita(
    parsed: ParsedOffers, item: Any, where: str
) -> tuple[RecordReader, OfferRecord | None]:
    item = item if isinstance(item, dict) else {}
    ident = item.get("id")
    reader = RecordReader(parsed, where, f"id {ident}" if ident is not None else where)
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
    record = OfferRecord(f"kitaportal-sh:{ident}", where, provider, DAY_CARE, offer, place)
    return reader, replace(record, district_named=_kiel_district(item, place))


def _kiel_district(item: dict[str, Any], place: PlaceData) -> str:
    """The Stadtteil the KitaPortal names ("Kiel - Wik" -> "Wik"). Its field names Kiel's
    18 Ortsbeiratsbezirke, most of them several Stadtteile ("Kiel - Pries/Friedrichsort");
    such a name matches no single Stadtteil and leaves the place without a district."""
    address = item.get("address")
    named = address.get("district") if isinstance(address, dict) else None
    if not isinstance(named, str):
        return ""
    return named.removeprefix(f"{place.get('city') or 'Kiel'} - ").strip()


def read_kitas_kiel(path: Path, encoding: str = DEFAULT_ENCODING) -> ParsedOffers:
    """Kiel's day-care centres from the Schleswig-Holstein KitaPortal (a JSON list): one
    offer per centre, identified by its KitaPortal id, at its address (coordinates are
    missing for a few centres and then left empty), run by the published institution.
    ``barrierfree`` true becomes a step-free entrance and wheelchair access; the opening
    hours are read from milliseconds after midnight."""
    parsed = ParsedOffers(path.name, "Kitas Kiel", encoding=encoding)
    items = json_load(path, parsed)
    if items is not None and not isinstance(items, list):
        parsed.problems.append(ImportProblem(path.name, None, None, _("is not a JSON list")))
    return records_read(parsed, items if isinstance(items, list) else [], "", _kiel_kita)


# --- Imports --------------------------------------------------------------------------------


def kitas_flensburg_import(
    *,
    path: Path | None = None,
    skip_invalid: bool = False,
    dry_run: bool = False,
    encoding: str = DEFAULT_ENCODING,
) -> OfferImportReport:
    """Imports Flensburg's day-care centres (see :func:`read_kitas_flensburg`)
    as offers in the category children_day_care. See :func:`offers_import` for the rules."""
    return offers_import(
        read_kitas_flensburg(path or shipped(KITAS_FLENSBURG_FILE), encoding),
        skip_invalid=skip_invalid,
        dry_run=dry_run,
    )


def playgrounds_flensburg_import(
    *,
    path: Path | None = None,
    skip_invalid: bool = False,
    dry_run: bool = False,
    encoding: str = DEFAULT_ENCODING,
) -> OfferImportReport:
    """Imports Flensburg's playgrounds (see :func:`read_playgrounds_flensburg`)
    as free offers of Stadt Flensburg in the category playground."""
    return offers_import(
        read_playgrounds_flensburg(path or shipped(PLAYGROUNDS_FLENSBURG_FILE), encoding),
        skip_invalid=skip_invalid,
        dry_run=dry_run,
    )


def kitas_kiel_import(
    *,
    path: Path | None = None,
    skip_invalid: bool = False,
    dry_run: bool = False,
    encoding: str = DEFAULT_ENCODING,
) -> OfferImportReport:
    """Imports Kiel's day-care centres from the KitaPortal (see
    :func:`read_kitas_kiel`) as offers in the category children_day_care."""
    return offers_import(
        read_kitas_kiel(path or shipped(KITAS_KIEL_FILE), encoding),
        skip_invalid=skip_invalid,
        dry_run=dry_run,
    )
