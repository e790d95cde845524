"""Map data of a district's ideas for the Leaflet island (``sozialraum/map.js``): the
district's outline and a point per idea, named by its title and linked to its page. Every
point is also a row of the table and an entry of the list on the same page."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.conf import settings

from sozialraum.districts.models import District

from .models import Idea


def _point(idea: Idea) -> dict[str, Any]:
    return {
        "type": "Feature",
        "geometry": {"type": "Point", "coordinates": [idea.longitude, idea.latitude]},
        "properties": {"name": idea.title, "address": idea.address, "url": idea.get_absolute_url()},
    }


def ideas_map(district: District, ideas: Sequence[Idea]) -> dict[str, Any]:
    """The outline of ``district`` (its simplified boundary, one query) and the ideas."""
    shape = (
        District.objects.filter(pk=district.pk)
        .only("pk", "name", "slug", "kind", "boundary_display")
        .first()
    )
    outline = [shape.feature()] if shape is not None and shape.boundary_display else []
    return {
        "outline": outline,
        "children": [],
        "points": [_point(idea) for idea in ideas],
        "tiles": {"url": settings.MAP_TILE_URL, "attribution": settings.MAP_TILE_ATTRIBUTION},
        "labels": {},
    }
