"""Address API: the offline geocoder. Public: the address index holds public data
(official house coordinates, OpenStreetMap), and the query and the answer are bounded."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from sozialraum.lib.access import PUBLIC, api_access

from .geocoder import MAX_QUERY_LENGTH, MAX_RESULTS, Match, Quality, geocode

router = Router()


class DistrictRefOut(Schema):
    slug: str
    name: str
    kind: str


class AddressMatchOut(Schema):
    quality: Quality = Field(
        description="exact (house number known), interpolated (between known numbers on "
        "the street), street (street only), place (postcode or city only)."
    )
    label: str = Field(description="The address as known, e.g. 'Kettwiger Str. 10, Essen'.")
    lat: float
    lon: float
    district: DistrictRefOut | None = Field(None, description="The district of the point.")
    similarity: float = Field(
        description="How close the street name is to the one typed, 0 to 100."
    )


class AddressSearchOut(Schema):
    quality: Quality = Field(description="Quality of the best result; none if none.")
    results: list[AddressMatchOut]


def _match(match: Match) -> dict[str, Any]:
    district = match.district
    return {
        "quality": match.quality,
        "label": match.label,
        "lat": match.lat,
        "lon": match.lon,
        "district": None
        if district is None
        else {"slug": district.slug, "name": district.name, "kind": district.kind},
        "similarity": round(match.similarity, 1),
    }


@router.get("/search", response=AddressSearchOut, **api_access(PUBLIC))
def address_search(
    request: HttpRequest,
    q: str = Query(..., min_length=1, max_length=MAX_QUERY_LENGTH, description="The address."),
    limit: int = Query(5, ge=1, le=MAX_RESULTS),
) -> dict[str, Any]:
    """An address as people write it ("Kettwiger Str. 10a, 45127 Essen", "kettwigerstr 10",
    with small typos) -> points, districts and how well each matched, best first."""
    matches = geocode(q, limit=limit)
    return {
        "quality": matches[0].quality if matches else Quality.NONE,
        "results": [_match(match) for match in matches],
    }
