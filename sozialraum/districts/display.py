"""Boundaries as pages draw them: simplified and rounded, computed once when a boundary is
saved (``District.boundary_display``). The exact boundary stays for point lookups.

Flensburg's city outline is 130 KB of GeoJSON with points a few centimetres apart; a map
at city or district scale cannot show detail below a few metres, so the display copy drops
vertices closer than :data:`TOLERANCE_DEGREES` to the simplified line (Douglas-Peucker,
``preserve_topology`` so no ring crosses itself or vanishes) and rounds coordinates to
:data:`DECIMALS` places (about 1 m). Neighbours are simplified one by one, so their shared
border may differ by up to the tolerance on either side: a few metres, below what the maps
show.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sozialraum.lib.geo import geojson_from_shape, shape_from_geojson

#: About 5.5 m north-south, 3.3 m east-west at 54° north.
TOLERANCE_DEGREES = 0.00005
#: Five decimal places of a degree: about 1.1 m.
DECIMALS = 5


def _rounded(coordinates: Any) -> Any:
    if isinstance(coordinates, (int, float)):
        return round(float(coordinates), DECIMALS)
    return [_rounded(part) for part in coordinates]


def display_geometry(boundary: Mapping[str, Any] | None) -> dict[str, Any] | None:
    """``boundary`` (a GeoJSON Polygon or MultiPolygon) simplified and rounded for maps;
    the boundary itself where simplifying would leave nothing; None for None."""
    if not boundary:
        return None
    shape = shape_from_geojson(boundary)
    simplified = shape.simplify(TOLERANCE_DEGREES, preserve_topology=True)
    geometry = geojson_from_shape(shape if simplified.is_empty else simplified)
    return {"type": geometry["type"], "coordinates": _rounded(geometry["coordinates"])}
