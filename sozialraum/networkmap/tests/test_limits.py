"""A version holds at most MAX_CONTACTS contacts and MAX_TIES ties (choices.py), the
same bounds as an easyNWK file; the page of a full version stays small."""

from __future__ import annotations

from itertools import combinations, islice

import pytest
from django.test import Client
from django.urls import reverse

from sozialraum.casework.models import Person
from sozialraum.networkmap import easynwk
from sozialraum.networkmap.choices import MAX_CONTACTS, MAX_TIES, Ring, Sector
from sozialraum.networkmap.geometry import SECTOR_START, ring_middle
from sozialraum.networkmap.models import Contact, MapVersion, Tie
from sozialraum.networkmap.services import network_map_create

pytestmark = pytest.mark.django_db
SECTORS = list(Sector)


@pytest.fixture
def full_version(person: Person) -> MapVersion:
    """A version at both limits: MAX_CONTACTS contacts in all sectors and rings, MAX_TIES
    ties among them."""
    version = network_map_create(person=person, user=None).versions.get()
    contacts = []
    for key in range(1, MAX_CONTACTS + 1):
        sector, ring = SECTORS[key % len(SECTORS)], Ring((key % 3) + 1)
        contacts.append(
            Contact(
                version=version,
                key=key,
                name=f"Kontakt {key}",
                sector=sector,
                ring=ring,
                angle=SECTOR_START[sector] + 5 + (key % 80),
                distance=ring_middle(ring),
            )
        )
    Contact.objects.bulk_create(contacts)
    saved = list(Contact.objects.filter(version=version).order_by("pk"))
    pairs = islice(combinations(saved, 2), MAX_TIES)
    Tie.objects.bulk_create(Tie(version=version, first=a, second=b) for a, b in pairs)
    return version


def _url(name: str, person: Person, **kwargs: int) -> str:
    return reverse(f"networkmap:{name}", kwargs={"pk": person.pk, **kwargs})


def test_the_easynwk_reader_and_the_page_share_the_limits() -> None:
    assert (easynwk.MAX_CONTACTS, easynwk.MAX_TIES) == (MAX_CONTACTS, MAX_TIES) == (150, 2000)


def test_a_version_at_the_limits_renders_below_two_megabytes(
    person: Person,
    worker: Client,
    full_version: MapVersion,
    django_assert_max_num_queries: object,
) -> None:
    with django_assert_max_num_queries(17):  # type: ignore[operator]
        response = worker.get(_url("map", person))
    assert response.status_code == 200
    assert len(response.content) < 2 * 1024 * 1024
    assert response.content.decode().count('data-key="') >= MAX_CONTACTS


def test_a_contact_beyond_the_limit_is_refused_with_the_message(
    person: Person, worker: Client, full_version: MapVersion
) -> None:
    response = worker.post(
        _url("contact_add", person, number=full_version.number),
        {"name": "Herr Yilmaz", "sector": "friends", "ring": 2, "bond": 1},
        HTTP_ACCEPT_LANGUAGE="de",
    )
    assert response.status_code == 200
    assert "Diese Version enthält bereits 150 Kontakte" in response.content.decode()
    assert Contact.objects.filter(version=full_version).count() == MAX_CONTACTS
    assert not Contact.objects.filter(name="Herr Yilmaz").exists()


def test_a_tie_beyond_the_limit_is_refused_with_the_message(
    person: Person, worker: Client, full_version: MapVersion
) -> None:
    last, before = Contact.objects.filter(version=full_version).order_by("-pk")[:2]
    assert not Tie.objects.filter(first=before, second=last).exists()
    response = worker.post(
        _url("tie_add", person, number=full_version.number),
        {"one": before.pk, "other": last.pk},
        HTTP_ACCEPT_LANGUAGE="de",
    )
    assert response.status_code == 200
    assert "Diese Version enthält bereits 2000 Verbindungen" in response.content.decode()
    assert Tie.objects.filter(version=full_version).count() == MAX_TIES


def test_below_the_limit_a_contact_and_a_tie_are_still_added(
    person: Person, worker: Client, full_version: MapVersion
) -> None:
    Contact.objects.filter(version=full_version).order_by("-pk").first().delete()  # type: ignore[union-attr]
    response = worker.post(
        _url("contact_add", person, number=full_version.number),
        {"name": "Herr Yilmaz", "sector": "friends", "ring": 2, "bond": 1},
    )
    assert response.status_code == 302
    assert Contact.objects.filter(version=full_version).count() == MAX_CONTACTS
