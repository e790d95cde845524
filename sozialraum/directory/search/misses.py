"""Searches that found nothing, kept as anonymous unmet-demand data (:class:`SearchMiss`)."""

from __future__ import annotations

from typing import Any

from sozialraum.districts.models import District

from ..models import SearchMiss
from .query import OfferQuery


def search_miss_filters(query: OfferQuery) -> dict[str, Any]:
    """The filters of ``query`` as a search miss keeps them: no coordinates (only whether
    a point was given and the radius), nothing about who searched."""
    filters: dict[str, Any] = {
        "categories": sorted(query.categories),
        "needs": sorted(query.needs),
        "near": query.near is not None,
        "radius_m": query.radius_m if query.near is not None else None,
        "max_cost": None if query.max_cost is None else str(query.max_cost),
        "open_at": None if query.open_at is None else query.open_at.isoformat(timespec="minutes"),
        "language": query.language,
    }
    return {name: value for name, value in filters.items() if value not in (None, [], "")}


def search_miss_record(*, query: OfferQuery, district: District | None) -> SearchMiss:
    """Records that ``query`` found nothing, as anonymous unmet-demand data: the district
    (the query's own if ``district`` is None), the text (cut to 200 characters) and the
    filters of :func:`search_miss_filters`. Call it when a search's total is 0."""
    return SearchMiss.objects.create(
        district=district or query.district,
        query_text=" ".join(query.text.split())[:200],
        filters=search_miss_filters(query),
    )
