"""Early-warning tests: English source strings, and a small world of two teams in two
districts, each with a coordinator, and a worker of team A's organisation with a person."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import translation
from pytest_django import Settings

from sozialraum.accounts.models import DistrictTeam, Membership, Organisation, User
from sozialraum.accounts.tests.factories import DistrictTeamFactory, MembershipFactory
from sozialraum.addresses.geocoder import geocode_cache_clear
from sozialraum.addresses.models import Address
from sozialraum.addresses.normalise import place_key, street_key
from sozialraum.casework.models import LivingSituation, Person
from sozialraum.casework.tests.factories import PersonFactory
from sozialraum.districts.lookup import lookup_cache_clear
from sozialraum.districts.models import District
from sozialraum.districts.tests.factories import DistrictFactory
from sozialraum.earlywarning.seed import rules_ensure
from sozialraum.lib.access import Role


@pytest.fixture(autouse=True)
def english(settings: Settings) -> Iterator[None]:
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def _square(lon: float, lat: float) -> dict[str, Any]:
    ring = [[lon, lat], [lon + 0.01, lat], [lon + 0.01, lat + 0.01], [lon, lat + 0.01], [lon, lat]]
    return {
        "boundary": {"type": "Polygon", "coordinates": [ring]},
        "min_lon": lon, "min_lat": lat, "max_lon": lon + 0.01, "max_lat": lat + 0.01,
    }  # fmt: skip


@dataclass
class World:
    district_a: District
    district_b: District
    team_a: DistrictTeam
    team_b: DistrictTeam
    organisation: Organisation
    worker: User
    coordinator: User
    coordinator_b: User
    person: Person


def _member(team: DistrictTeam, role: str, organisation: Organisation | None = None) -> User:
    membership: Membership = MembershipFactory.create(
        role=role, **({"organisation": organisation} if organisation else {})
    )
    team.members.add(membership)
    return membership.user


@pytest.fixture
def world(db: None) -> World:
    rules_ensure()  # a transactional test before this one flushed the seeded rules
    district_a = DistrictFactory.create(name="Nordstadt (Test)", **_square(9.40, 54.80))
    district_b = DistrictFactory.create(name="Südstadt (Test)", **_square(9.40, 54.70))
    lookup_cache_clear()
    team_a = DistrictTeamFactory.create(name="Team Nord")
    team_a.districts.add(district_a)
    team_b = DistrictTeamFactory.create(name="Team Süd")
    team_b.districts.add(district_b)
    worker = _member(team_a, Role.WORKER)
    organisation = worker.memberships.get().organisation
    coordinator = _member(team_a, Role.COORDINATOR, organisation)
    coordinator_b = _member(team_b, Role.COORDINATOR)
    person = PersonFactory.create(
        organisation=organisation,
        name="Erika Beispielname",
        district=district_a,
        living_situation=LivingSituation.ALONE,
        date_of_birth=dt.date(1950, 6, 1),
    )
    return World(district_a, district_b, team_a, team_b, organisation, worker, coordinator,
                 coordinator_b, person)  # fmt: skip


@pytest.fixture
def address_index(world: World) -> Address:
    """One house in district A in the address index."""
    address = Address.objects.create(
        street="Norderstraße", street_key=street_key("Norderstraße"), house_number=12,
        postcode="24939", city="Flensburg", city_key=place_key("Flensburg"), lat=54.805,
        lon=9.405, source="test",
    )  # fmt: skip
    geocode_cache_clear()
    return address
