"""The demo's neighbourhood walk in Flensburg-Nordstadt (fictional, marked "(Demo)"):
offices with routing rules, a walk with a route and counted participants, three
barriers (one at a demo offer's place when the directory has one), one of them fixed.

Idempotent: an existing demo walk is left as it is. Run after the demo organisations,
users and (for the barrier at an offer) the demo offers.
"""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from sozialraum.accounts.models import Organisation, User
from sozialraum.directory.models import Place
from sozialraum.districts.models import District

from .models import BarrierKind, BarrierState, Office, RoutingRule, Walk
from .services import barrier_record, barrier_transition

WALK_TITLE = "Begehung Nordstadt mit Rollstuhl und Rollator (Demo)"
DISTRICT_SLUG = "flensburg-nordstadt"
ORGANISATION_SLUG = "wohlfahrt-nord"
ORGANISER = "koordination"
#: The city's social services stand in for the city's offices in the demo.
OFFICE_ORGANISATION_SLUG = "stadt-flensburg-soziales"

#: office name -> kinds it is responsible for in every district.
OFFICES: dict[str, tuple[str, ...]] = {
    "Tiefbau Flensburg (Demo)": (
        BarrierKind.STEP,
        BarrierKind.KERB,
        BarrierKind.MISSING_RAMP,
        BarrierKind.STEEP_SLOPE,
        BarrierKind.SURFACE,
        BarrierKind.OBSTACLE,
        BarrierKind.POOR_LIGHT,
    ),
    "Gebäudemanagement Flensburg (Demo)": (
        BarrierKind.NO_ACCESSIBLE_TOILET,
        BarrierKind.NO_HEARING_LOOP,
    ),
}
FALLBACK = "Bürgerbüro Flensburg (Demo)"


def _offices(organisation: Organisation | None) -> None:
    Office.objects.get_or_create(
        name=FALLBACK, defaults={"is_fallback": True, "organisation": organisation}
    )
    for name, kinds in OFFICES.items():
        office, _created = Office.objects.get_or_create(
            name=name, defaults={"organisation": organisation}
        )
        for kind in kinds:
            RoutingRule.objects.get_or_create(kind=kind, district=None, defaults={"office": office})


def _centre(district: District) -> tuple[float, float]:
    assert district.min_lat is not None and district.max_lat is not None
    assert district.min_lon is not None and district.max_lon is not None
    return (district.min_lat + district.max_lat) / 2, (district.min_lon + district.max_lon) / 2


@transaction.atomic
def demo_walk_load() -> list[str]:
    """Loads the demo walk if it is missing; returns the report's lines."""
    district = District.objects.filter(slug=DISTRICT_SLUG).first()
    organiser = User.objects.filter(username=ORGANISER).first()
    organisation = Organisation.objects.filter(slug=ORGANISATION_SLUG).first()
    if district is None or organiser is None or organisation is None or not district.has_boundary:
        return ["barriers: demo walk skipped (district, organiser or organisation missing)"]
    _offices(Organisation.objects.filter(slug=OFFICE_ORGANISATION_SLUG).first())
    if Walk.objects.filter(title=WALK_TITLE).exists():
        return ["barriers: demo walk already loaded, left as it is"]
    lat, lon = _centre(district)
    route = [[round(lat + d, 6), round(lon + d / 2, 6)] for d in (-0.002, -0.001, 0.0, 0.001)]
    walk = Walk.objects.create(
        title=WALK_TITLE,
        organisation=organisation,
        district=district,
        walked_on=dt.date(2026, 11, 14),
        route=route,
        organiser=organiser,
        participants=9,
        wheelchair_users=2,
        rollator_users=2,
        blind_participants=1,
        deaf_participants=1,
        notes="Fiktive Begehung für die Demo.",
    )
    place = Place.objects.filter(district=district, latitude__isnull=False).order_by("pk").first()
    at_offer = (place.latitude, place.longitude) if place else (route[2][0], route[2][1])
    step = barrier_record(
        reporter=organiser,
        walk=walk,
        kind=BarrierKind.STEP,
        height_cm=14,
        latitude=at_offer[0],
        longitude=at_offer[1],
        address=place.address if place else "",
        notes="Stufe am Eingang ohne Rampe (Demo).",
    )
    barrier_record(
        reporter=organiser,
        walk=walk,
        kind=BarrierKind.KERB,
        kerb_shape="raised",
        height_cm=9,
        severity=3,
        latitude=route[0][0],
        longitude=route[0][1],
        notes="Bordstein an der Querung nicht abgesenkt (Demo).",
    )
    light = barrier_record(
        reporter=organiser,
        walk=walk,
        kind=BarrierKind.POOR_LIGHT,
        severity=1,
        permanent=False,
        latitude=route[1][0],
        longitude=route[1][1],
        notes="Durchgang abends sehr dunkel (Demo).",
    )
    barrier_transition(barrier=step, state=BarrierState.ACKNOWLEDGED, actor=organiser)
    barrier_transition(barrier=light, state=BarrierState.ACKNOWLEDGED, actor=organiser)
    barrier_transition(
        barrier=light, state=BarrierState.FIXED, actor=organiser, note="Leuchte ersetzt (Demo)."
    )
    return [f"barriers: demo walk loaded with 3 barriers in {district.name}"]
