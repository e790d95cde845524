"""The offer API: public search and detail; create, update and confirm for the provider's
editors and administrators, validated like the forms."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from sozialraum.accounts.tests.factories import (
    OrganisationFactory,
    signed_in_client,
    user_with_role,
)
from sozialraum.directory.models import ChangeAction, Offer, OfferChange, SearchMiss
from sozialraum.directory.tests._pages import english, offer_make
from sozialraum.lib.access import Role

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
__all__ = ["english"]

BASE = "/api/v1/offers"


def _body(provider: str, **changes: Any) -> dict[str, Any]:
    return {
        "provider": provider,
        "name": "Mittagstisch",
        "categories": ["lunch_table"],
        "opening_hours": "Mo-Fr 12:00-14:00",
        "fee": "paid",
        "languages": ["de", "tr"],
        "place": {"name": "Hafenhaus", "city": "Flensburg", "latitude": 54.79,
                  "longitude": 9.43, "accessible_toilet": True},
        "cost_options": [{"amount": "3.00", "option": "Geringes Einkommen"},
                         {"amount": "4.00", "option": "Alle anderen"}],
    } | changes  # fmt: skip


def _send(client: Client, method: str, url: str, body: dict[str, Any]) -> Any:
    return client.generic(method, url, json.dumps(body), content_type="application/json")


def test_search_returns_ranked_hits_with_offer_summaries(
    client: Client, django_assert_max_num_queries: Any
) -> None:
    for number in range(5):
        offer_make(f"Mittagstisch {number}")
    with django_assert_max_num_queries(8):
        response = client.get(f"{BASE}/search", {"q": "Mittagstisch", "lat": "54.79",
                                                  "lon": "9.43", "limit": "3"})  # fmt: skip
    assert response.status_code == 200
    data = response.json()
    assert data["total"] == 5 and len(data["hits"]) == 3
    hit = data["hits"][0]
    assert hit["offer"]["min_cost"] == "3.00"
    assert hit["offer"]["categories"] == ["lunch_table"]
    assert hit["place"]["accessible_toilet"] is True
    assert hit["distance_m"] is not None


def test_search_with_repeated_filters_and_no_results_records_a_miss(client: Client) -> None:
    offer_make()
    response = client.get(
        f"{BASE}/search",
        {"q": "Mittagstisch", "category": ["cafe", "counselling"], "needs": ["wheelchair"]},
    )
    assert response.status_code == 200
    assert response.json()["total"] == 0
    miss = SearchMiss.objects.get()
    assert miss.filters["categories"] == ["cafe", "counselling"]
    assert response.json()["suggestions"]


def test_search_answers_a_corrected_typo_with_did_you_mean(client: Client) -> None:
    offer_make("Mittagstisch am Hafen")
    data = client.get(f"{BASE}/search", {"q": "Mitagstisch"}).json()
    assert [hit["offer"]["name"] for hit in data["hits"]] == ["Mittagstisch am Hafen"]
    assert data["did_you_mean"] == {
        "kind": "spelling",
        "label": "Did you mean “Mittagstisch”?",
        "query": "q=Mittagstisch",
    }
    assert client.get(f"{BASE}/search", {"q": "Mittagstisch"}).json()["did_you_mean"] is None


def test_search_rejects_an_unknown_need(client: Client) -> None:
    response = client.get(f"{BASE}/search", {"needs": "flying"})
    assert response.status_code == 422


def test_detail_is_public_and_complete(client: Client) -> None:
    offer = offer_make()
    data = client.get(f"{BASE}/{offer.pk}").json()
    assert [o["option"] for o in data["cost_options"]] == ["Geringes Einkommen", "Alle anderen"]
    assert data["places"][0]["address"] == "Marientreppe 10, 24939 Flensburg"
    assert data["stale"] is False
    assert client.get(f"{BASE}/999").status_code == 404


def test_provider_editor_creates_an_offer_through_the_api() -> None:
    organisation = OrganisationFactory.create()
    client = signed_in_client(user_with_role(Role.PROVIDER_EDITOR, organisation))
    response = _send(client, "POST", BASE, _body(organisation.slug))
    assert response.status_code == 200, response.content
    offer = Offer.objects.get(pk=response.json()["id"])
    assert offer.provider == organisation and offer.languages == ["de", "tr"]
    assert offer.cost_options.count() == 2
    assert offer.places.get().accessible_toilet is True


def test_invalid_offer_gets_422_with_messages_by_field() -> None:
    organisation = OrganisationFactory.create()
    client = signed_in_client(user_with_role(Role.PROVIDER_EDITOR, organisation))
    body = _body(organisation.slug, name="", categories=[], opening_hours="jeden Tag",
                 cost_options=[{"amount": "-2"}], place={"name": "X", "latitude": 91,
                                                          "longitude": 9.4})  # fmt: skip
    response = _send(client, "POST", BASE, body)
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert {"name", "categories", "opening_hours", "cost_options.0.amount", "place.latitude"} <= (
        set(errors)
    )
    assert not Offer.objects.exists()


def test_provider_editor_updates_own_offer_and_not_another_organisations() -> None:
    offer = offer_make()
    user = user_with_role(Role.PROVIDER_EDITOR, offer.provider)
    client = signed_in_client(user)
    response = _send(client, "PUT", f"{BASE}/{offer.pk}", _body(offer.provider.slug,
                                                                  name="Neu"))  # fmt: skip
    assert response.status_code == 200, response.content
    change = OfferChange.objects.get(offer=offer, action=ChangeAction.UPDATED)
    assert change.user == user and change.changes["name"][1] == "Neu"
    stranger = signed_in_client(user_with_role(Role.PROVIDER_EDITOR))
    refused = _send(stranger, "PUT", f"{BASE}/{offer.pk}", _body(offer.provider.slug))
    assert refused.status_code == 403
    assert stranger.post(f"{BASE}/{offer.pk}/confirm").status_code == 403


def test_administrator_confirms_any_offer() -> None:
    offer = offer_make(confirmed_days_ago=None)
    client = signed_in_client(user_with_role(Role.ADMIN))
    response = client.post(f"{BASE}/{offer.pk}/confirm")
    assert response.status_code == 200
    assert response.json()["stale"] is False


def test_visitors_and_workers_cannot_write(client: Client) -> None:
    offer = offer_make()
    assert _send(client, "POST", BASE, _body(offer.provider.slug)).status_code == 401
    worker = signed_in_client(user_with_role(Role.WORKER, offer.provider))
    assert _send(worker, "PUT", f"{BASE}/{offer.pk}", _body("x")).status_code == 403
