"""Our offers in the shape of Open Referral HSDS 3 (the JSON exchange format and the API):
an ``Offer`` is a ``service``, a ``Place`` a ``location``, the provider an
``organization``, a ``CostOption`` a ``cost_option``, categories are ``attributes`` with
``taxonomy_term``s. Reading HSDS back into our models is in ``hsds_io.py``.

Identifiers: HSDS wants UUIDs. An object imported from HSDS keeps its id (stored as
external id ``hsds:<uuid>``); every other object gets a stable UUID 5 derived from its
external id (or primary key), so repeated exports name the same object the same way.

Opening hours: plain weekly OSM rules ("Mo-Fr 08:00-16:00; Sa 10:00-12:00", days not
overlapping) become one HSDS schedule per rule and time span (``freq`` WEEKLY, ``byday``,
``opens_at``, ``closes_at``); anything else (holidays, months, overlapping rules, 24:00)
becomes one schedule with the rule as ``description``. Every schedule carries the exact
OSM string in ``notes`` (``OSM opening_hours: ...``), which an import of our own export
reads back unchanged.

Accessibility: one HSDS ``accessibility`` entry per known fact, with a German
``description`` and the fact as an OSM tag in ``details`` (``wheelchair=limited``; see
``osm.ACCESSIBILITY_TAGS``), which the import reads back.

Taxonomies: each category is a term of our vocabulary ``sozialraum`` (code = category
code) plus the terms of published vocabularies in ``Category.hsds_terms``; the legal basis
is a term of ``sozialraum-legal-basis`` and demo offers carry the term ``demo`` of
``sozialraum-data-status``.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.conf.locale import LANG_INFO
from django.db.models import Prefetch, QuerySet

from sozialraum.accounts.models import Organisation

from ..models import Category, Fee, LegalBasis, Offer, Place
from .osm import ACCESSIBILITY_TAGS, place_osm_tags

#: Namespace of the UUID 5 identifiers we derive (fixed: changing it renames everything).
HSDS_NAMESPACE = uuid.UUID("6f1d3c52-7d0e-5b8a-9a51-3c2e0b6c9e10")
HSDS_ID_PREFIX = "hsds:"
TAXONOMY = "sozialraum"
LEGAL_BASIS_TAXONOMY = "sozialraum-legal-basis"
STATUS_TAXONOMY = "sozialraum-data-status"
DEMO_CODE = "demo"
OPENING_HOURS_NOTE = "OSM opening_hours: "
#: An address lacking street, postal code or city cannot be an HSDS address (all are
#: required, and a CSV cell cannot be empty); it goes into the location's description
#: as these labelled lines instead, which the import reads back.
ADDRESS_LINES = ("Straße", "PLZ", "Ort")
FEES_FREE = "kostenlos"
FEES_PAID = "kostenpflichtig"

_TAXONOMY_DESCRIPTIONS = {
    TAXONOMY: "Kategorien der Sozialraum-Erfassung (Angebotsverzeichnis)",
    LEGAL_BASIS_TAXONOMY: "Rechtsgrundlage eines Angebots (Sozialgesetzbuch)",
    STATUS_TAXONOMY: "Status der Daten (z. B. Demo-Daten)",
}

#: German labels of the accessibility facts for HSDS ``accessibility.description``.
ACCESSIBILITY_LABELS = {
    "wheelchair": "Rollstuhlgerecht",
    "accessible_toilet": "Rollstuhlgerechte Toilette",
    "hearing_loop": "Induktionsschleife",
    "disabled_parking": "Behindertenparkplatz",
    "step_free_entrance": "Stufenloser Eingang",
    "guide_dogs_welcome": "Blindenführhunde willkommen",
    "easy_language_material": "Material in Leichter Sprache",
}
_VALUE_LABELS = {"yes": "ja", "no": "nein", "limited": "teilweise"}

DAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
_DAY = "(?:Mo|Tu|We|Th|Fr|Sa|Su)"
_SPAN = r"[0-2][0-9]:[0-5][0-9]-[0-2][0-9]:[0-5][0-9]"
_RULE = re.compile(
    rf"(?P<days>{_DAY}(?:-{_DAY})?(?:,{_DAY}(?:-{_DAY})?)*) (?P<spans>{_SPAN}(?:,{_SPAN})*)"
)


def hsds_uuid(kind: str, key: str) -> str:
    """A stable UUID 5 for an object of ``kind`` known by ``key``."""
    return str(uuid.uuid5(HSDS_NAMESPACE, f"{kind}:{key}"))


def _own_id(kind: str, external_id: str | None, pk: int | None) -> str:
    if external_id and external_id.startswith(HSDS_ID_PREFIX):
        return external_id.removeprefix(HSDS_ID_PREFIX)
    return hsds_uuid(kind, external_id or f"pk:{pk}")


def offer_hsds_id(offer: Offer) -> str:
    return _own_id("service", offer.external_id, offer.pk)


def place_hsds_id(place: Place) -> str:
    return _own_id("location", place.external_id, place.pk)


def organisation_hsds_id(organisation: Organisation) -> str:
    return hsds_uuid("organization", organisation.slug)


def offers_for_export(offers: QuerySet[Offer]) -> QuerySet[Offer]:
    """``offers`` with everything :func:`hsds_service` reads, in a fixed number of queries."""
    return offers.select_related("provider").prefetch_related(
        "cost_options",
        Prefetch("places", queryset=Place.objects.order_by("pk")),
        Prefetch("categories", queryset=Category.objects.order_by("code")),
    )


# --- Opening hours --------------------------------------------------------------------------


def _day_list(days: str) -> list[int] | None:
    result: list[int] = []
    for part in days.split(","):
        first, _, last = part.partition("-")
        start, end = DAYS.index(first), DAYS.index(last or first)
        if end < start:
            return None
        result.extend(range(start, end + 1))
    return result


def day_ranges(days: Iterable[int]) -> str:
    """OSM weekday ranges for weekday numbers: [0, 1, 2, 4] -> "Mo-We,Fr"."""
    runs: list[list[int]] = []
    for day in sorted(set(days)):
        if runs and runs[-1][-1] == day - 1:
            runs[-1].append(day)
        else:
            runs.append([day])
    return ",".join(
        DAYS[run[0]]
        if len(run) == 1
        else f"{DAYS[run[0]]}{'-' if len(run) > 2 else ','}{DAYS[run[-1]]}"
        for run in runs
    )


def weekly_rules(hours: str) -> list[tuple[list[int], str, str]] | None:
    """``[(weekday numbers, "08:00", "16:00"), ...]`` for plain weekly OSM hours whose rules
    name disjoint days; None for anything else (then only the text is exported)."""
    rules: list[tuple[list[int], str, str]] = []
    seen: set[int] = set()
    for text in (part.strip() for part in hours.split(";") if part.strip()):
        match = _RULE.fullmatch(text)
        days = _day_list(match["days"]) if match else None
        if match is None or days is None or seen & set(days):
            return None
        seen.update(days)
        for span in match["spans"].split(","):
            opens, closes = span.split("-")
            if not opens < closes < "24:00":
                return None
            rules.append((days, opens, closes))
    return rules or None


def hsds_schedules(hours: str, service_id: str) -> list[dict[str, Any]]:
    """HSDS schedules for OSM ``hours`` (see the module text); [] for unknown hours."""
    if not hours:
        return []
    note = f"{OPENING_HOURS_NOTE}{hours}"
    rules = weekly_rules(hours)
    if rules is None:
        return [
            {"id": hsds_uuid("schedule", f"{service_id}:0"), "description": hours, "notes": note}
        ]
    return [
        {
            "id": hsds_uuid("schedule", f"{service_id}:{number}"),
            "freq": "WEEKLY",
            "byday": ",".join(DAYS[day].upper() for day in days),
            "opens_at": f"{opens}:00",
            "closes_at": f"{closes}:00",
            "description": hours,
            "notes": note,
        }
        for number, (days, opens, closes) in enumerate(rules)
    ]


# --- Taxonomy -------------------------------------------------------------------------------


def _term(taxonomy: str, code: str, name: str, description: str = "") -> dict[str, Any]:
    taxonomy_id = hsds_uuid("taxonomy", taxonomy)
    return {
        "id": hsds_uuid("taxonomy_term", f"{taxonomy}:{code}"),
        "code": code,
        "name": name,
        "description": description or name,
        "taxonomy": taxonomy,
        "taxonomy_id": taxonomy_id,
        "taxonomy_detail": {
            "id": taxonomy_id,
            "name": taxonomy,
            "description": _TAXONOMY_DESCRIPTIONS.get(taxonomy, taxonomy),
        },
    }


def offer_terms(offer: Offer) -> list[dict[str, Any]]:
    """The HSDS taxonomy terms of the offer: categories, legal basis, demo marking."""
    terms = []
    for category in offer.categories.all():
        terms.append(_term(TAXONOMY, category.code, category.name, category.description))
        terms.extend(
            _term(str(term["vocabulary"]), str(term["code"]), str(term["term"]))
            for term in category.hsds_terms
        )
    if offer.legal_basis:
        label = str(LegalBasis(offer.legal_basis).label)
        terms.append(_term(LEGAL_BASIS_TAXONOMY, offer.legal_basis, label))
    if offer.is_demo:
        terms.append(_term(STATUS_TAXONOMY, DEMO_CODE, "Demo-Daten"))
    return terms


def _attributes(service_id: str, terms: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    return [
        {
            "id": hsds_uuid("attribute", f"{service_id}:{term['id']}"),
            "link_id": service_id,
            "link_type": "service",
            "link_entity": "service",
            "taxonomy_term_id": term["id"],
            "taxonomy_term": term,
        }
        for term in terms
    ]


# --- Objects --------------------------------------------------------------------------------


def hsds_organization(organisation: Organisation) -> dict[str, Any]:
    """The provider as an HSDS organization (its one-to-one fields)."""
    data: dict[str, Any] = {
        "id": organisation_hsds_id(organisation),
        "name": organisation.name,
        # Required, and a CSV cell cannot be empty: we keep no description of providers.
        "description": organisation.name,
    }
    if organisation.email:
        data["email"] = organisation.email
    if organisation.website:
        data["website"] = organisation.website
    return data


def hsds_accessibility(place: Place, location_id: str) -> list[dict[str, Any]]:
    """One HSDS accessibility entry per known fact (German text, OSM tag in details)."""
    tags = place_osm_tags(place)
    return [
        {
            "id": hsds_uuid("accessibility", f"{location_id}:{key}"),
            "description": f"{ACCESSIBILITY_LABELS[field]}: {_VALUE_LABELS[tags[key]]}",
            "details": f"{key}={tags[key]}",
        }
        for field, key in ACCESSIBILITY_TAGS.items()
        if key in tags
    ]


def hsds_location(place: Place) -> dict[str, Any]:
    """The place as an HSDS location with its address, coordinates and accessibility."""
    location_id = place_hsds_id(place)
    data: dict[str, Any] = {"id": location_id, "location_type": "physical", "name": place.name}
    if place.latitude is not None and place.longitude is not None:
        data["latitude"] = place.latitude
        data["longitude"] = place.longitude
    parts = (place.street_address, place.postal_code, place.city)
    if all(parts):
        data["addresses"] = [
            {
                "id": hsds_uuid("address", location_id),
                "address_1": place.street_address,
                "city": place.city,
                # HSDS requires a state in every address; our places have none.
                "state_province": settings.HSDS_STATE_PROVINCE,
                "postal_code": place.postal_code,
                "country": "DE",
                "address_type": "physical",
            }
        ]
    elif any(parts):
        lines = zip(ADDRESS_LINES, parts, strict=True)
        data["description"] = "\n".join(f"{label}: {part}" for label, part in lines)
    data["accessibility"] = hsds_accessibility(place, location_id)
    return data


def _cost_options(offer: Offer, service_id: str) -> list[dict[str, Any]]:
    options = []
    for number, option in enumerate(offer.cost_options.all()):
        data: dict[str, Any] = {
            "id": hsds_uuid("cost_option", f"{service_id}:{number}"),
            "amount": float(option.amount),
            "currency": option.currency,
        }
        if option.option:
            data["option"] = option.option
        if option.valid_from:
            data["valid_from"] = option.valid_from.isoformat()
        if option.valid_to:
            data["valid_to"] = option.valid_to.isoformat()
        options.append(data)
    return options


def _languages(offer: Offer, service_id: str) -> list[dict[str, Any]]:
    return [
        {
            "id": hsds_uuid("language", f"{service_id}:{code}"),
            "code": code,
            "name": LANG_INFO.get(code, {}).get("name_local", code),
        }
        for code in offer.languages
    ]


def _service_basics(offer: Offer, service_id: str) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": service_id,
        "name": offer.name,
        "description": offer.description,
        "status": "active",
        "last_modified": offer.updated_at.isoformat(),
    }
    optional = {
        "url": offer.url,
        "email": offer.email,
        "eligibility_description": "" if offer.for_everyone else offer.eligibility,
        "fees_description": {Fee.FREE: FEES_FREE, Fee.PAID: FEES_PAID}.get(Fee(offer.fee), ""),
        "assured_date": offer.last_confirmed_at.date().isoformat()
        if offer.last_confirmed_at
        else "",
    }
    data.update({key: value for key, value in optional.items() if value})
    return data


def hsds_service(offer: Offer) -> dict[str, Any]:
    """The offer as a fully nested HSDS 3 service (validates against the compiled
    ``service.json``). Use :func:`offers_for_export` to avoid a query per relation."""
    service_id = offer_hsds_id(offer)
    data = _service_basics(offer, service_id)
    data["organization"] = hsds_organization(offer.provider)
    if offer.phone:
        data["phones"] = [{"id": hsds_uuid("phone", service_id), "number": offer.phone}]
    data["schedules"] = hsds_schedules(offer.opening_hours, service_id)
    data["languages"] = _languages(offer, service_id)
    data["cost_options"] = _cost_options(offer, service_id)
    data["service_at_locations"] = [
        {
            "id": hsds_uuid("service_at_location", f"{service_id}:{place_hsds_id(place)}"),
            "location": hsds_location(place),
        }
        for place in offer.places.all()
    ]
    data["attributes"] = _attributes(service_id, offer_terms(offer))
    return data


def hsds_export_json(offers: QuerySet[Offer]) -> list[dict[str, Any]]:
    """Every offer of ``offers`` as an HSDS service (see :func:`hsds_service`)."""
    return [hsds_service(offer) for offer in offers_for_export(offers)]
