"""Point -> district on Flensburg's real boundaries."""

from __future__ import annotations

from typing import Any

import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st
from shapely.geometry.base import BaseGeometry

from sozialraum.districts.lookup import SPECIFICITY, district_at, districts_at_many
from sozialraum.districts.models import District, DistrictKind
from sozialraum.districts.services import flensburg_import, kiel_import
from sozialraum.lib.geo import geojson_from_shape, shape_from_geojson

#: In Klues, a Stadtbezirk of the Nordstadt.
KLUES = (54.8104, 9.4202)
#: In the Flensburger Förde, inside the city's bounding box but in no district.
FOERDE = (54.81, 9.44)


def shape_of(district: District) -> BaseGeometry:
    assert district.boundary is not None, district.code
    return shape_from_geojson(district.boundary)


@pytest.fixture
def flensburg(db: None) -> None:
    flensburg_import(skip_invalid=True)


Shapes = list[tuple[District, Any]]


def all_shapes() -> Shapes:
    return [(d, shape_of(d)) for d in District.objects.filter(boundary__isnull=False)]


def naive_district_at(
    lat: float, lon: float, kind: str | None = None, shapes: Shapes | None = None
) -> District | None:
    """Every district's boundary tested in turn: what the index must agree with."""
    point = shapely.Point(lon, lat)
    covering = [
        district
        for district, shape in (all_shapes() if shapes is None else shapes)
        if (kind is None or district.kind == kind) and shape.covers(point)
    ]
    covering.sort(key=lambda district: (-SPECIFICITY[district.kind], district.code))
    return covering[0] if covering else None


def test_a_point_in_the_nordstadt_is_in_its_stadtbezirk(flensburg: None) -> None:
    found = district_at(*KLUES)
    assert found is not None
    assert (found.name, found.kind) == ("Klues", DistrictKind.BOROUGH)
    assert found.parent is not None and found.parent.name == "Nordstadt"


def test_a_point_in_the_nordstadt_is_in_the_nordstadt_when_asked_for_stadtteile(
    flensburg: None,
) -> None:
    found = district_at(*KLUES, kind="district")
    assert found is not None and found.code == "flensburg:STGT03"
    city = district_at(*KLUES, kind=DistrictKind.CITY)
    assert city is not None and city.code == "flensburg"


def test_a_point_on_the_border_of_two_stadtteile_is_in_the_first_by_code(flensburg: None) -> None:
    nordstadt = District.objects.get(code="flensburg:STGT03")
    neustadt = District.objects.get(code="flensburg:STGT02")
    shared = set(map(tuple, shapely.get_coordinates(shape_of(nordstadt))))
    shared &= set(map(tuple, shapely.get_coordinates(shape_of(neustadt))))
    lon, lat = min(shared)
    answers = {district_at(lat, lon, kind="district") for _ in range(3)}
    assert answers == {neustadt}
    assert district_at(lat, lon, kind="district") == naive_district_at(lat, lon, "district")


def test_a_point_in_the_foerde_or_far_away_is_in_no_district(flensburg: None) -> None:
    assert district_at(*FOERDE) is None
    assert district_at(54.3233, 10.1228) is None  # Kiel
    assert district_at(0, 0) is None


def test_districts_without_boundary_are_never_found(flensburg: None) -> None:
    kiel_import()
    assert district_at(54.3233, 10.1228) is None
    assert district_at(*KLUES, kind="city") == District.objects.get(code="flensburg")


def test_many_points_are_answered_in_order_like_one_by_one(flensburg: None) -> None:
    points = [KLUES, FOERDE, (54.78, 9.43), (54.77, 9.47), KLUES]
    found = districts_at_many(points)
    assert found == [district_at(lat, lon) for lat, lon in points]
    assert found[1] is None
    assert districts_at_many([], kind="district") == []


def test_a_warm_lookup_costs_one_query(flensburg: None, django_assert_num_queries: Any) -> None:
    district_at(*KLUES)
    with django_assert_num_queries(1):
        found = district_at(*KLUES)
    assert found is not None and found.name == "Klues"


@pytest.mark.parametrize(
    ("lat", "lon", "message"),
    [
        (91.0, 9.4, "Latitude 91.0 is outside"),
        (-90.5, 9.4, "Latitude -90.5 is outside"),
        (54.8, 181.0, "Longitude 181.0 is outside"),
        (float("nan"), 9.4, "Latitude nan is outside"),
    ],
)
@pytest.mark.django_db
def test_coordinates_out_of_range_are_refused(lat: float, lon: float, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        district_at(lat, lon)
    with pytest.raises(ValueError, match=message):
        districts_at_many([(54.8, 9.4), (lat, lon)])


@pytest.mark.django_db
def test_an_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="Unknown district kind 'planet'"):
        district_at(54.8, 9.4, kind="planet")


def test_a_changed_boundary_is_seen_by_the_next_lookup(flensburg: None) -> None:
    assert district_at(*KLUES).name == "Klues"  # type: ignore[union-attr]
    klues = District.objects.get(code="flensburg:STBZ033")
    elsewhere = shapely.box(9.43, 54.805, 9.45, 54.815)  # moved into the Förde
    klues.boundary = geojson_from_shape(elsewhere)
    klues.min_lon, klues.min_lat, klues.max_lon, klues.max_lat = elsewhere.bounds
    klues.save()
    assert district_at(*KLUES).code == "flensburg:STGT03"  # type: ignore[union-attr]
    assert district_at(*FOERDE) == klues


def test_a_deleted_district_is_no_longer_found(flensburg: None) -> None:
    assert district_at(*KLUES).name == "Klues"  # type: ignore[union-attr]
    District.objects.filter(code="flensburg:STBZ033").delete()
    assert district_at(*KLUES).name == "Nordstadt"  # type: ignore[union-attr]


def test_found_districts_have_their_fields_and_load_the_boundary_on_demand(
    flensburg: None,
) -> None:
    found = district_at(*KLUES)
    stored = District.objects.get(code="flensburg:STBZ033")
    assert found is not None
    assert (found.pk, found.slug, found.parent_id, found.updated_at) == (
        stored.pk,
        stored.slug,
        stored.parent_id,
        stored.updated_at,
    )
    assert found.boundary == stored.boundary


def test_the_index_agrees_with_a_naive_loop_over_all_boundaries(flensburg: None) -> None:
    city = District.objects.get(code="flensburg")
    lons = st.floats(min_value=city.min_lon, max_value=city.max_lon)
    lats = st.floats(min_value=city.min_lat, max_value=city.max_lat)
    kinds = st.sampled_from([None, "district", "borough"])
    shapes = all_shapes()

    @settings(max_examples=300, deadline=None)
    @given(lat=lats, lon=lons, kind=kinds)
    def agrees(lat: float, lon: float, kind: str | None) -> None:
        assert district_at(lat, lon, kind=kind) == naive_district_at(lat, lon, kind, shapes)

    agrees()
