"""Provider editors keep their organisation's offers current: create, edit, confirm,
history, and the list of their offers; nobody else's."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from sozialraum.accounts.tests.factories import (
    OrganisationFactory,
    signed_in_client,
    user_with_role,
)
from sozialraum.directory.models import ChangeAction, Offer, OfferChange
from sozialraum.directory.tests._pages import english, offer_make
from sozialraum.lib.access import Role

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
__all__ = ["english"]


def _form(offer: Offer, **changes: Any) -> dict[str, Any]:
    """The edit form's fields as the page fills them in for ``offer``, with ``changes``."""
    place = offer.places.get()
    options = list(offer.cost_options.all())
    data: dict[str, Any] = {
        "provider": offer.provider.slug,
        "name": offer.name,
        "description": offer.description,
        "categories": [c.code for c in offer.categories.all()],
        "opening_hours": offer.opening_hours,
        "fee": offer.fee,
        "for_everyone": "on",
        "eligibility": "",
        "legal_basis": "",
        "languages": "de",
        "place-name": place.name,
        "place-street_address": place.street_address,
        "place-postal_code": place.postal_code,
        "place-city": place.city,
        "place-latitude": place.latitude,
        "place-longitude": place.longitude,
        "place-wheelchair": place.wheelchair,
        "cost-TOTAL_FORMS": len(options),
        "cost-INITIAL_FORMS": len(options),
    }
    for index, option in enumerate(options):
        data |= {
            f"cost-{index}-id": option.pk,
            f"cost-{index}-amount": option.amount,
            f"cost-{index}-option": option.option,
        }
    return data | changes


@pytest.fixture
def offer() -> Offer:
    return offer_make()


def test_provider_editor_edits_own_offer_and_the_history_keeps_the_difference(
    offer: Offer,
) -> None:
    user = user_with_role(Role.PROVIDER_EDITOR, offer.provider)
    client = signed_in_client(user)
    url = reverse("directory:edit", kwargs={"pk": offer.pk})
    assert client.get(url).status_code == 200
    response = client.post(url, _form(offer, name="Mittagstisch im Hafenhaus", **{
        "cost-0-amount": "3.50", "place-street_address": "Norderstraße 1",
    }))  # fmt: skip
    assert response.status_code == 302, response.context and response.context["editor"].errors
    offer.refresh_from_db()
    assert offer.name == "Mittagstisch im Hafenhaus"
    assert offer.places.get().street_address == "Norderstraße 1"
    change = OfferChange.objects.filter(offer=offer, action=ChangeAction.UPDATED).get()
    assert change.user == user
    assert change.changes["name"] == ["Mittagstisch am Hafen", "Mittagstisch im Hafenhaus"]
    assert change.changes["cost_options"][1][0]["amount"] == "3.50"
    history = client.get(reverse("directory:history", kwargs={"pk": offer.pk}))
    assert "Mittagstisch im Hafenhaus" in history.text
    assert user.display_name in history.text


def test_provider_editor_of_another_organisation_is_refused(offer: Offer) -> None:
    client = signed_in_client(user_with_role(Role.PROVIDER_EDITOR))
    for name in ("edit", "confirm", "history"):
        url = reverse(f"directory:{name}", kwargs={"pk": offer.pk})
        assert client.get(url).status_code == 403, name
    response = client.post(reverse("directory:edit", kwargs={"pk": offer.pk}), _form(offer))
    assert response.status_code == 403
    assert not OfferChange.objects.filter(offer=offer, action=ChangeAction.UPDATED).exists()


def test_administrator_edits_any_offer(offer: Offer) -> None:
    client = signed_in_client(user_with_role(Role.ADMIN))
    url = reverse("directory:edit", kwargs={"pk": offer.pk})
    response = client.post(url, _form(offer, name="Geänderter Name"))
    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.name == "Geänderter Name"


def test_form_errors_are_named_on_their_fields(offer: Offer) -> None:
    client = signed_in_client(user_with_role(Role.PROVIDER_EDITOR, offer.provider))
    url = reverse("directory:edit", kwargs={"pk": offer.pk})
    response = client.post(url, _form(offer, **{
        "name": "", "categories": [], "opening_hours": "Mo-Fr 25:00-99:00",
        "cost-0-amount": "-1", "place-latitude": "95",
    }))  # fmt: skip
    assert response.status_code == 200
    errors = response.context["editor"].errors
    assert {
        "name",
        "categories",
        "opening_hours",
        "place.latitude",
        "cost_options.0.amount",
    } <= set(errors)
    assert "Choose at least one category." in response.text
    assert "opening_hours syntax" in response.text


def test_provider_editor_creates_an_offer_for_their_organisation() -> None:
    organisation = OrganisationFactory.create()
    user = user_with_role(Role.PROVIDER_EDITOR, organisation)
    client = signed_in_client(user)
    response = client.post(reverse("directory:create"), {
        "provider": organisation.slug, "name": "Sitztanz", "categories": ["sport_movement"],
        "fee": "free", "for_everyone": "on", "languages": "de, en",
        "place-name": "Gemeindehaus", "place-city": "Flensburg",
        "place-latitude": "54.79", "place-longitude": "9.43",
        "cost-TOTAL_FORMS": "2", "cost-INITIAL_FORMS": "0",
    })  # fmt: skip
    assert response.status_code == 302
    offer = Offer.objects.get(name="Sitztanz")
    assert offer.provider == organisation
    assert offer.languages == ["de", "en"]
    assert offer.places.get().name == "Gemeindehaus"
    assert OfferChange.objects.get(offer=offer).action == ChangeAction.CREATED


def test_provider_editor_cannot_create_offers_for_another_organisation() -> None:
    other = OrganisationFactory.create()
    client = signed_in_client(user_with_role(Role.PROVIDER_EDITOR))
    response = client.post(reverse("directory:create"), {
        "provider": other.slug, "name": "Fremd", "categories": ["cafe"], "fee": "free",
        "cost-TOTAL_FORMS": "0", "cost-INITIAL_FORMS": "0",
    })  # fmt: skip
    assert response.status_code == 200
    assert "provider" in response.context["editor"].errors
    assert not Offer.objects.filter(name="Fremd").exists()


def test_confirming_sets_the_date_and_writes_history(offer: Offer) -> None:
    client = signed_in_client(user_with_role(Role.PROVIDER_EDITOR, offer.provider))
    url = reverse("directory:confirm", kwargs={"pk": offer.pk})
    assert client.get(url).status_code == 200
    before = offer.last_confirmed_at
    assert client.post(url, {"next": "mine"}).status_code == 302
    offer.refresh_from_db()
    assert before is not None and offer.last_confirmed_at is not None
    assert offer.last_confirmed_at > before
    assert OfferChange.objects.filter(offer=offer, action=ChangeAction.CONFIRMED).count() == 1


def test_my_offers_lists_own_offers_flags_stale_ones_and_keeps_its_query_count(
    django_assert_max_num_queries: Any,
) -> None:
    organisation = OrganisationFactory.create()
    for number in range(8):
        offer_make(f"Angebot {number}", provider=organisation)
    offer_make("Veraltet", provider=organisation, confirmed_days_ago=None)
    offer_make("Fremdes Angebot")
    client = signed_in_client(user_with_role(Role.PROVIDER_EDITOR, organisation))
    client.get(reverse("directory:search"))
    with django_assert_max_num_queries(12):
        response = client.get(reverse("directory:mine"))
    assert response.status_code == 200
    assert "Angebot 7" in response.text and "Fremdes Angebot" not in response.text
    stale = [offer.name for offer, is_stale in response.context["rows"] if is_stale]
    assert stale == ["Veraltet"]
    assert "needs confirming" in response.text


def test_residents_and_visitors_cannot_open_the_editing_pages(client: Client, offer: Offer) -> None:
    resident = signed_in_client(user_with_role(Role.RESIDENT))
    assert resident.get(reverse("directory:mine")).status_code == 403
    response = client.get(reverse("directory:edit", kwargs={"pk": offer.pk}))
    assert response.status_code == 302 and "/konto/" in response.headers["Location"]
