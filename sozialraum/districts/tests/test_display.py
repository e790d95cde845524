"""Boundaries for maps: simplified once when saved, drawn by the pages, never loaded by lists;
the exact boundary stays for point lookups and the API's detail."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import IntegrityError, connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from sozialraum.districts.display import DECIMALS, display_geometry
from sozialraum.districts.lookup import district_at
from sozialraum.districts.models import District, DistrictKind
from sozialraum.districts.tests.factories import DistrictFactory, add_population

pytestmark = pytest.mark.django_db

#: A rectangle with a spike 2 m high on its northern edge, and 200 vertices along its
#: southern edge that lie on the line (as surveyed boundaries carry them).
SPIKE = [[9.42, 54.80], [9.42001, 54.80002], [9.42002, 54.80]]
SOUTH = [[round(9.40 + i * 0.00025, 8), 54.78] for i in range(200)]
DETAILED = {
    "type": "Polygon",
    "coordinates": [
        [*SOUTH, [9.45, 54.78], [9.45, 54.80], *reversed(SPIKE), [9.40, 54.80], SOUTH[0]]
    ],
}


def _bounded(**fields: Any) -> District:
    return DistrictFactory.create(
        boundary=DETAILED, min_lon=9.40, min_lat=54.78, max_lon=9.45, max_lat=54.80, **fields
    )


def _points(geometry: dict[str, Any]) -> list[list[float]]:
    return [point for ring in geometry["coordinates"] for point in ring]


def _geometry_sql(queries: list[dict[str, Any]], column: str) -> list[str]:
    return [q["sql"] for q in queries if f'"{column}"' in q["sql"]]


def test_display_geometry_drops_invisible_vertices_and_rounds() -> None:
    shown = display_geometry(DETAILED)
    assert shown is not None and shown["type"] == "Polygon"
    assert len(_points(shown)) == 5, "the rectangle's corners, nothing on its edges"
    assert all(round(c, DECIMALS) == c for point in _points(shown) for c in point)
    assert display_geometry(None) is None


def test_saving_a_district_stores_its_display_geometry() -> None:
    district = _bounded(name="Mitte")
    stored = District.objects.get(pk=district.pk)
    assert stored.boundary == DETAILED, "the exact boundary is kept"
    assert stored.boundary_display == display_geometry(DETAILED)
    stored.boundary = {"type": "Polygon", "coordinates": [[[9, 54], [10, 54], [10, 55], [9, 54]]]}
    stored.save(update_fields=["boundary"])
    shown = District.objects.get(pk=district.pk).boundary_display
    assert shown is not None and shown["coordinates"][0][1] == [10, 54]


def test_a_bounding_box_needs_a_boundary() -> None:
    with pytest.raises(IntegrityError):
        DistrictFactory.create(min_lon=9.4, min_lat=54.78, max_lon=9.45, max_lat=54.8)


def test_whether_a_district_has_a_boundary_is_known_without_loading_it(
    django_assert_num_queries: Any,
) -> None:
    _bounded(name="Mitte")
    DistrictFactory.create(name="Ohne Grenze")
    districts = list(District.objects.defer("boundary", "boundary_display").order_by("name"))
    with django_assert_num_queries(0):
        assert [d.has_boundary for d in districts] == [True, False]


def test_lookup_uses_the_exact_boundary() -> None:
    district = _bounded(name="Mitte")
    inside_spike_only = (54.800005, 9.42001)
    assert district_at(*inside_spike_only) == district
    shown = display_geometry(DETAILED)
    assert shown is not None and [9.42001, 54.80002] not in _points(shown)


def test_api_list_loads_no_boundaries_and_its_query_count_does_not_grow(
    client: Client, django_assert_max_num_queries: Any
) -> None:
    city = _bounded(name="Stadt", slug="stadt", kind=DistrictKind.CITY)
    for number in range(30):
        part = _bounded(name=f"Teil {number}", parent=city)
        add_population(part, {2021: {(0, None): 1000 + number}})
    with CaptureQueriesContext(connection) as captured, django_assert_max_num_queries(4):
        response = client.get("/api/v1/districts")
    assert response.status_code == 200
    body = response.json()
    assert len(body) == 31 and all(d["has_boundary"] for d in body)
    assert body[0]["parent"] is None and {d["parent"] for d in body[1:]} == {"stadt"}
    assert _geometry_sql(captured.captured_queries, "boundary") == []
    assert _geometry_sql(captured.captured_queries, "boundary_display") == []


def test_api_detail_carries_the_exact_boundary(client: Client) -> None:
    _bounded(name="Mitte", slug="mitte")
    assert client.get("/api/v1/districts/mitte").json()["feature"]["geometry"] == DETAILED


def test_city_page_draws_display_geometry_and_loads_no_exact_boundary(
    client: Client, django_assert_max_num_queries: Any
) -> None:
    city = _bounded(name="Stadt", slug="stadt", kind=DistrictKind.CITY)
    for number in range(10):
        _bounded(name=f"Teil {number}", parent=city)
    with CaptureQueriesContext(connection) as captured, django_assert_max_num_queries(12):
        response = client.get(city.get_absolute_url())
    assert response.status_code == 200
    shown = display_geometry(DETAILED)
    map_data = response.context["map"]
    assert [f["geometry"] for f in map_data["outline"]] == [shown]
    assert len(map_data["children"]) == 10
    assert all(f["geometry"] == shown for f in map_data["children"])
    assert _geometry_sql(captured.captured_queries, "boundary") == []


def test_district_page_names_its_ancestors_without_loading_their_shapes(
    client: Client, django_assert_max_num_queries: Any
) -> None:
    city = _bounded(name="Stadt", slug="stadt", kind=DistrictKind.CITY)
    borough = _bounded(name="Bezirk", slug="bezirk", kind=DistrictKind.BOROUGH, parent=city)
    part = _bounded(name="Teil", slug="teil", parent=borough)
    with CaptureQueriesContext(connection) as captured, django_assert_max_num_queries(12):
        response = client.get(part.get_absolute_url())
    assert response.status_code == 200
    assert [d.name for d in response.context["ancestors"]] == ["Stadt", "Bezirk"]
    display_columns = _geometry_sql(captured.captured_queries, "boundary_display")
    assert len(display_columns) == 2, "the district's own shape and its parts' shapes"
    assert _geometry_sql(captured.captured_queries, "boundary") == []


def test_city_list_loads_no_boundaries_and_its_query_count_does_not_grow(
    client: Client, django_assert_max_num_queries: Any
) -> None:
    for number in range(12):
        city = _bounded(name=f"Stadt {number:02d}", kind=DistrictKind.CITY)
        add_population(city, {2021: {(0, None): 50_000 + number}})
    with CaptureQueriesContext(connection) as captured, django_assert_max_num_queries(4):
        response = client.get("/")
    assert response.status_code == 200
    assert [p.district.name for p in response.context["profiles"]][:2] == ["Stadt 00", "Stadt 01"]
    assert len(response.context["profiles"]) == 12
    assert _geometry_sql(captured.captured_queries, "boundary") == []
    assert _geometry_sql(captured.captured_queries, "boundary_display") == []


def test_population_series_endpoint_stays_within_its_query_budget(
    client: Client, django_assert_max_num_queries: Any
) -> None:
    district = _bounded(name="Mitte", slug="mitte")
    add_population(
        district, {year: {(0, None): 900 + year, (80, None): 90} for year in range(2010, 2022)}
    )
    with CaptureQueriesContext(connection) as captured, django_assert_max_num_queries(3):
        response = client.get("/api/v1/districts/mitte/population")
    assert response.status_code == 200
    assert len(response.json()) == 24
    assert _geometry_sql(captured.captured_queries, "boundary") == []
