"""Geometry helpers: distances, areas, repair, and the point-in-polygon index."""

from __future__ import annotations

import math
from typing import Any

import pytest
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

from sozialraum.lib.geo import (
    EARTH_RADIUS_M,
    PolygonIndex,
    area_km2,
    geojson_from_shape,
    haversine_m,
    polygonal,
    shape_from_geojson,
)

_A = 6_378_137.0
_E2 = 6.69437999014e-3


def ellipsoid_box_area_km2(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """The exact area of a longitude/latitude box on the WGS84 ellipsoid."""
    e = math.sqrt(_E2)

    def zone(lat: float) -> float:
        s = math.sin(math.radians(lat))
        return s / (2 * (1 - _E2 * s * s)) + math.log((1 + e * s) / (1 - e * s)) / (4 * e)

    b2 = _A * _A * (1 - _E2)
    return math.radians(lon2 - lon1) * b2 * (zone(lat2) - zone(lat1)) / 1e6


def square(x: float, y: float, size: float = 1.0) -> dict[str, Any]:
    return geojson_from_shape(shapely.box(x, y, x + size, y + size))


def test_haversine_of_one_degree_of_latitude_is_a_ninetieth_of_a_quarter_meridian() -> None:
    assert haversine_m(54.0, 9.0, 55.0, 9.0) == pytest.approx(math.pi * EARTH_RADIUS_M / 180)


def test_haversine_is_zero_for_one_point_and_symmetric() -> None:
    assert haversine_m(54.78, 9.43, 54.78, 9.43) == 0
    there = haversine_m(54.78, 9.43, 54.32, 10.13)
    assert there == haversine_m(54.32, 10.13, 54.78, 9.43)
    assert 68_000 < there < 70_000  # Flensburg to Kiel, as the crow flies


def test_haversine_of_antipodes_is_half_the_circumference() -> None:
    assert haversine_m(0, 0, 0, 180) == pytest.approx(math.pi * EARTH_RADIUS_M)


def test_area_of_a_city_sized_box_matches_the_ellipsoid_within_a_millionth() -> None:
    box = (9.4, 54.75, 9.5, 54.85)
    expected = ellipsoid_box_area_km2(*box)
    assert area_km2(shapely.box(*box)) == pytest.approx(expected, rel=1e-6)


def test_area_of_a_state_sized_box_matches_the_ellipsoid_within_a_ten_thousandth() -> None:
    box = (9.0, 54.0, 10.0, 55.0)
    assert area_km2(shapely.box(*box)) == pytest.approx(ellipsoid_box_area_km2(*box), rel=1e-4)


def test_polygonal_repairs_a_self_intersecting_ring_and_says_so() -> None:
    bowtie = shapely.Polygon([(0, 0), (2, 2), (2, 0), (0, 2), (0, 0)])
    repaired, was_repaired = polygonal(bowtie)
    assert was_repaired
    assert repaired.is_valid
    assert repaired.area == pytest.approx(2.0)


def test_polygonal_keeps_a_valid_polygon_as_it_is() -> None:
    polygon = shapely.box(0, 0, 1, 1)
    assert polygonal(polygon) == (polygon, False)


def test_polygonal_rejects_a_line() -> None:
    with pytest.raises(ValueError, match="no area"):
        polygonal(shapely.LineString([(0, 0), (1, 1)]))


def test_geojson_round_trip_gives_plain_lists() -> None:
    geometry = geojson_from_shape(shapely.box(0, 0, 1, 1))
    assert isinstance(geometry["coordinates"][0][0], list)
    assert shape_from_geojson(geometry).equals(shapely.box(0, 0, 1, 1))


def test_index_finds_the_polygon_containing_a_point() -> None:
    index = PolygonIndex([("west", square(0, 0)), ("east", square(1, 0))])
    assert index.containing(0.5, 0.5) == ["west"]
    assert index.locate(1.5, 0.5) == "east"


def test_point_on_a_shared_border_is_in_both_and_located_in_the_first_by_order() -> None:
    index = PolygonIndex([("west", square(0, 0)), ("east", square(1, 0))])
    assert index.containing(1.0, 0.5) == ["west", "east"]
    assert index.locate(1.0, 0.5) == "west"
    reversed_index = PolygonIndex([("east", square(1, 0)), ("west", square(0, 0))])
    assert reversed_index.locate(1.0, 0.5) == "east"


def test_point_outside_every_polygon_is_in_none() -> None:
    index = PolygonIndex([("west", square(0, 0)), ("east", square(1, 0))])
    assert index.containing(5, 5) == []
    assert index.locate(5, 5) is None
    assert index.locate_many([(5, 5), (0.5, 0.5)]) == [None, "west"]


def test_point_in_a_hole_is_not_in_the_polygon() -> None:
    ring = shapely.box(0, 0, 3, 3).difference(shapely.box(1, 1, 2, 2))
    index = PolygonIndex([("ring", geojson_from_shape(ring))])
    assert index.locate(1.5, 1.5) is None
    assert index.locate(0.5, 0.5) == "ring"


def test_locate_many_of_no_points_is_empty() -> None:
    assert PolygonIndex([("a", square(0, 0))]).locate_many([]) == []


def test_index_refuses_a_geometry_without_area() -> None:
    with pytest.raises(ValueError, match="not a polygon"):
        PolygonIndex([("line", {"type": "LineString", "coordinates": [[0, 0], [1, 1]]})])


def test_empty_index_finds_nothing() -> None:
    index: PolygonIndex[str] = PolygonIndex([])
    assert len(index) == 0
    assert index.locate(0, 0) is None
    assert index.locate_many([(0, 0)]) == [None]


#: Overlapping squares of different sizes, so points often lie in several.
GRID = [
    (f"{x}:{y}:{size}", square(x, y, size)) for x in range(4) for y in range(4) for size in (1, 2)
]
coordinate = st.floats(min_value=-0.5, max_value=5.5) | st.sampled_from([0.0, 1.0, 2.0, 3.0])


@settings(max_examples=300, deadline=None)
@given(lon=coordinate, lat=coordinate)
def test_index_answers_like_a_naive_loop_over_all_polygons(lon: float, lat: float) -> None:
    index = PolygonIndex(GRID)
    point = shapely.Point(lon, lat)
    naive = [key for key, geometry in GRID if shape_from_geojson(geometry).covers(point)]
    assert index.containing(lon, lat) == naive
    assert index.locate(lon, lat) == (naive[0] if naive else None)
    assert index.locate_many([(lon, lat)]) == [naive[0] if naive else None]
