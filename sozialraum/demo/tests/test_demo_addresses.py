"""The demo fills the address index from the places of its offers."""

from __future__ import annotations

import pytest

from sozialraum.addresses.models import Address
from sozialraum.demo.offers import demo_addresses_load
from sozialraum.directory.tests._pages import offer_make

pytestmark = pytest.mark.django_db


def test_the_places_of_offers_fill_the_address_index_once() -> None:
    offer_make("Mittagstisch am Hafen", latitude=54.79, longitude=9.43)
    assert demo_addresses_load() == "addresses: 1 added from the places of offers"
    address = Address.objects.get()
    assert (address.street, address.house_number, address.postcode, address.city) == (
        "Marientreppe",
        10,
        "24939",
        "Flensburg",
    )
    assert (address.lat, address.lon) == (54.79, 9.43)
    assert demo_addresses_load() == "addresses: 0 added from the places of offers"
