"""District pages: the list of cities, and one page per district (a city's page is its
overview: every Stadtteil with its figures, a table and a choropleth map)."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from sozialraum.lib.access import PUBLIC, access
from sozialraum.lib.svg import Bar, bar_chart

from . import maps
from .forms import ProjectionForm
from .models import GEOMETRY, District, DistrictKind, geometry_fields
from .page_links import district_links
from .projection import PROJECTION_METHOD, CohortProjection
from .selectors import DistrictProfile, district_profile, district_profiles, district_projection

#: The breadcrumb's districts (up to three levels up) are named, never drawn.
_ANCESTOR_GEOMETRY = [
    field
    for relation in ("parent", "parent__parent", "parent__parent__parent")
    for field in geometry_fields(relation)
]


@access(PUBLIC)
def index(request: HttpRequest) -> HttpResponse:
    cities = list(District.objects.filter(kind=DistrictKind.CITY).defer(*GEOMETRY).order_by("name"))
    return render(
        request,
        "districts/index.html",
        {"profiles": district_profiles(cities), "target_year": settings.PROJECTION_TARGET_YEAR},
    )


@access(PUBLIC)
def detail(request: HttpRequest, slug: str) -> HttpResponse:
    district = get_object_or_404(
        District.objects.select_related("parent__parent__parent").defer(
            "boundary", *_ANCESTOR_GEOMETRY
        ),
        slug=slug,
    )
    profile = district_profile(district)
    form = ProjectionForm.from_query(request.GET)
    projection = _projection(district, profile, form)
    children = list(district.children.defer("boundary").order_by("name"))
    child_profiles = district_profiles(children)
    context = {
        "district": district,
        "ancestors": _ancestors(district),
        "profile": profile,
        "child_profiles": child_profiles,
        "children_have_population": any(p.has_population for p in child_profiles),
        "chart": _age_chart(profile),
        "projection": projection,
        "projection_80_plus": projection.band(80, None) if projection else None,
        "projection_form": form,
        "map": maps.district_map(district, child_profiles),
        "projection_method": PROJECTION_METHOD,
        "target_year": settings.PROJECTION_TARGET_YEAR,
        "links": district_links(district),
    }
    return render(request, "districts/detail.html", context)


def _projection(
    district: District, profile: DistrictProfile, form: ProjectionForm
) -> CohortProjection | None:
    """The profile's projection, or one under the form's assumptions if it is bound and
    valid (an invalid form keeps the defaults and shows its errors)."""
    if profile.projection is None or not form.is_bound or not form.is_valid():
        return profile.projection
    return district_projection(district, profile.projection.target_year, form.assumptions())


def _ancestors(district: District) -> list[District]:
    chain: list[District] = []
    node = district.parent
    while node is not None:
        chain.insert(0, node)
        node = node.parent
    return chain


def _age_chart(profile: DistrictProfile) -> str | None:
    if not profile.has_population:
        return None
    bars = [Bar(band.label, band.count) for band in profile.bands]
    return bar_chart(
        bars,
        title=_("Residents by age band, %(year)s") % {"year": profile.year},
        description=_("Bar chart; the same figures are in the table beside it."),
        chart_id=f"age-{profile.district.slug}",
    )
