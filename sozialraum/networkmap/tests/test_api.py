"""The network map API: read and export through the person's access helper."""

from __future__ import annotations

import json

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from sozialraum.accounts.tests.factories import signed_in_client, user_with_role
from sozialraum.audit.models import AccessAction, AccessLogEntry
from sozialraum.audit.purposes import Purpose
from sozialraum.casework.models import Person
from sozialraum.casework.tests.factories import ConsentFactory, PersonFactory
from sozialraum.lib.access import Role
from sozialraum.networkmap.choices import Ring, Sector
from sozialraum.networkmap.easynwk import parse_easynwk
from sozialraum.networkmap.models import MapVersion
from sozialraum.networkmap.services import (
    contact_create,
    map_version_create,
    network_map_create,
    tie_create,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def person() -> Person:
    return PersonFactory.create()


@pytest.fixture
def worker(person: Person) -> Client:
    return signed_in_client(user_with_role(Role.WORKER, person.organisation))


def _map(person: Person) -> MapVersion:
    version = network_map_create(person=person, user=None).versions.get()
    maria = contact_create(version=version, name="Maria", sector=Sector.FAMILY, ring=Ring.CLOSE)
    lara = contact_create(version=version, name="Lara", sector=Sector.FRIENDS, ring=Ring.MIDDLE)
    tie_create(version=version, one=maria, other=lara)
    return version


def test_the_list_gives_the_map_with_its_versions_in_a_fixed_number_of_queries(
    person: Person, worker: Client
) -> None:
    version = _map(person)
    url = f"/api/v1/persons/{person.pk}/network-maps"
    worker.get(url)  # the first request of a session also reads the second factor's device
    with CaptureQueriesContext(connection) as one_version:
        response = worker.get(url)
    assert response.status_code == 200
    (network_map,) = response.json()
    assert [(v["number"], v["contacts"]) for v in network_map["versions"]] == [(1, 2)]
    for _ in range(3):
        map_version_create(network_map=version.network_map, user=None)
    with CaptureQueriesContext(connection) as four_versions:
        response = worker.get(url)
    assert len(response.json()[0]["versions"]) == 4
    assert len(four_versions.captured_queries) == len(one_version.captured_queries)


def test_a_version_gives_contacts_ties_and_metrics(person: Person, worker: Client) -> None:
    version = _map(person)
    maps = worker.get(f"/api/v1/persons/{person.pk}/network-maps").json()
    response = worker.get(maps[0]["versions"][0]["url"])
    assert response.status_code == 200
    body = response.json()
    assert [(c["key"], c["name"], c["sector"], c["ring"]) for c in body["contacts"]] == [
        (1, "Maria", "family", 1),
        (2, "Lara", "friends", 2),
    ]
    assert body["ties"] == [{"first": 1, "second": 2}]
    assert body["metrics"]["size"] == 2
    assert body["metrics"]["density"] == 1.0
    assert body["metrics"]["empty_sectors"] == ["work", "professional"]
    missing = worker.get(
        f"/api/v1/persons/{person.pk}/network-maps/{version.network_map_id}/versions/9"
    )
    assert missing.status_code == 404


def test_the_easynwk_export_is_a_file_easynwk_reads_and_is_logged(
    person: Person, worker: Client
) -> None:
    _map(person)
    maps = worker.get(f"/api/v1/persons/{person.pk}/network-maps").json()
    response = worker.get(maps[0]["easynwk_url"])
    assert response.status_code == 200
    record = parse_easynwk(response.content, file="api.json")
    assert [a.name for a in record.versions[0].alteri] == ["Maria", "Lara"]
    assert json.loads(response.content)["versions"][0]["nwk"]["ego"]["name"] == person.name
    assert AccessLogEntry.objects.filter(
        person_id=person.pk, action=AccessAction.EXPORT, purpose=Purpose.NETWORK_MAP
    ).exists()


def test_another_organisation_reads_only_with_a_network_map_consent(person: Person) -> None:
    _map(person)
    outsider = user_with_role(Role.WORKER)
    client = signed_in_client(outsider)
    url = f"/api/v1/persons/{person.pk}/network-maps"
    assert client.get(url).status_code == 403
    ConsentFactory.create(
        person=person,
        purpose=Purpose.NETWORK_MAP,
        shared_with_organisation=outsider.memberships.get().organisation,
    )
    assert client.get(url).status_code == 200
    assert (
        AccessLogEntry.objects.filter(
            person_id=person.pk, user_id=outsider.pk, granted=False
        ).count()
        == 1
    )


def test_a_person_without_a_map_gives_an_empty_list(person: Person, worker: Client) -> None:
    assert worker.get(f"/api/v1/persons/{person.pk}/network-maps").json() == []
