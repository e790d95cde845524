"""The search page never loads district boundaries: not for its list of districts, not for
the chosen district, not for the districts of the places it shows."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sozialraum.directory.tests._pages import english, offer_make
from sozialraum.directory.tests.factories import square_district
from sozialraum.districts.models import DistrictKind

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
__all__ = ["english"]

SEARCH = reverse("directory:search")


def _geometry_columns(queries: list[dict[str, Any]]) -> list[str]:
    return [q["sql"] for q in queries if '"boundary"' in q["sql"] or "boundary_display" in q["sql"]]


def test_search_page_selects_no_district_boundary(
    client: Client, django_assert_max_num_queries: Any
) -> None:
    city = square_district(9.40, 54.78, size=0.1, name="Stadt", slug="stadt", kind="city")
    square_district(9.42, 54.785, size=0.02, name="Hafen", slug="hafen", parent=city)
    square_district(9.30, 54.70, size=0.02, name="Land", slug="land", parent=city)
    offer = offer_make("Mittagstisch am Hafen")
    place_district = offer.places.get().district
    assert place_district is not None and place_district.slug == "hafen"
    # 12: the page's queries plus two counts for the suggestions of a search that found little.
    with CaptureQueriesContext(connection) as captured, django_assert_max_num_queries(12):
        response = client.get(SEARCH, {"q": "Mittagstisch", "district": "hafen", "radius": "2000"})
    assert response.status_code == 200
    assert [hit["offer"] for hit in response.context["hits"]] == [offer]
    assert "Hafen (Stadt)" in response.text, "the district list names each area's city"
    assert _geometry_columns(captured.captured_queries) == []


def test_search_page_query_count_does_not_grow_with_the_districts(
    client: Client, django_assert_max_num_queries: Any
) -> None:
    city = square_district(9.40, 54.78, size=0.1, name="Stadt", slug="stadt", kind="city")
    for number in range(30):
        square_district(9.40 + number * 0.001, 54.78, size=0.001, parent=city)
    offer_make("Mittagstisch am Hafen")
    with django_assert_max_num_queries(10):
        response = client.get(SEARCH, {"q": "Mittagstisch"})
    assert response.status_code == 200
    options = response.context["form"].fields["district"].queryset
    assert options.count() == 30
    assert all(d.kind != DistrictKind.CITY for d in options)
