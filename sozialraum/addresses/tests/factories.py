"""Test data for the address index: one address at a given point."""

from __future__ import annotations

from sozialraum.addresses.geocoder import geocode_cache_clear
from sozialraum.addresses.models import Address
from sozialraum.addresses.normalise import place_key, street_key


def address_make(
    street: str,
    number: int,
    *,
    lat: float,
    lon: float,
    postcode: str = "24937",
    city: str = "Flensburg",
) -> Address:
    """An address in the index at (lat, lon); the geocoder's vocabulary is reloaded."""
    address = Address.objects.create(
        street=street, street_key=street_key(street), house_number=number,
        postcode=postcode, city=city, city_key=place_key(city),
        lat=lat, lon=lon, source="test",
    )  # fmt: skip
    geocode_cache_clear()
    return address
