"""What a barrier means for the accessibility of an offer's place within
:data:`NEAR_METRES`: which facts of ``directory.Place`` it sets while it stands and once
it is fixed. Every change is kept as a :class:`~.models.PlaceReport` (the walk as source),
which the place's provider confirms or rejects."""

from __future__ import annotations

import math
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from sozialraum.directory.models import Place
from sozialraum.lib.geo import haversine_m

from .models import Barrier, BarrierKind, KerbShape, PlaceReport, ReportStatus, Severity

#: A barrier this close to a place's point counts as at the place.
NEAR_METRES = 30.0

#: Facts that simply hold or not: kind -> the fact that is False while the barrier stands
#: and True once it is fixed.
_BOOLEAN_FACTS: dict[str, str] = {
    BarrierKind.STEP: "step_free_entrance",
    BarrierKind.MISSING_RAMP: "step_free_entrance",
    BarrierKind.KERB: "step_free_entrance",
    BarrierKind.NO_ACCESSIBLE_TOILET: "accessible_toilet",
    BarrierKind.NO_HEARING_LOOP: "hearing_loop",
}

#: Kinds that limit a wheelchair user's access to the place.
_WHEELCHAIR_KINDS = frozenset(
    {
        BarrierKind.STEP,
        BarrierKind.KERB,
        BarrierKind.MISSING_RAMP,
        BarrierKind.STEEP_SLOPE,
        BarrierKind.SURFACE,
        BarrierKind.OBSTACLE,
    }
)


def _counts(barrier: Barrier) -> bool:
    """A lowered or flush kerb stands in nobody's way."""
    return barrier.kind != BarrierKind.KERB or barrier.kerb_shape == KerbShape.RAISED


def standing_facts(barrier: Barrier) -> dict[str, Any]:
    """The place facts while ``barrier`` stands."""
    if not _counts(barrier):
        return {}
    facts: dict[str, Any] = {}
    if barrier.kind in _BOOLEAN_FACTS:
        facts[_BOOLEAN_FACTS[barrier.kind]] = False
    if barrier.kind in _WHEELCHAIR_KINDS:
        facts["wheelchair"] = "no" if barrier.severity == Severity.HIGH else "limited"
    return facts


def places_near(lat: float, lon: float) -> list[Place]:
    """Places with coordinates within :data:`NEAR_METRES` of the point (a bounding box in
    the database, the exact distance here)."""
    dlat = NEAR_METRES / 111_000
    dlon = dlat / max(math.cos(math.radians(lat)), 0.01)
    candidates = Place.objects.filter(
        latitude__range=(lat - dlat, lat + dlat), longitude__range=(lon - dlon, lon + dlon)
    ).only("pk", "name", "latitude", "longitude")
    return [
        p
        for p in candidates
        if p.latitude is not None
        and p.longitude is not None
        and haversine_m(lat, lon, p.latitude, p.longitude) <= NEAR_METRES
    ]


def _set_facts(barrier: Barrier, facts: dict[str, Any]) -> int:
    """Writes ``facts`` to every place near the barrier that differs, keeping a report."""
    changed = 0
    today = timezone.localdate()
    for near in places_near(barrier.latitude, barrier.longitude):
        place = Place.objects.select_for_update().get(pk=near.pk)
        updates = {f: v for f, v in facts.items() if getattr(place, f) != v}
        for field, value in updates.items():
            PlaceReport.objects.create(
                place=place,
                barrier=barrier,
                field=field,
                value=value,
                previous=getattr(place, field),
                reported_on=today,
            )
            setattr(place, field, value)
        if updates:
            place.save(update_fields=[*updates, "updated_at"])
            changed += 1
    return changed


def places_mark_barrier(barrier: Barrier) -> int:
    """The places near a standing barrier lose the facts it denies. Returns how many
    places changed."""
    return _set_facts(barrier, standing_facts(barrier))


def places_mark_fixed(barrier: Barrier) -> int:
    """The places near a fixed barrier: its yes/no facts hold now; wheelchair access goes
    back to what it was before the walk reported the barrier."""
    facts: dict[str, Any] = {}
    for field, value in standing_facts(barrier).items():
        if isinstance(value, bool):
            facts[field] = True
    first = barrier.reports.filter(field="wheelchair").order_by("pk").first()
    if first is not None:
        facts["wheelchair"] = first.previous or ""
    return _set_facts(barrier, facts)


def report_review(report: PlaceReport, *, user: Any, accept: bool) -> None:
    """The provider confirms a walk's report, or rejects it: then the fact goes back to
    what it was, unless something changed it since."""
    place = Place.objects.select_for_update().get(pk=report.place_id)
    if not accept and getattr(place, report.field) == report.value:
        setattr(place, report.field, report.previous)
        place.save(update_fields=[report.field, "updated_at"])
    report.status = ReportStatus.ACCEPTED if accept else ReportStatus.REJECTED
    report.reviewed_by = user
    report.reviewed_at = timezone.now()
    report.save(update_fields=["status", "reviewed_by", "reviewed_at"])


def latest_reports(places: list[Place]) -> QuerySet[PlaceReport]:
    """The reports not rejected on these places, newest first (for the offer page)."""
    return (
        PlaceReport.objects.filter(place__in=places)
        .exclude(status=ReportStatus.REJECTED)
        .select_related("barrier")
        .order_by("place_id", "field", "-reported_on", "-pk")
    )
