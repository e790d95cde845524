"""The HSDS-3-shaped read API at /api/hsds/: public, paginated HSDS pages, filters, and
responses that validate against the published HSDS schemas."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from sozialraum.directory.exchange import hsds, hsds_schema
from sozialraum.directory.models import Category, Offer, Place
from sozialraum.directory.services import offer_create, provider_get_or_create
from sozialraum.directory.tests.test_hsds import lunch_table

pytestmark = pytest.mark.django_db


@pytest.fixture
def offers() -> list[Offer]:
    lunch = lunch_table()
    provider, _ = provider_get_or_create(name="Stadt Flensburg")
    others = [
        offer_create(
            provider=provider,
            data={
                "name": f"Seniorentreff {number}",
                "description": "Kaffee und Gespräche",
                "categories": [Category.objects.get(code="community_centre")],
            },
            source="test",
        )
        for number in range(3)
    ]
    return [lunch, *others]


def get(client: Client, url: str) -> Any:
    response = client.get(url)
    assert response.status_code == 200, response.content
    return response.json()


def assert_page(page: dict[str, Any], schema: str) -> None:
    assert set(page) == {
        "total_items",
        "total_pages",
        "page_number",
        "size",
        "first_page",
        "last_page",
        "empty",
        "contents",
    }
    for item in page["contents"]:
        assert hsds_schema.schema_errors(schema, item) == []


def test_services_list_is_a_public_hsds_page_of_valid_services(
    client: Client, offers: list[Offer], django_assert_max_num_queries: Any
) -> None:
    with django_assert_max_num_queries(6):
        page = get(client, "/api/hsds/services?per_page=3")

    assert_page(page, "compiled/service_list.json")
    assert (page["total_items"], page["total_pages"], page["size"]) == (4, 2, 3)
    assert (page["first_page"], page["last_page"], page["empty"]) == (True, False, False)
    assert page["contents"][0]["name"] == "Mittagstisch Neustadt"
    assert "cost_options" not in page["contents"][0]


def test_services_list_pages_on_and_can_be_full_or_minimal(
    client: Client, offers: list[Offer]
) -> None:
    second = get(client, "/api/hsds/services?per_page=3&page=2")
    full = get(client, "/api/hsds/services?full=true&search=mittagstisch")
    minimal = get(client, "/api/hsds/services?minimal=true")

    assert (second["size"], second["last_page"], second["first_page"]) == (1, True, False)
    assert_page(full, "compiled/service.json")
    assert len(full["contents"][0]["cost_options"]) == 2
    assert set(minimal["contents"][0]) == {"id", "last_modified"}


def test_services_filter_by_taxonomy_term_organization_and_search(
    client: Client, offers: list[Offer]
) -> None:
    term = hsds.hsds_uuid("taxonomy_term", "sozialraum:lunch_table")
    organisation = hsds.organisation_hsds_id(offers[1].provider)

    by_term = get(client, f"/api/hsds/services?taxonomy_term_id={term}")
    by_provider = get(client, f"/api/hsds/services?organization_id={organisation}")
    by_words = get(client, "/api/hsds/services?search=kaffee+gespräche")
    nothing = get(client, "/api/hsds/services?search=schwimmbad")

    assert [s["name"] for s in by_term["contents"]] == ["Mittagstisch Neustadt"]
    assert by_provider["total_items"] == by_words["total_items"] == 3
    assert (nothing["total_items"], nothing["empty"], nothing["total_pages"]) == (0, True, 1)


def test_service_detail_is_the_fully_nested_valid_service(
    client: Client, offers: list[Offer]
) -> None:
    service_id = hsds.offer_hsds_id(offers[0])

    service = get(client, f"/api/hsds/services/{service_id}")

    assert hsds_schema.schema_errors("compiled/service.json", service) == []
    assert service["id"] == service_id
    assert service["service_at_locations"][0]["location"]["name"] == "Gemeindehaus Neustadt"


def test_unknown_ids_answer_404(client: Client, offers: list[Offer]) -> None:
    for kind in ("services", "organizations", "locations"):
        response = client.get(f"/api/hsds/{kind}/00000000-0000-0000-0000-000000000000")
        assert response.status_code == 404


def test_bad_paging_answers_400(client: Client) -> None:
    assert client.get("/api/hsds/services?page=0").status_code == 400
    assert client.get("/api/hsds/locations?per_page=100000").status_code == 400


def test_organizations_list_and_detail_validate(client: Client, offers: list[Offer]) -> None:
    page = get(client, "/api/hsds/organizations")
    organisation_id = hsds.organisation_hsds_id(offers[1].provider)
    detail = get(client, f"/api/hsds/organizations/{organisation_id}")
    full = get(client, f"/api/hsds/organizations/{organisation_id}?full_service=true")

    assert_page(page, "compiled/organization_list.json")
    assert page["total_items"] == 2
    assert hsds_schema.schema_errors("compiled/organization.json", detail) == []
    assert [s["name"] for s in detail["services"]] == [f"Seniorentreff {n}" for n in range(3)]
    assert hsds_schema.schema_errors("compiled/organization.json", full) == []


def test_locations_list_and_detail_validate(client: Client, offers: list[Offer]) -> None:
    page = get(client, "/api/hsds/locations?search=neustadt")
    place = Place.objects.get()
    detail = get(client, f"/api/hsds/locations/{hsds.place_hsds_id(place)}")

    assert_page(page, "location.json")
    assert page["total_items"] == 1
    assert hsds_schema.schema_errors("location.json", detail) == []
    assert {entry["details"] for entry in detail["accessibility"]} >= {"wheelchair=limited"}


def test_imported_services_are_found_by_their_own_hsds_id(
    client: Client, offers: list[Offer]
) -> None:
    Offer.objects.filter(pk=offers[0].pk).update(
        external_id="hsds:ac148810-d857-441c-9679-408f346de14b"
    )

    service = get(client, "/api/hsds/services/ac148810-d857-441c-9679-408f346de14b")

    assert service["name"] == "Mittagstisch Neustadt"


def test_meta_and_openapi_are_public(client: Client) -> None:
    meta = get(client, "/api/hsds/")
    schema = get(client, "/api/hsds/openapi.json")

    assert meta["version"] == "3.0"
    assert meta["openapi_url"].endswith("/api/hsds/openapi.json")
    assert schema["info"]["title"] == "Sozialraum HSDS 3 API"
    paths = set(schema["paths"])
    assert {"/api/hsds/services", "/api/hsds/services/{id}", "/api/hsds/locations/{id}"} <= paths
    for path in schema["paths"].values():
        for operation in path.values():
            assert operation["x-access"] == "public"
