"""District API: list, detail with GeoJSON, point lookup, population series, OpenAPI."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from sozialraum.districts import selectors
from sozialraum.districts.models import DistrictKind, PopulationCount
from sozialraum.districts.tests.factories import DistrictFactory, add_population

SQUARE = {
    "type": "Polygon",
    "coordinates": [[[9.40, 54.78], [9.45, 54.78], [9.45, 54.80], [9.40, 54.80], [9.40, 54.78]]],
}


@pytest.fixture
def district(db: None) -> object:
    city = DistrictFactory.create(
        name="Beispielstadt", slug="beispielstadt", kind=DistrictKind.CITY
    )
    part = DistrictFactory.create(
        name="Mitte", slug="mitte", parent=city,
        boundary=SQUARE, min_lon=9.40, min_lat=54.78, max_lon=9.45, max_lat=54.80,
    )  # fmt: skip
    add_population(part, {2020: {(0, None): 900}, 2021: {(0, None): 1000, (80, None): 100}})
    return part


def test_list_filters_by_kind_and_parent(
    client: Client, district: object, django_assert_max_num_queries: object
) -> None:
    with django_assert_max_num_queries(4):  # type: ignore[operator]
        response = client.get("/api/v1/districts", {"parent": "beispielstadt"})
    assert response.status_code == 200
    body = response.json()
    assert [d["slug"] for d in body] == ["mitte"]
    assert body[0]["population"] == 1000 and body[0]["share_80_plus"] == pytest.approx(0.1)
    cities = client.get("/api/v1/districts", {"kind": "city"}).json()
    assert [d["slug"] for d in cities] == ["beispielstadt"]


def test_detail_carries_the_boundary_as_geojson_feature(client: Client, district: object) -> None:
    body = client.get("/api/v1/districts/mitte").json()
    assert body["feature"]["type"] == "Feature"
    assert body["feature"]["geometry"] == SQUARE
    assert body["bbox"] == [9.40, 54.78, 9.45, 54.80]
    assert body["parent"] == "beispielstadt"


def test_lookup_finds_the_district_of_a_point(client: Client, district: object) -> None:
    response = client.get("/api/v1/districts/lookup", {"lat": "54.79", "lon": "9.42"})
    assert response.status_code == 200
    assert response.json()["slug"] == "mitte"


def test_lookup_of_a_point_outside_every_district_is_not_found(
    client: Client, district: object
) -> None:
    response = client.get("/api/v1/districts/lookup", {"lat": "53.0", "lon": "10.0"})
    assert response.status_code == 404
    assert "No district" in response.json()["detail"]


def test_lookup_rejects_coordinates_out_of_range(client: Client, district: object) -> None:
    response = client.get("/api/v1/districts/lookup", {"lat": "91", "lon": "9.42"})
    assert response.status_code == 422


def test_population_series_lists_every_published_figure(client: Client, district: object) -> None:
    body = client.get("/api/v1/districts/mitte/population").json()
    assert {(p["year"], p["label"], p["count"]) for p in body} == {
        (2020, "0+", 900),
        (2021, "0+", 1000),
        (2021, "80+", 100),
    }


def test_openapi_document_describes_the_district_operations(client: Client) -> None:
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/districts/lookup" in schema["paths"]
    assert schema["paths"]["/api/v1/districts/{slug}"]["get"]["x-access"] == "public"
    assert client.get("/api/v1/docs").status_code == 200


def test_the_districts_list_computes_profiles_once_for_two_requests(
    client: Client, district: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    selectors._PROFILE_CACHE.clear()
    computed: list[int] = []
    compute = selectors._profiles_compute

    def counting(*args: Any) -> Any:
        computed.append(1)
        return compute(*args)

    monkeypatch.setattr(selectors, "_profiles_compute", counting)
    first = client.get("/api/v1/districts").json()
    second = client.get("/api/v1/districts").json()
    assert len(computed) == 1
    assert first == second
    assert {row["slug"]: row["population"] for row in second}["mitte"] == 1000

    PopulationCount.objects.filter(district__slug="mitte", year=2021, age_from=0).update(count=1200)
    third = client.get("/api/v1/districts").json()
    assert len(computed) == 2
    assert {row["slug"]: row["population"] for row in third}["mitte"] == 1200
    assert {row["slug"]: row["population"] for row in third}["beispielstadt"] == 1200


@pytest.fixture
def projected(db: None) -> object:
    district = DistrictFactory.create(name="Nord", slug="nord")
    bands = {(0, 18): 1800, (18, 30): 1200, (30, 45): 1500, (45, 65): 2000, (65, 80): 1500}
    add_population(district, {2018: bands | {(80, None): 800}, 2019: bands | {(80, None): 400}})
    return district


def test_projection_serves_base_year_assumptions_bands_breaks_and_flag(
    client: Client, projected: object
) -> None:
    response = client.get(
        "/api/v1/districts/nord/projection", {"year": "2030", "net_migration_rate": "5"}
    )
    assert response.status_code == 200
    body = response.json()
    assert (body["base_year"], body["target_year"], body["method"]) == (
        2019,
        2030,
        "cohort_component",
    )
    assert body["life_table"].startswith("Destatis, Sterbetafel 2022/24")
    assert body["assumptions"] == {"tfr": 1.35, "net_migration_rate": 5.0}
    assert body["base_bands"] == ["0–17", "18–29", "30–44", "45–64", "65–79", "80+"]
    over_80 = next(b for b in body["bands"] if b["label"] == "80+")
    assert (over_80["base_value"], over_80["target_year"]) == (400, 2030)
    assert [(b["label"], b["year"], b["before"], b["after"]) for b in body["breaks"]] == [
        ("80+", 2019, 800, 400)
    ]
    assert body["implausible"] is False and body["flags"] == []


def test_projection_follows_the_assumptions_given(client: Client, projected: object) -> None:
    url = "/api/v1/districts/nord/projection"
    low = client.get(url, {"tfr": "0"}).json()["bands"][0]["value"]
    high = client.get(url, {"tfr": "2.5"}).json()["bands"][0]["value"]
    assert high > low


def test_projection_names_why_a_result_is_implausible(client: Client, db: None) -> None:
    district = DistrictFactory.create(name="Uni", slug="uni")
    add_population(
        district,
        {2021: {(0, 18): 100, (18, 30): 3000, (30, 45): 300, (45, 65): 300, (65, None): 300}},
    )
    body = client.get("/api/v1/districts/uni/projection").json()
    assert body["implausible"] is True
    assert ("halves", "18–29") in [(f["kind"], f["band"]) for f in body["flags"]]
    assert all(f["reason"] for f in body["flags"])


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"tfr": "4.5"}, "tfr"),
        ({"tfr": "-1"}, "tfr"),
        ({"net_migration_rate": "51"}, "net_migration_rate"),
        ({"year": "1999"}, "year"),
        ({"year": "2101"}, "year"),
        ({"year": "2018"}, "year"),
        ({"year": "abc"}, "year"),
    ],
)
def test_projection_refuses_assumptions_out_of_bounds_with_422(
    client: Client, projected: object, params: dict[str, str], field: str
) -> None:
    response = client.get("/api/v1/districts/nord/projection", params)
    assert response.status_code == 422
    assert field in response.json()["errors"]


def test_projection_of_a_district_without_a_full_age_structure_is_not_found(
    client: Client, district: object
) -> None:
    assert client.get("/api/v1/districts/mitte/projection").status_code == 404
    assert client.get("/api/v1/districts/gibt-es-nicht/projection").status_code == 404
