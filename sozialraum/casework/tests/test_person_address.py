"""A person's home from an address: the form's address field suggests addresses and a map
picks the point; an address typed without choosing a suggestion takes its point (and so
its district) from the address index."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from sozialraum.accounts.tests.factories import (
    OrganisationFactory,
    signed_in_client,
    user_with_role,
)
from sozialraum.addresses.tests.factories import address_make
from sozialraum.casework.models import Person
from sozialraum.casework.tests.factories import PersonFactory
from sozialraum.directory.tests.factories import square_district
from sozialraum.lib.access import Role

pytestmark = pytest.mark.django_db


def _worker_client() -> tuple[Client, int]:
    organisation = OrganisationFactory.create()
    return signed_in_client(user_with_role(Role.WORKER, organisation)), organisation.pk


def test_an_address_typed_without_a_choice_places_the_home_and_finds_its_district() -> None:
    district = square_district(9.40, 54.78, name="Testviertel")
    holm = address_make("Holm", 1, lat=54.786, lon=9.406)
    client, organisation = _worker_client()

    response = client.post(
        reverse("casework:create"),
        {"organisation": organisation, "name": "Erika", "street_address": "Holm 1",
         "city": "Flensburg"},
    )  # fmt: skip

    person = Person.objects.get()
    assert response.status_code == 302
    assert (person.latitude, person.longitude) == (holm.lat, holm.lon)
    assert person.district == district


def test_an_address_the_index_does_not_know_leaves_the_chosen_district() -> None:
    square_district(9.40, 54.78, name="Testviertel")
    chosen = square_district(9.50, 54.78, name="Gewählt")
    address_make("Holm", 1, lat=54.786, lon=9.406)
    client, organisation = _worker_client()

    client.post(
        reverse("casework:create"),
        {"organisation": organisation, "name": "Erika", "street_address": "Nirgendwo 3",
         "district": chosen.pk},
    )  # fmt: skip

    person = Person.objects.get()
    assert person.latitude is None
    assert person.district == chosen


def test_given_coordinates_win_over_the_address() -> None:
    square_district(9.40, 54.78, name="Testviertel")
    address_make("Holm", 1, lat=54.786, lon=9.406)
    client, organisation = _worker_client()

    client.post(
        reverse("casework:create"),
        {"organisation": organisation, "name": "Erika", "street_address": "Holm 1",
         "latitude": "54.781", "longitude": "9.401"},
    )  # fmt: skip

    assert Person.objects.get().latitude == 54.781


@pytest.mark.parametrize("view", ["create", "edit"])
def test_the_person_form_suggests_addresses_and_picks_the_home_on_a_map(view: str) -> None:
    square_district(9.40, 54.78, name="Testviertel")
    client, organisation = _worker_client()
    person = PersonFactory.create(organisation_id=organisation)
    url = reverse(f"casework:{view}", args=[person.pk] if view == "edit" else [])

    html = client.get(url).content.decode()

    assert 'role="combobox"' in html and 'name="street_address"' in html
    for key, field in [("postcode", "postal_code"), ("city", "city"), ("lat", "latitude")]:
        assert f'data-{key}-field="{field}"' in html
    assert 'data-point-picker data-lat-field="id_latitude" data-lon-field="id_longitude"' in html
    assert '"name": "Testviertel"' in html, "the picker map shows the districts' outlines"
    assert "sozialraum/point_picker" in html and "addresses/address_field" in html
