"""Map data for the plan pages, handed to the Leaflet island (``sozialraum/map.js``): the
person's district outline, the offers a search found, and the subjective map with the
places that matter, the offers of the person's referrals and of their resource ladder.
Every point on a map is also a row in a table on the same page."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils.translation import gettext as _

from sozialraum.casework.models import Person
from sozialraum.directory.models import Offer, Place

from .models import MARK_COLOURS, PersonalPlace, ResourceEntry

#: Outline colours of offer points (their fill is white) on the subjective map.
REFERRAL_STROKE = "#0b5c8c"
LADDER_STROKE = "#1a7f37"


def point(name: str, lat: float, lon: float, **properties: Any) -> dict[str, Any]:
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "properties": {"name": name, **properties},
    }


def _located(places: Any) -> Place | None:
    return next((p for p in places if p.latitude is not None and p.longitude is not None), None)


def offers_map(person: Person, pairs: list[tuple[Offer, Place | None]]) -> dict[str, Any]:
    """The person's district outline and the given offers' places."""
    district = person.district
    points = [
        point(
            offer.name,
            place.latitude,
            place.longitude,
            address=place.address,
            url=reverse("directory:detail", kwargs={"pk": offer.pk}),
        )
        for offer, place in pairs
        if place is not None and place.latitude is not None and place.longitude is not None
    ]
    return {
        "outline": [district.feature()] if district is not None and district.has_boundary else [],
        "children": [],
        "points": points,
        "tiles": {"url": settings.MAP_TILE_URL, "attribution": settings.MAP_TILE_ATTRIBUTION},
        "labels": {},
    }


def place_coordinates(place: PersonalPlace) -> tuple[float, float] | None:
    """The place's own point, else the first located place of its offer."""
    if place.latitude is not None and place.longitude is not None:
        return place.latitude, place.longitude
    located = _located(place.offer.places.all()) if place.offer is not None else None
    if located is None or located.latitude is None or located.longitude is None:
        return None
    return located.latitude, located.longitude


def subjective_map_rows(person: Person) -> dict[str, list[dict[str, Any]]]:
    """The rows of the subjective map's tables: places, referrals, ladder offers."""
    places = person.places.select_related("offer").prefetch_related("offer__places")
    referrals = (
        person.referrals.filter(offer__isnull=False)
        .select_related("offer", "goal")
        .prefetch_related("offer__places")
    )
    ladder = (
        ResourceEntry.objects.filter(goal__person=person, offer__isnull=False)
        .select_related("offer", "goal")
        .prefetch_related("offer__places")
    )
    return {
        "places": [
            {"place": p, "point": place_coordinates(p), "colour": MARK_COLOURS[p.mark]}
            for p in places
        ],
        "referrals": [
            {"referral": r, "place": _located(r.offer.places.all()) if r.offer else None}
            for r in referrals
        ],
        "ladder": [
            {"entry": e, "place": _located(e.offer.places.all()) if e.offer else None}
            for e in ladder
        ],
    }


def subjective_map(person: Person, rows: dict[str, list[dict[str, Any]]]) -> dict[str, Any]:
    """The subjective map: places in their mark's colour, referral and ladder offers as
    white points with a coloured outline."""
    data = offers_map(person, [])
    points = data["points"]
    for row in rows["places"]:
        if row["point"] is not None:
            place = row["place"]
            label = f"{place.name} – {place.get_mark_display()}"
            points.append(point(label, *row["point"], colour=row["colour"], mark=place.mark))
    for row in rows["referrals"]:
        referral = row["referral"]
        label = _("%(offer)s – referral: %(state)s") % {
            "offer": referral.offer.name,
            "state": referral.get_state_display(),
        }
        url = reverse("plan:referral", kwargs={"pk": person.pk, "referral_pk": referral.pk})
        points.extend(_offer_point(label, row["place"], url, REFERRAL_STROKE))
    for row in rows["ladder"]:
        offer = row["entry"].offer
        label = _("%(offer)s – on the resource ladder") % {"offer": offer.name}
        url = reverse("directory:detail", kwargs={"pk": offer.pk})
        points.extend(_offer_point(label, row["place"], url, LADDER_STROKE))
    return data


def _offer_point(label: str, place: Place | None, url: str, stroke: str) -> list[dict[str, Any]]:
    """An offer's point on the subjective map (white, outlined in ``stroke``), if located."""
    if place is None or place.latitude is None or place.longitude is None:
        return []
    return [point(label, place.latitude, place.longitude, url=url, colour="#ffffff", stroke=stroke)]
