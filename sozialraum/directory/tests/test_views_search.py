"""The public search page: results as a list and on a map, stale offers hidden from
residents, suggestions when little is found, and searches without results recorded."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from sozialraum.accounts.tests.factories import signed_in_client, user_with_role
from sozialraum.directory.models import SearchMiss
from sozialraum.directory.tests._pages import english, offer_make
from sozialraum.directory.tests.factories import square_district
from sozialraum.lib.access import Role

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
__all__ = ["english"]

SEARCH = reverse("directory:search")


def test_anonymous_visitor_finds_offers_as_a_list_and_as_points_on_a_map(client: Client) -> None:
    offer = offer_make("Mittagstisch am Hafen")
    response = client.get(SEARCH, {"q": "Mittagstisch"})
    assert response.status_code == 200
    assert "Mittagstisch am Hafen" in response.text
    assert reverse("directory:detail", kwargs={"pk": offer.pk}) in response.text
    assert "from 3.00 €" in response.text
    assert "Toilet for wheelchair users" in response.text
    points = response.context["map"]["points"]
    assert [p["properties"]["name"] for p in points] == ["Mittagstisch am Hafen"]
    assert points[0]["geometry"]["coordinates"] == [9.43, 54.79]
    assert 'id="offer-map"' in response.text


def test_residents_do_not_find_stale_offers(client: Client) -> None:
    offer_make("Altes Erzählcafé", category="cafe", confirmed_days_ago=800)
    offer_make("Neues Erzählcafé", category="cafe")
    response = client.get(SEARCH, {"category": "cafe"})
    assert "Neues Erzählcafé" in response.text
    assert "Altes Erzählcafé" not in response.text
    assert "include_stale" not in response.context["form"].fields


def test_staff_may_include_unconfirmed_offers() -> None:
    offer_make("Altes Erzählcafé", category="cafe", confirmed_days_ago=800)
    client = signed_in_client(user_with_role(Role.WORKER))
    hidden = client.get(SEARCH, {"category": "cafe"})
    shown = client.get(SEARCH, {"category": "cafe", "include_stale": "on"})
    assert "Altes Erzählcafé" not in hidden.text
    assert "Altes Erzählcafé" in shown.text


def test_a_search_without_results_is_recorded_and_suggests_widening(client: Client) -> None:
    district = square_district(9.42, 54.78, name="Nordstadt", slug="nordstadt")
    offer_make("Mittagstisch am Hafen")
    response = client.get(SEARCH, {"q": "Mittagstisch", "category": "cafe"})
    assert response.context["result"].total == 0
    miss = SearchMiss.objects.get()
    assert miss.query_text == "Mittagstisch"
    assert response.context["suggestions"], "the page offers a wider search"
    assert 'class="suggestions"' in response.text
    client.get(SEARCH, {"district": district.slug, "q": "Schwimmbad"})
    assert SearchMiss.objects.filter(district=district).count() == 1


def test_opening_the_search_page_records_no_miss(client: Client) -> None:
    response = client.get(SEARCH)
    assert response.status_code == 200
    assert SearchMiss.objects.count() == 0


def test_radius_around_the_district_centre_shows_distances(client: Client) -> None:
    district = square_district(9.42, 54.78, name="Nordstadt", slug="nordstadt")
    offer_make("Nah", latitude=54.785, longitude=9.425)
    offer_make("Fern", latitude=54.9, longitude=9.6)
    response = client.get(SEARCH, {"district": district.slug, "radius": "2000"})
    names = [row["offer"].name for row in response.context["hits"]]
    assert names == ["Nah"]
    assert response.context["hits"][0]["distance_m"] is not None
    assert " m away" in response.text


def test_a_radius_around_a_district_crosses_its_boundary(client: Client) -> None:
    """ "Klues, 10 km" found only Klues's own offers: the radius is a circle around the
    district's centre, and an offer next door in another district lies within it."""
    district = square_district(9.42, 54.78, name="Klues", slug="klues")
    square_district(9.43, 54.78, name="Nachbar", slug="nachbar")
    offer_make("Drinnen", latitude=54.785, longitude=9.425)
    offer_make("Nebenan", latitude=54.785, longitude=9.435)
    offer_make("Weit weg", latitude=54.9, longitude=9.6)
    response = client.get(SEARCH, {"district": district.slug, "radius": "2000"})
    names = sorted(row["offer"].name for row in response.context["hits"])
    assert names == ["Drinnen", "Nebenan"]
    response = client.get(SEARCH, {"district": district.slug})
    assert [row["offer"].name for row in response.context["hits"]] == ["Drinnen"]


def test_accessibility_needs_filter_and_their_labels_are_plain(client: Client) -> None:
    offer_make("Mit Toilette")
    response = client.get(SEARCH, {"needs": ["hearing_loop"]})
    assert "Hearing loop for hearing aids" in response.text
    assert response.context["result"].total == 0
    response = client.get(SEARCH, {"needs": ["accessible_toilet", "wheelchair"]})
    assert response.context["result"].total == 1


def test_invalid_filters_are_named_on_the_form(client: Client) -> None:
    response = client.get(SEARCH, {"max_cost": "-1", "time": "10:00"})
    assert response.status_code == 200
    assert response.context["result"] is None
    assert set(response.context["form"].errors) == {"max_cost", "day"}


def test_search_page_query_count_does_not_grow_with_the_hits(
    client: Client, django_assert_max_num_queries: Any
) -> None:
    for number in range(25):
        offer_make(f"Mittagstisch {number}")
    with django_assert_max_num_queries(10):
        response = client.get(SEARCH, {"q": "Mittagstisch"})
    assert len(response.context["hits"]) == 20
    assert response.context["pages"]["count"] == 2
    assert "page=2" in response.context["pages"]["next"]


def test_a_corrected_typo_shows_its_results_with_a_did_you_mean_link(client: Client) -> None:
    offer_make("Mittagstisch am Hafen")
    response = client.get(SEARCH, {"q": "Mitagstisch"})
    assert "Mittagstisch am Hafen" in response.text
    assert '<a href="?q=Mittagstisch">Did you mean “Mittagstisch”?</a>' in response.text
    assert response.context["did_you_mean"] is not None
    exact = client.get(SEARCH, {"q": "Mittagstisch"})
    assert exact.context["did_you_mean"] is None
