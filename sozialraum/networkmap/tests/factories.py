"""Test data for network maps: maps, versions, contacts placed in their sector and ring,
and ties."""

from __future__ import annotations

import factory

from sozialraum.casework.tests.factories import PersonFactory
from sozialraum.networkmap.choices import Ring, Sector
from sozialraum.networkmap.geometry import SECTOR_START, ring_middle
from sozialraum.networkmap.models import Contact, MapVersion, NetworkMap, Tie


class NetworkMapFactory(factory.django.DjangoModelFactory[NetworkMap]):
    class Meta:
        model = NetworkMap

    person = factory.SubFactory(PersonFactory)


class MapVersionFactory(factory.django.DjangoModelFactory[MapVersion]):
    class Meta:
        model = MapVersion

    network_map = factory.SubFactory(NetworkMapFactory)
    number = factory.Sequence(lambda n: n + 1)
    title = "Erstgespräch"


class ContactFactory(factory.django.DjangoModelFactory[Contact]):
    class Meta:
        model = Contact

    version = factory.SubFactory(MapVersionFactory)
    key = factory.Sequence(lambda n: n + 1)
    name = factory.Sequence(lambda n: f"Kontakt {n}")
    sector = Sector.FAMILY
    ring = Ring.CLOSE
    angle = factory.LazyAttribute(lambda c: SECTOR_START[Sector(c.sector)] + 45)
    distance = factory.LazyAttribute(lambda c: ring_middle(c.ring))


class TieFactory(factory.django.DjangoModelFactory[Tie]):
    class Meta:
        model = Tie

    first = factory.SubFactory(ContactFactory)
    second = factory.SubFactory(ContactFactory, version=factory.SelfAttribute("..first.version"))
    version = factory.SelfAttribute("first.version")
