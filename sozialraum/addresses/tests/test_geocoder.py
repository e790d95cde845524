"""The offline geocoder on the shipped excerpt of Essen's house coordinates
(dl-de/by-2-0, see ``data/README.md``) and a few addresses made here."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from sozialraum.addresses.geocoder import Match, Quality, geocode, geocode_cache_clear
from sozialraum.addresses.models import Address
from sozialraum.districts.models import DistrictKind
from sozialraum.districts.tests.factories import DistrictFactory

pytestmark = pytest.mark.usefixtures("essen_index")


def best(text: str) -> Match:
    matches = geocode(text)
    assert matches, text
    return matches[0]


def point(street_key: str, number: int, suffix: str = "") -> tuple[float, float]:
    row = Address.objects.get(street_key=street_key, house_number=number, house_suffix=suffix)
    return (row.lat, row.lon)


def test_exact_house_number_answers_its_point() -> None:
    match = best("Abteistr. 7")
    assert match.quality == Quality.EXACT
    assert (match.lat, match.lon) == point("abteistrasse", 7)
    assert match.label == "Abteistr. 7, Essen"


@pytest.mark.parametrize(
    "text",
    [
        "Abteistraße 7",
        "Abteistrasse 7",
        "abteistr 7",
        "ABTEISTR. 7",
        "Abtei Straße 7",
        "Abtei-Str. 7",
        "Abteistr. 7, Essen",
        "Essen, Abteistr. 7",
        "Essen Abteistr. 7",
        "Abteistr. 7 Essen",
    ],
)
def test_the_ways_people_write_a_street_and_city(text: str) -> None:
    match = best(text)
    assert (match.quality, match.lat, match.lon) == (Quality.EXACT, *point("abteistrasse", 7))


def test_umlaut_and_its_transcription_find_the_same_house() -> None:
    assert best("Alinenhöhe 3").quality == best("Alinenhoehe 3").quality == Quality.EXACT
    assert (best("Alinenhoehe 3").lat, best("Alinenhoehe 3").lon) == point("alinenhoehe", 3)


def test_suffix_with_or_without_space() -> None:
    expected = point("altenessenerstrasse", 540, "a")
    for text in ("Altenessener Str. 540a", "Altenessener Str. 540 a", "altenessener str 540A"):
        match = best(text)
        assert (match.quality, match.lat, match.lon) == (Quality.EXACT, *expected)


def test_a_missing_number_is_interpolated_between_its_neighbours_on_its_side() -> None:
    # Abteistr. has 1, 3, 7, 9 on the odd side and 10, 12, 16 on the even side.
    low, high = point("abteistrasse", 3), point("abteistrasse", 7)
    match = best("Abteistr. 5")
    assert match.quality == Quality.INTERPOLATED
    assert (match.lat, match.lon) == pytest.approx(((low[0] + high[0]) / 2, (low[1] + high[1]) / 2))
    assert match.label == "Abteistr. 5, Essen"


def test_interpolation_keeps_to_the_even_side() -> None:
    low, high = point("abteistrasse", 12), point("abteistrasse", 16)
    match = best("Abteistr. 14")
    assert (match.lat, match.lon) == pytest.approx(((low[0] + high[0]) / 2, (low[1] + high[1]) / 2))


def test_an_unknown_suffix_stands_at_its_number() -> None:
    match = best("Abteistr. 7c")
    assert (match.quality, match.lat, match.lon) == (
        Quality.INTERPOLATED,
        *point("abteistrasse", 7),
    )


def test_a_range_is_found_by_a_number_inside_it() -> None:
    Address.objects.filter(street_key="abteistrasse", house_number=1).update(house_number_last=3)
    geocode_cache_clear()
    assert best("Abteistr. 2").quality == Quality.EXACT
    assert best("Abteistr. 1-3").quality == Quality.EXACT


def test_a_number_beyond_the_street_gives_the_street() -> None:
    match = best("Abteistr. 999")
    assert match.quality == Quality.STREET
    assert match.label == "Abteistr., Essen"


def test_a_street_without_number_gives_its_middle_address() -> None:
    rows = list(Address.objects.filter(street_key="abteistrasse").order_by("house_number"))
    middle = rows[len(rows) // 2]
    match = best("Abteistraße")
    assert (match.quality, match.lat, match.lon) == (Quality.STREET, middle.lat, middle.lon)


def test_a_small_typo_in_the_street_is_forgiven() -> None:
    match = best("Altenesener Strase 540a")
    assert (match.quality, match.lat, match.lon) == (
        Quality.EXACT,
        *point("altenessenerstrasse", 540, "a"),
    )
    assert 85 <= match.similarity < 100


@pytest.mark.parametrize("text", ["Abteisrt. 7", "Abteistf. 7", "Abtei St. 7"])
def test_a_typo_inside_the_street_abbreviation_is_one_letter(text: str) -> None:
    match = best(text)
    assert (match.quality, match.lat, match.lon) == (Quality.EXACT, *point("abteistrasse", 7))


def test_a_name_far_from_every_street_is_not_found() -> None:
    assert geocode("Zyxwvu 3") == []


def test_the_start_of_a_street_name_suggests_streets_while_typing() -> None:
    labels = [match.label for match in geocode("Alte Hau", limit=5)]
    assert labels[0] == "Alte Hauptstr., Essen"


def test_city_only_answers_the_centre_of_its_addresses() -> None:
    match = best("Essen")
    assert match.quality == Quality.PLACE
    assert match.label == "Essen"
    assert match.lat == pytest.approx(sum(Address.objects.values_list("lat", flat=True)) / 2429)


def test_postcode_only_answers_the_centre_of_its_addresses() -> None:
    Address.objects.filter(street_key="abteistrasse").update(postcode="45239")
    match = best("45239")
    assert (match.quality, match.label) == (Quality.PLACE, "45239 Essen")
    assert match.lat == pytest.approx(
        sum(Address.objects.filter(postcode="45239").values_list("lat", flat=True)) / 17
    )


def test_postcode_and_city_in_either_order_with_the_street() -> None:
    Address.objects.filter(street_key="abteistrasse").update(postcode="45239")
    for text in ("Abteistr. 7, 45239 Essen", "45239 Essen, Abteistr. 7", "Essen 45239 Abteistr. 7"):
        assert best(text).quality == Quality.EXACT


def test_a_street_of_another_city_is_not_found_in_this_one() -> None:
    Address.objects.create(
        street="Hauptstr.", street_key="hauptstrasse", house_number=1, city="Kiel",
        city_key="kiel", lat=54.3, lon=10.1, source="test",
    )  # fmt: skip
    geocode_cache_clear()
    assert best("Hauptstr. 1, Kiel").quality == Quality.EXACT
    assert [m.quality for m in geocode("Hauptstr. 1, Essen")] != [Quality.EXACT]


def test_interpolated_points_get_their_district() -> None:
    ring = [[6.99, 51.38], [7.01, 51.38], [7.01, 51.39], [6.99, 51.39], [6.99, 51.38]]
    werden = DistrictFactory.create(
        boundary={"type": "Polygon", "coordinates": [ring]},
        min_lon=6.99, min_lat=51.38, max_lon=7.01, max_lat=51.39,
    )  # fmt: skip
    assert best("Abteistr. 5").district == werden


def test_a_city_answer_gets_the_city_district() -> None:
    ring = [[6.8, 51.3], [7.2, 51.3], [7.2, 51.6], [6.8, 51.6], [6.8, 51.3]]
    city = DistrictFactory.create(
        kind=DistrictKind.CITY, boundary={"type": "Polygon", "coordinates": [ring]},
        min_lon=6.8, min_lat=51.3, max_lon=7.2, max_lat=51.6,
    )  # fmt: skip
    assert best("Essen").district == city


def test_limit_bounds_the_results() -> None:
    assert len(geocode("Alte", limit=3)) == 3
    assert len(geocode("Alte", limit=500)) <= 10


def test_a_very_long_text_is_cut() -> None:
    assert best("Abteistr. 7" + " " * 300 + "Zyxwvu").quality == Quality.EXACT


# --- Command ----------------------------------------------------------------------------------


def test_command_prints_quality_point_district_and_label() -> None:
    out = StringIO()
    call_command("geocode", "abteistrasse 7", stdout=out)
    lat, lon = point("abteistrasse", 7)
    assert out.getvalue() == f"exact\t{lat:.6f}\t{lon:.6f}\t-\tAbteistr. 7, Essen\n"


def test_command_says_none_when_nothing_matched() -> None:
    out = StringIO()
    call_command("geocode", "Zyxwvu 3", stdout=out)
    assert out.getvalue() == "none: nothing found\n"


# --- API --------------------------------------------------------------------------------------


def search(client: Client, **params: Any) -> Any:
    return client.get("/api/v1/addresses/search", params)


def test_api_answers_point_district_and_quality(client: Client) -> None:
    response = search(client, q="Abteistraße 7")
    assert response.status_code == 200
    body = response.json()
    lat, lon = point("abteistrasse", 7)
    assert body == {
        "quality": "exact",
        "results": [
            {
                "quality": "exact",
                "label": "Abteistr. 7, Essen",
                "lat": lat,
                "lon": lon,
                "district": None,
                "similarity": 100.0,
            }
        ],
    }


def test_api_says_none_when_nothing_matched(client: Client) -> None:
    assert search(client, q="Zyxwvu 3").json() == {"quality": "none", "results": []}


def test_api_names_the_district(client: Client) -> None:
    ring = [[6.99, 51.38], [7.01, 51.38], [7.01, 51.39], [6.99, 51.39], [6.99, 51.38]]
    DistrictFactory.create(
        slug="werden", name="Werden", boundary={"type": "Polygon", "coordinates": [ring]},
        min_lon=6.99, min_lat=51.38, max_lon=7.01, max_lat=51.39,
    )  # fmt: skip
    body = search(client, q="Abteistr. 7").json()
    assert body["results"][0]["district"] == {
        "slug": "werden",
        "name": "Werden",
        "kind": "district",
    }


@pytest.mark.parametrize(
    "params", [{"q": ""}, {"q": "x" * 201}, {"q": "Abteistr.", "limit": 11}, {"limit": 3}]
)
def test_api_bounds_query_length_and_result_count(client: Client, params: dict[str, Any]) -> None:
    assert search(client, **params).status_code == 422


def test_api_limit_gives_that_many_results(client: Client) -> None:
    assert len(search(client, q="Alte", limit=4).json()["results"]) == 4


def test_api_search_query_budget(client: Client, django_assert_max_num_queries: Any) -> None:
    search(client, q="Alte")  # the vocabulary is loaded once per process
    with django_assert_max_num_queries(4):
        assert len(search(client, q="Alte", limit=5).json()["results"]) == 5


def test_a_street_renamed_in_the_index_is_found_by_its_new_name_at_once() -> None:
    """The vocabulary cached per process follows every write, also one that keeps the
    number of addresses (a re-import correcting a street's name)."""
    assert best("Abteistr. 1").quality == Quality.EXACT
    Address.objects.filter(street_key="abteistrasse").update(
        street="Neue Abteistraße", street_key="neueabteistrasse"
    )
    assert best("Neue Abteistraße 1").quality == Quality.EXACT
