"""Test data for the offer directory: categories, places, offers, prices, and a district
with a square boundary for district assignment."""

from __future__ import annotations

from decimal import Decimal

import factory

from sozialraum.accounts.tests.factories import OrganisationFactory
from sozialraum.directory.models import Category, CostOption, Offer, Place
from sozialraum.districts.models import District
from sozialraum.districts.tests.factories import DistrictFactory


class CategoryFactory(factory.django.DjangoModelFactory[Category]):
    class Meta:
        model = Category
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"test_category_{n}")
    name = factory.Sequence(lambda n: f"Kategorie {n}")


class PlaceFactory(factory.django.DjangoModelFactory[Place]):
    class Meta:
        model = Place

    name = factory.Sequence(lambda n: f"Ort {n}")
    street_address = "Marientreppe 10"
    postal_code = "24939"
    city = "Flensburg"
    latitude = 54.79
    longitude = 9.43


class OfferFactory(factory.django.DjangoModelFactory[Offer]):
    class Meta:
        model = Offer

    provider = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Angebot {n}")


class CostOptionFactory(factory.django.DjangoModelFactory[CostOption]):
    class Meta:
        model = CostOption

    offer = factory.SubFactory(OfferFactory)
    amount = Decimal("3.00")


def square_district(lon: float, lat: float, size: float = 0.01, **fields: object) -> District:
    """A district whose boundary is the square from (lon, lat) ``size`` degrees east and
    north."""
    ring = [
        [lon, lat],
        [lon + size, lat],
        [lon + size, lat + size],
        [lon, lat + size],
        [lon, lat],
    ]
    return DistrictFactory.create(
        boundary={"type": "Polygon", "coordinates": [ring]},
        min_lon=lon,
        min_lat=lat,
        max_lon=lon + size,
        max_lat=lat + size,
        **fields,
    )
