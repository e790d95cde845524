"""Writing network maps: versions, contacts, ties, and the easyNWK round trip."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from sozialraum.casework.tests.factories import PersonFactory
from sozialraum.lib.importing import DataImportError
from sozialraum.networkmap.choices import Bond, Ring, Sector
from sozialraum.networkmap.easynwk import write_easynwk
from sozialraum.networkmap.geometry import fits
from sozialraum.networkmap.models import Contact, MapVersion, NetworkMap, Tie
from sozialraum.networkmap.selectors import (
    network_map_record,
    version_detail,
    version_snapshot,
    versions_of,
)
from sozialraum.networkmap.services import (
    contact_create,
    contact_delete,
    contact_update,
    map_version_create,
    network_map_create,
    network_map_import,
    tie_create,
)

pytestmark = pytest.mark.django_db
ROSA = Path(__file__).parent / "data" / "Rosa_Braunsteigl-Mueller.json"


def _map_with_contacts() -> tuple[NetworkMap, list[Contact]]:
    network_map = network_map_create(person=PersonFactory.create(), user=None)
    version = network_map.versions.get()
    contacts = [
        contact_create(
            version=version, name="Maria", role="Mutter", sector=Sector.FAMILY, ring=Ring.CLOSE
        ),
        contact_create(version=version, name="Lara", sector=Sector.FRIENDS, ring=Ring.MIDDLE),
        contact_create(
            version=version,
            name="Pflegedienst Nord",
            sector=Sector.PROFESSIONAL,
            ring=Ring.DISTANT,
            human=False,
            bond=Bond.MULTIPLE,
            note="montags",
        ),
    ]
    tie_create(version=version, one=contacts[1], other=contacts[0])
    return network_map, contacts


def _comparable(network_map: NetworkMap) -> list[dict[str, Any]]:
    """Everything the map holds except database ids and timestamps."""
    result = []
    for version in network_map.versions.order_by("number"):
        snapshot = version_detail(version).snapshot
        result.append(
            {
                "number": version.number,
                "title": version.title,
                "date": version.date,
                "contacts": sorted(snapshot.contacts, key=lambda c: c.key),
                "ties": sorted(snapshot.ties, key=lambda t: (t.a, t.b)),
            }
        )
    return result


def test_the_snapshot_read_as_rows_is_the_detail_s_snapshot(
    django_assert_num_queries: Any,
) -> None:
    """The person page's summary reads the snapshot as rows: the same contacts (every
    field, same order) and ties as the version's full detail, in two queries."""
    network_map, _contacts = _map_with_contacts()
    version = network_map.versions.get()
    with django_assert_num_queries(2):
        snapshot = version_snapshot(version)
    detail = version_detail(version).snapshot
    assert snapshot.contacts == detail.contacts
    assert set(snapshot.ties) == set(detail.ties)
    assert len(snapshot.contacts) == 3 and len(snapshot.ties) == 1


def test_a_new_map_starts_with_one_empty_version_and_is_made_once() -> None:
    person = PersonFactory.create()
    network_map = network_map_create(person=person, user=None, title="Erstgespräch")
    assert network_map_create(person=person, user=None) == network_map
    assert [(v.number, v.title) for v in network_map.versions.all()] == [(1, "Erstgespräch")]


def test_new_contacts_get_new_keys_and_a_place_in_their_sector_and_ring() -> None:
    _, contacts = _map_with_contacts()
    assert [c.key for c in contacts] == [1, 2, 3]
    assert all(fits(c.angle, c.distance, c.sector, c.ring) for c in contacts)


def test_a_contact_moved_to_another_ring_is_placed_there_and_keeps_its_key() -> None:
    _, (maria, *_) = _map_with_contacts()
    angle = maria.angle
    contact_update(contact=maria, name="Maria B.")
    assert maria.angle == angle
    contact_update(contact=maria, ring=Ring.DISTANT, sector=Sector.FRIENDS)
    maria.refresh_from_db()
    assert (maria.key, maria.name, maria.ring) == (1, "Maria B.", Ring.DISTANT)
    assert fits(maria.angle, maria.distance, Sector.FRIENDS, Ring.DISTANT)


def test_a_contact_without_a_name_is_refused() -> None:
    network_map = network_map_create(person=PersonFactory.create(), user=None)
    with pytest.raises(ValidationError):
        contact_create(version=network_map.versions.get(), name="", sector=Sector.FAMILY, ring=1)
    assert not Contact.objects.exists()


def test_ties_are_kept_once_and_never_to_oneself() -> None:
    network_map, (maria, lara, _) = _map_with_contacts()
    version = network_map.versions.get()
    assert tie_create(version=version, one=maria, other=lara) == Tie.objects.get()
    with pytest.raises(ValidationError):
        tie_create(version=version, one=maria, other=maria)
    contact_delete(contact=lara)
    assert not Tie.objects.exists()


def test_a_new_version_copies_the_latest_with_the_same_keys_and_ties() -> None:
    network_map, _ = _map_with_contacts()
    second = map_version_create(network_map=network_map, user=None, title="Ein Jahr später")
    assert second.number == 2
    first_data, second_data = _comparable(network_map)
    assert second_data["contacts"] == first_data["contacts"]
    assert second_data["ties"] == first_data["ties"]
    contact_delete(contact=second.contacts.get(key=1))
    assert network_map.versions.get(number=1).contacts.count() == 3
    assert [v.contact_count for v in versions_of(network_map)] == [3, 2]  # type: ignore[attr-defined]


def test_importing_an_export_gives_back_the_same_map() -> None:
    network_map, _ = _map_with_contacts()
    second = map_version_create(network_map=network_map, user=None, title="Später")
    contact_update(contact=second.contacts.get(key=2), ring=Ring.CLOSE, deceased=True)
    contact_create(version=second, name="Kirchenchor", sector=Sector.FRIENDS, ring=3, human=False)
    exported = write_easynwk(network_map_record(network_map))

    other = PersonFactory.create()
    network_map_import(person=other, data=exported, file="export.json", user=None)
    assert _comparable(NetworkMap.objects.get(person=other)) == _comparable(network_map)


def test_the_real_easynwk_file_imports_with_all_versions_contacts_and_ties() -> None:
    person = PersonFactory.create()
    versions = network_map_import(person=person, data=ROSA.read_bytes(), file=ROSA.name, user=None)
    assert [(v.number, v.title, str(v.date)) for v in versions] == [
        (1, "Erstgespräch", "2024-02-26")
    ]
    contacts = {c.name: c for c in versions[0].contacts.all()}
    assert len(contacts) == 10
    assert Tie.objects.filter(version=versions[0]).count() == 5
    assert (contacts["Hubert"].deceased, contacts["Hubert"].ring) == (True, Ring.DISTANT)
    assert contacts["Strolchi"].human is False
    assert contacts["Strolchi"].bond == Bond.NONE
    assert contacts["Lara"].sector == Sector.FRIENDS
    assert contacts["Susi"].sector == Sector.WORK
    assert contacts["Dr. Maier"].sector == Sector.PROFESSIONAL
    assert contacts["Richard"].ring == Ring.CLOSE
    assert contacts["Ewald"].key == 11


def test_importing_into_a_map_with_versions_appends_and_shifts_keys() -> None:
    network_map, _ = _map_with_contacts()
    network_map_import(person=network_map.person, data=ROSA.read_bytes(), file="r.json", user=None)
    assert list(network_map.versions.values_list("number", flat=True)) == [1, 2]
    imported = network_map.versions.get(number=2)
    assert imported.contacts.get(name="Ewald").key == 11 + 3


def test_a_file_with_a_problem_imports_nothing() -> None:
    document = json.loads(ROSA.read_bytes().decode("utf-8-sig"))
    document["versions"][0]["nwk"]["alteri"][4]["distance"] = "weit"
    person = PersonFactory.create()
    with pytest.raises(DataImportError) as caught:
        network_map_import(
            person=person, data=json.dumps(document).encode(), file="f.json", user=None
        )
    assert [p.field for p in caught.value.problems] == ["versions[0].nwk.alteri[4].distance"]
    assert not NetworkMap.objects.exists()
    assert not MapVersion.objects.exists()
