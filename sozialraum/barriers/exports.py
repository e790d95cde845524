"""Barriers for maps and for others' systems: GeoJSON points for the map, OpenStreetMap
tags (``barrier=kerb`` + ``kerb=raised`` + ``kerb:height``, ``incline``, ``surface`` ...)
and A11yJSON (sozialhelden/a11yjson) properties for each barrier."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.urls import reverse

from sozialraum.districts.models import District

from .models import Barrier, BarrierKind, BarrierState

#: Point colours by state (the table beside the map names the state in words).
STATE_COLOURS: dict[str, str] = {
    BarrierState.OPEN: "#b3261e",
    BarrierState.ACKNOWLEDGED: "#a15c00",
    BarrierState.PLANNED: "#6b4fa0",
    BarrierState.FIXED: "#1a7f37",
    BarrierState.WONT_FIX: "#555555",
}

#: Each kind as OpenStreetMap tags (a barrier node's or a way's, as the wiki documents).
_OSM_TAGS: dict[str, dict[str, str]] = {
    BarrierKind.STEP: {"barrier": "step"},
    BarrierKind.KERB: {"barrier": "kerb"},
    BarrierKind.MISSING_RAMP: {"barrier": "step", "ramp": "no", "ramp:wheelchair": "no"},
    BarrierKind.STEEP_SLOPE: {"incline": "steep"},
    BarrierKind.SURFACE: {"smoothness": "bad"},
    BarrierKind.OBSTACLE: {"barrier": "yes"},
    BarrierKind.NO_ACCESSIBLE_TOILET: {"toilets:wheelchair": "no"},
    BarrierKind.NO_HEARING_LOOP: {"hearing_loop": "no"},
    BarrierKind.POOR_LIGHT: {"lit": "no"},
    BarrierKind.SIGNAGE: {"tactile_writing": "no"},
}


def osm_tags(barrier: Barrier) -> dict[str, str]:
    """The barrier as OpenStreetMap tags; ``wheelchair`` follows its severity."""
    tags = dict(_OSM_TAGS[barrier.kind])
    if barrier.kind == BarrierKind.KERB and barrier.kerb_shape:
        tags["kerb"] = barrier.kerb_shape
    if barrier.height_cm is not None:
        key = "kerb:height" if barrier.kind == BarrierKind.KERB else "height"
        tags[key] = f"{barrier.height_cm / 100:.2f}"
    tags["wheelchair"] = {1: "limited", 2: "limited", 3: "no"}[barrier.severity]
    if not barrier.permanent:
        tags["temporary"] = "yes"
    return tags


def a11yjson(barrier: Barrier) -> dict[str, Any]:
    """The barrier's accessibility in A11yJSON terms (``PlaceInfo.properties.accessibility``)."""
    accessibility: dict[str, Any] = {}
    kind = barrier.kind
    if kind in {BarrierKind.STEP, BarrierKind.MISSING_RAMP, BarrierKind.KERB}:
        entrance: dict[str, Any] = {
            "isLevel": kind == BarrierKind.KERB and barrier.kerb_shape == "flush"
        }
        if kind == BarrierKind.MISSING_RAMP:
            entrance["hasFixedRamp"] = False
        if barrier.height_cm is not None:
            entrance["stairs"] = {"stepHeight": {"value": barrier.height_cm, "unit": "cm"}}
        accessibility["entrances"] = [entrance]
    elif kind == BarrierKind.NO_ACCESSIBLE_TOILET:
        accessibility["restrooms"] = [{"isAccessibleWithWheelchair": False}]
    elif kind == BarrierKind.NO_HEARING_LOOP:
        accessibility["hasInductionLoop"] = False
    elif kind == BarrierKind.POOR_LIGHT:
        accessibility["isWellLit"] = False
    if barrier.severity == 3:
        accessibility["accessibleWith"] = {"wheelchair": False}
    elif kind not in {BarrierKind.NO_HEARING_LOOP, BarrierKind.POOR_LIGHT, BarrierKind.SIGNAGE}:
        accessibility["partiallyAccessibleWith"] = {"wheelchair": True}
    return accessibility


def barrier_feature(barrier: Barrier) -> dict[str, Any]:
    """A GeoJSON Feature of the barrier carrying both vocabularies."""
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [barrier.longitude, barrier.latitude]},
        "properties": {
            "id": barrier.pk,
            "name": barrier.get_kind_display(),
            "state": barrier.state,
            "severity": barrier.severity,
            "address": barrier.address,
            "reported": barrier.reported_at.date().isoformat(),
            "osm_tags": osm_tags(barrier),
            "accessibility": a11yjson(barrier),
        },
    }


def barriers_geojson(barriers: Iterable[Barrier]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": [barrier_feature(b) for b in barriers]}


def _point(barrier: Barrier, *, linked: bool) -> dict[str, Any]:
    label = f"{barrier.get_kind_display()} – {barrier.get_state_display()}"
    properties: dict[str, Any] = {"name": label, "colour": STATE_COLOURS[barrier.state]}
    if linked:
        properties["url"] = reverse("barriers:barrier", kwargs={"barrier_pk": barrier.pk})
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [barrier.longitude, barrier.latitude]},
        "properties": properties,
    }


def barrier_map(
    district: District | None, barriers: Iterable[Barrier], *, linked: bool
) -> dict[str, Any]:
    """Map data for ``sozialraum/map.js``: the district's outline and the barriers."""
    outline = [district.feature()] if district is not None and district.has_boundary else []
    return {
        "outline": outline,
        "children": [],
        "points": [_point(b, linked=linked) for b in barriers],
        "tiles": {"url": settings.MAP_TILE_URL, "attribution": settings.MAP_TILE_ATTRIBUTION},
        "labels": {},
    }


def route_map(
    walk_district: District | None, route: list[list[float]], barriers: Iterable[Barrier]
) -> dict[str, Any]:
    """Data for the route map (``barriers/route_map.js``): outline, route line, barriers."""
    data = barrier_map(walk_district, barriers, linked=False)
    data["route"] = route
    return data
