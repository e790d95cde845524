"""Rules the database and the models keep for network maps."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from sozialraum.networkmap.choices import Ring, Sector
from sozialraum.networkmap.tests.factories import (
    ContactFactory,
    MapVersionFactory,
    NetworkMapFactory,
    TieFactory,
)

pytestmark = pytest.mark.django_db


def test_a_person_has_at_most_one_network_map() -> None:
    network_map = NetworkMapFactory.create()
    with pytest.raises(IntegrityError), transaction.atomic():
        NetworkMapFactory.create(person=network_map.person)


def test_version_numbers_are_unique_per_map() -> None:
    version = MapVersionFactory.create(number=1)
    with pytest.raises(IntegrityError), transaction.atomic():
        MapVersionFactory.create(network_map=version.network_map, number=1)


def test_a_contact_key_is_unique_within_a_version() -> None:
    contact = ContactFactory.create(key=5)
    with pytest.raises(IntegrityError), transaction.atomic():
        ContactFactory.create(version=contact.version, key=5)


def test_the_database_refuses_an_unknown_ring_or_sector() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        ContactFactory.create(ring=4, distance=50)
    with pytest.raises(IntegrityError), transaction.atomic():
        ContactFactory.create(sector="pets", angle=10)


def test_a_position_outside_the_contacts_sector_or_ring_is_invalid() -> None:
    contact = ContactFactory.build(sector=Sector.FAMILY, ring=Ring.CLOSE, angle=-45, distance=10)
    with pytest.raises(ValidationError):
        contact.clean()
    ContactFactory.build(sector=Sector.FAMILY, ring=Ring.CLOSE, angle=45, distance=10).clean()


def test_a_tie_is_stored_once_per_pair_with_the_smaller_id_first() -> None:
    tie = TieFactory.create()
    assert tie.first_id < tie.second_id
    with pytest.raises(IntegrityError), transaction.atomic():
        TieFactory.create(first=tie.second, second=tie.first, version=tie.version)
    with pytest.raises(IntegrityError), transaction.atomic():
        TieFactory.create(first=tie.first, second=tie.second, version=tie.version)


def test_a_tie_between_contacts_of_other_versions_is_invalid() -> None:
    tie = TieFactory.create()
    tie.version = MapVersionFactory.create(network_map=tie.version.network_map)
    with pytest.raises(ValidationError):
        tie.clean()


def test_deleting_a_contact_removes_its_ties() -> None:
    tie = TieFactory.create()
    tie.first.delete()
    assert not type(tie).objects.filter(pk=tie.pk).exists()
