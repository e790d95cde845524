"""Query budgets of the directory's list endpoints: each stays within its budget however many
rows it lists, and none loads a district boundary."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from sozialraum.directory.models import Offer
from sozialraum.directory.tests._pages import offer_make
from sozialraum.directory.tests.factories import square_district

pytestmark = pytest.mark.django_db

ROWS = 12


@pytest.fixture
def offers() -> list[Offer]:
    """Twelve offers, each by its own provider at its own place inside one district."""
    square_district(9.40, 54.78, size=0.05, name="Mitte", slug="mitte")
    return [offer_make(f"Mittagstisch {number:02d}") for number in range(ROWS)]


def _within_budget(client: Client, url: str, budget: int, assert_max: Any) -> Any:
    with CaptureQueriesContext(connection) as captured, assert_max(budget):
        response = client.get(url)
    assert response.status_code == 200, response.content
    geometry = [q["sql"] for q in captured.captured_queries if "boundary" in q["sql"]]
    assert geometry == [], "no list loads a district boundary"
    return response.json()


@pytest.mark.parametrize("listing", ["organizations", "locations"])
def test_hsds_organizations_and_locations_lists_stay_within_their_query_budget(
    client: Client, offers: list[Offer], listing: str, django_assert_max_num_queries: Any
) -> None:
    page = _within_budget(
        client, f"/api/hsds/{listing}?per_page=50", 6, django_assert_max_num_queries
    )
    assert page["total_items"] == ROWS and len(page["contents"]) == ROWS


def test_hsds_full_services_list_stays_within_its_query_budget(
    client: Client, offers: list[Offer], django_assert_max_num_queries: Any
) -> None:
    page = _within_budget(
        client, "/api/hsds/services?per_page=50&full_service=true", 12,
        django_assert_max_num_queries,
    )  # fmt: skip
    assert page["total_items"] == ROWS and len(page["contents"]) == ROWS


def test_offer_search_in_a_district_stays_within_its_query_budget(
    client: Client, offers: list[Offer], django_assert_max_num_queries: Any
) -> None:
    body = _within_budget(
        client, "/api/v1/offers/search?q=Mittagstisch&district=mitte&limit=50", 8,
        django_assert_max_num_queries,
    )  # fmt: skip
    assert body["total"] == ROWS
