"""District API: list, detail with GeoJSON, point lookup, population series and projection.

All operations here are public: districts and their population are aggregate open data.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError, ValidationError

from sozialraum.lib.access import PUBLIC, api_access

from .lookup import district_at
from .models import GEOMETRY, District, DistrictKind, geometry_fields
from .projection import (
    DEFAULT_NET_MIGRATION_RATE,
    DEFAULT_TFR,
    MAX_NET_MIGRATION_RATE,
    MAX_TFR,
    MIN_NET_MIGRATION_RATE,
    MIN_TFR,
    Assumptions,
    CohortProjection,
    cohort_projection,
)
from .selectors import (
    DistrictProfile,
    district_profile,
    district_profiles,
    population_data,
    population_series,
)

router = Router()

#: A list shows no shapes: neither the districts' nor their parents'.
_LIST_DEFERRED = [*GEOMETRY, *geometry_fields("parent")]


class DistrictOut(Schema):
    slug: str
    name: str
    kind: str
    code: str
    parent: str | None = Field(None, description="Slug of the district this one is part of.")
    has_boundary: bool
    bbox: list[float] | None = Field(None, description="[west, south, east, north] in WGS84.")
    area_km2: float | None
    population_year: int | None
    population: int | None
    share_60_plus: float | None = Field(None, description="Fraction 0..1 of residents 60+.")
    share_80_plus: float | None = Field(None, description="Fraction 0..1 of residents 80+.")
    url: str


class ProjectionOut(Schema):
    label: str
    age_from: int
    age_to: int | None
    target_year: int
    value: int
    base_year: int
    base_value: int
    method: str = Field(description="cohort_component: see the projection operation.")


class BandOut(Schema):
    label: str
    age_from: int
    age_to: int | None
    count: int | None


class DistrictDetailOut(DistrictOut):
    feature: dict[str, Any] | None = Field(None, description="GeoJSON Feature of the boundary.")
    children: list[str]
    bands: list[BandOut]
    projections: list[ProjectionOut]


class SeriesPointOut(Schema):
    year: int
    age_from: int
    age_to: int | None
    label: str
    count: int


class AssumptionsOut(Schema):
    tfr: float = Field(description="Total fertility rate: children per woman.")
    net_migration_rate: float = Field(description="Net migrants per 1,000 residents a year.")


class BreakOut(Schema):
    label: str
    age_from: int
    age_to: int | None
    year: int = Field(description="The year after the break; the year before is year - 1.")
    before: int
    after: int
    change: float = Field(description="after / before - 1.")


class FlagOut(Schema):
    kind: str = Field(description="doubles, halves or empty.")
    band: str
    year: int
    base_value: int
    value: int
    reason: str


class DistrictProjectionOut(Schema):
    slug: str
    method: str
    life_table: str
    base_year: int
    target_year: int
    base_bands: list[str] = Field(description="The published bands the base year rests on.")
    assumptions: AssumptionsOut
    bands: list[ProjectionOut]
    breaks: list[BreakOut]
    implausible: bool
    flags: list[FlagOut]


class DistrictFilter(Schema):
    kind: DistrictKind | None = None
    parent: str | None = Field(None, description="Slug of the parent district.")


def _summary(profile: DistrictProfile) -> dict[str, Any]:
    district = profile.district
    bbox = (
        [district.min_lon, district.min_lat, district.max_lon, district.max_lat]
        if district.has_boundary
        else None
    )
    return {
        "slug": district.slug,
        "name": district.name,
        "kind": district.kind,
        "code": district.code,
        "parent": district.parent.slug if district.parent else None,
        "has_boundary": district.has_boundary,
        "bbox": bbox,
        "area_km2": district.area_km2,
        "population_year": profile.year,
        "population": profile.total,
        "share_60_plus": profile.share_60_plus,
        "share_80_plus": profile.share_80_plus,
        "url": district.get_absolute_url(),
    }


@router.get("", response=list[DistrictOut], **api_access(PUBLIC))
def district_list(request: HttpRequest, filters: Query[DistrictFilter]) -> list[dict[str, Any]]:
    """All districts, optionally of one kind or below one parent, with key figures."""
    districts = District.objects.select_related("parent").defer(*_LIST_DEFERRED)
    if filters.kind:
        districts = districts.filter(kind=filters.kind)
    if filters.parent:
        districts = districts.filter(parent__slug=filters.parent)
    return [_summary(profile) for profile in district_profiles(list(districts))]


@router.get("/lookup", response=DistrictOut, **api_access(PUBLIC))
def district_lookup(
    request: HttpRequest,
    lat: float = Query(..., ge=-90, le=90, description="Latitude (WGS84)."),
    lon: float = Query(..., ge=-180, le=180, description="Longitude (WGS84)."),
    kind: DistrictKind | None = None,
) -> dict[str, Any]:
    """The most specific district containing the point (or of the given kind); 404 if none."""
    district = district_at(lat, lon, kind=kind)
    if district is None:
        raise HttpError(404, "No district contains this point.")
    return _summary(district_profile(district))


@router.get("/{slug}", response=DistrictDetailOut, **api_access(PUBLIC))
def district_detail(request: HttpRequest, slug: str) -> dict[str, Any]:
    """One district with its boundary as GeoJSON, its parts, age bands and the projection of
    every band that has enough years (see the page's method note)."""
    district = get_object_or_404(
        District.objects.select_related("parent").defer(
            "boundary_display", *geometry_fields("parent")
        ),
        slug=slug,
    )
    profile = district_profile(district, settings.PROJECTION_TARGET_YEAR)
    return {
        **_summary(profile),
        "feature": district.feature(exact=True) if district.has_boundary else None,
        "children": list(district.children.order_by("name").values_list("slug", flat=True)),
        "bands": [band.__dict__ for band in profile.bands],
        "projections": [p.__dict__ for p in profile.projections],
    }


@router.get("/{slug}/population", response=list[SeriesPointOut], **api_access(PUBLIC))
def district_population(request: HttpRequest, slug: str) -> list[Any]:
    """Every published population figure of the district: year, age band, residents."""
    district = get_object_or_404(District.objects.defer(*GEOMETRY), slug=slug)
    return population_series(district)


@router.get("/{slug}/projection", response=DistrictProjectionOut, **api_access(PUBLIC))
def district_projection(
    request: HttpRequest,
    slug: str,
    year: int | None = Query(
        None, ge=2000, le=2100, description="Target year (default: the configured one)."
    ),
    tfr: float = Query(DEFAULT_TFR, ge=MIN_TFR, le=MAX_TFR, description="Children per woman."),
    net_migration_rate: float = Query(
        DEFAULT_NET_MIGRATION_RATE,
        ge=MIN_NET_MIGRATION_RATE,
        le=MAX_NET_MIGRATION_RATE,
        description="Net migrants per 1,000 residents a year.",
    ),
) -> dict[str, Any]:
    """The district's cohort-component projection to ``year`` under the given assumptions,
    with the base year, life table, breaks found in its series and, if implausible, why.
    404 if its figures allow no projection; 422 if ``year`` is before the base year or too
    far after it."""
    district = get_object_or_404(District.objects.defer(*GEOMETRY), slug=slug)
    data = population_data([district])[district.pk]
    target = settings.PROJECTION_TARGET_YEAR if year is None else year
    try:
        projection = cohort_projection(data, target, Assumptions(tfr, net_migration_rate))
    except ValueError as exc:
        raise ValidationError([{"loc": ("query", "year"), "msg": str(exc)}]) from exc
    if projection is None:
        raise HttpError(404, "The district's figures allow no projection.")
    return _projection_out(district.slug, projection)


def _projection_out(slug: str, projection: CohortProjection) -> dict[str, Any]:
    return {
        **projection.__dict__,
        "slug": slug,
        "assumptions": projection.assumptions.__dict__,
        "bands": [band.__dict__ for band in projection.bands],
        "breaks": [{**b.__dict__, "label": b.label, "change": b.change} for b in projection.breaks],
        "implausible": projection.implausible,
        "flags": [{**flag.__dict__, "reason": flag.reason} for flag in projection.flags],
    }
