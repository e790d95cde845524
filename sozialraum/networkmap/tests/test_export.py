"""The network map's part of the person's GDPR Art. 15 information."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from sozialraum.accounts.tests.factories import signed_in_client, user_with_role
from sozialraum.casework.export import person_export
from sozialraum.casework.tests.factories import PersonFactory
from sozialraum.lib.access import Role
from sozialraum.networkmap.choices import Sector
from sozialraum.networkmap.services import contact_create, network_map_create, tie_create

pytestmark = pytest.mark.django_db


def test_the_art_15_export_holds_versions_contacts_and_ties() -> None:
    person = PersonFactory.create()
    version = network_map_create(person=person, user=None, title="Erstgespräch").versions.get()
    maria = contact_create(
        version=version, name="Maria", sector=Sector.FAMILY, ring=1, note="ruft sonntags an"
    )
    lara = contact_create(version=version, name="Lara", sector=Sector.FRIENDS, ring=2)
    tie_create(version=version, one=maria, other=lara)

    sections = {section.key: section for section in person_export(person)}
    assert sections["network_map_versions"].records[0]["title"] == "Erstgespräch"
    contacts = sections["network_map_contacts"].records
    assert [(c["name"], c["sector"], c["note"]) for c in contacts] == [
        ("Maria", "Family", "ruft sonntags an"),
        ("Lara", "Friends and neighbours", ""),
    ]
    assert sections["network_map_ties"].records == [
        {"version": 1, "first": "Maria", "second": "Lara"}
    ]


def test_the_json_download_includes_the_network_map() -> None:
    person = PersonFactory.create()
    version = network_map_create(person=person, user=None).versions.get()
    contact_create(version=version, name="Maria", sector=Sector.FAMILY, ring=1)
    client = signed_in_client(user_with_role(Role.WORKER, person.organisation))
    response = client.get(reverse("casework:export_json", kwargs={"pk": person.pk}))
    data = json.loads(response.content)
    assert data["sections"]["network_map_contacts"]["records"][0]["name"] == "Maria"


def test_a_person_without_a_map_exports_empty_tables() -> None:
    sections = {s.key: s for s in person_export(PersonFactory.create())}
    assert sections["network_map_contacts"].records == []
