"""District pages: the list of cities, a city's overview and a district page."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.text import slugify

from sozialraum.districts.models import District, DistrictKind
from sozialraum.districts.tests.factories import DistrictFactory, add_population

SQUARE = {
    "type": "Polygon",
    "coordinates": [[[9.40, 54.78], [9.45, 54.78], [9.45, 54.80], [9.40, 54.80], [9.40, 54.78]]],
}


def _bounded(**fields: object) -> District:
    return DistrictFactory.create(
        boundary=SQUARE, min_lon=9.40, min_lat=54.78, max_lon=9.45, max_lat=54.80, **fields
    )


Band = tuple[int, int | None]


def _series(total: int, over_80: int) -> dict[int, dict[Band, int]]:
    years: dict[int, dict[Band, int]] = {
        year: {(0, None): total + 10 * i} for i, year in enumerate((2019, 2020, 2021))
    }
    bands: dict[Band, int] = {(0, 18): 100, (18, 30): 100, (30, 45): 100, (45, 65): 100}
    bands[(65, 80)] = 100
    years[2021].update({**bands, (80, None): over_80, (60, None): 300})
    years[2019][(65, None)] = 90 + over_80
    years[2020][(65, None)] = 95 + over_80
    years[2021][(65, None)] = 100 + over_80
    return years


@pytest.fixture
def city() -> District:
    city = _bounded(name="Beispielstadt", slug="beispielstadt", kind=DistrictKind.CITY)
    for name, over_80 in (("Nord", 50), ("Süd", 150), ("Ost", 100)):
        part = _bounded(name=name, slug=f"beispiel-{slugify(name)}", parent=city)
        add_population(part, _series(1000, over_80))
    DistrictFactory.create(name="Hafen", slug="beispiel-hafen", parent=city)
    return city


@pytest.mark.django_db
def test_index_lists_each_city_with_its_residents(client: Client, city: District) -> None:
    response = client.get(reverse("districts:index"))
    assert response.status_code == 200
    assert "Beispielstadt" in response.text
    assert city.get_absolute_url() in response.text


@pytest.mark.django_db
def test_city_page_lists_its_parts_with_figures_and_a_choropleth(
    client: Client, city: District, django_assert_max_num_queries: object
) -> None:
    with django_assert_max_num_queries(12):  # type: ignore[operator]
        response = client.get(city.get_absolute_url())
    assert response.status_code == 200
    for name in ("Nord", "Süd", "Ost", "Hafen"):
        assert name in response.text
    map_data = response.context["map"]
    assert map_data["choropleth"] is True
    fills = {f["properties"]["name"]: f["properties"]["fill"] for f in map_data["children"]}
    assert fills["Nord"] != fills["Süd"], "different shares get different classes"
    assert len(map_data["legend"]) >= 3


@pytest.mark.django_db
def test_city_page_query_count_does_not_grow_with_its_parts(
    client: Client, city: District, django_assert_max_num_queries: object
) -> None:
    for index in range(20):
        part = _bounded(name=f"Teil {index}", slug=f"teil-{index}", parent=city)
        add_population(part, _series(500, 20 + index))
    with django_assert_max_num_queries(12):  # type: ignore[operator]
        response = client.get(city.get_absolute_url())
    assert response.status_code == 200


@pytest.mark.django_db
def test_district_page_shows_age_bands_shares_and_projection(
    client: Client, city: District
) -> None:
    response = client.get(reverse("districts:detail", kwargs={"slug": "beispiel-sud"}))
    assert response.status_code == 200
    profile = response.context["profile"]
    assert profile.total == 1020
    assert profile.share_80_plus == pytest.approx(150 / 1020)
    assert "<svg" in response.text and 'role="img"' in response.text
    assert profile.projection_80_plus is not None
    assert str(response.context["target_year"]) in response.text
    assert "Beispielstadt" in response.text, "breadcrumb names the city"


@pytest.mark.django_db
def test_district_without_boundary_says_so_instead_of_drawing_a_map(client: Client) -> None:
    district = DistrictFactory.create(name="Ohne Grenze", slug="ohne-grenze")
    add_population(district, {2021: {(0, None): 800}})
    response = client.get(district.get_absolute_url())
    assert response.status_code == 200
    assert response.context["map"]["outline"] == []
    assert "data-map" not in response.text


@pytest.mark.django_db
def test_unknown_district_is_not_found(client: Client) -> None:
    response = client.get(reverse("districts:detail", kwargs={"slug": "gibt-es-nicht"}))
    assert response.status_code == 404


@pytest.mark.django_db
def test_district_page_projects_every_age_band_from_the_latest_year(
    client: Client, city: District
) -> None:
    response = client.get(reverse("districts:detail", kwargs={"slug": "beispiel-nord"}))
    projection = response.context["projection"]
    labels = [p.label for p in projection.bands]
    assert labels == ["0+", "0–17", "18–29", "30–44", "45–64", "65–79", "80+", "60+"]
    assert projection.base_year == 2021
    for label in labels:
        assert label in response.text


@pytest.mark.django_db
def test_district_page_shows_method_base_year_life_table_and_assumptions(
    client: Client, city: District
) -> None:
    with translation.override("de"):
        response = client.get(reverse("districts:detail", kwargs={"slug": "beispiel-nord"}))
    text = response.text
    assert "Kohorten-Komponenten-Projektion" in text
    assert "Basisjahr" in text and "2021" in text
    assert "Destatis, Sterbetafel 2022/24 (12621-0001), Deutschland" in text
    assert 'name="tfr" value="1,35"' in text
    assert 'name="net_migration_rate" value="0,0"' in text
    assert "Kinder je Frau" in text


@pytest.mark.django_db
def test_district_page_recalculates_with_the_assumptions_of_the_form(
    client: Client, city: District
) -> None:
    url = reverse("districts:detail", kwargs={"slug": "beispiel-nord"})
    default = client.get(url).context["projection"]
    with translation.override("de"):
        response = client.get(url, {"tfr": "1,35", "net_migration_rate": "10"})
    changed = response.context["projection"]
    assert changed.assumptions.net_migration_rate == 10
    assert changed.band(0, None).value > default.band(0, None).value
    assert response.context["projection_80_plus"] == changed.band(80, None)


@pytest.mark.django_db
def test_district_page_keeps_the_defaults_and_names_the_error_of_a_bad_assumption(
    client: Client, city: District
) -> None:
    url = reverse("districts:detail", kwargs={"slug": "beispiel-nord"})
    with translation.override("de"):
        response = client.get(url, {"tfr": "9", "net_migration_rate": "0"})
    assert response.status_code == 200
    assert response.context["projection"].assumptions.tfr == 1.35
    assert response.context["projection_form"].errors["tfr"]
    assert "kleiner oder gleich 4" in response.text


@pytest.mark.django_db
def test_district_page_shows_breaks_and_the_flag_with_its_reason(client: Client) -> None:
    district = DistrictFactory.create(name="Uni", slug="uni")
    young = {(0, 18): 100, (18, 30): 3000, (30, 45): 300, (45, 65): 300, (65, 80): 200}
    add_population(district, {2018: young | {(80, None): 400}, 2019: young | {(80, None): 200}})
    with translation.override("de"):
        response = client.get(district.get_absolute_url())
    assert "Brüche in der Zeitreihe" in response.text
    assert "80+: 400 im Jahr 2018, 200 im Jahr 2019" in response.text
    assert 'id="projection-flag"' in response.text
    assert "18–29 sinkt bis 2029 unter die Hälfte (3.000 → " in response.text
