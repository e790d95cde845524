"""The network map pages: reading through the access helper, editing, versions, the
comparison, and easyNWK upload and download."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from sozialraum.accounts.tests.factories import signed_in_client, user_with_role
from sozialraum.audit.models import AccessAction, AccessLogEntry
from sozialraum.audit.purposes import Purpose
from sozialraum.casework.models import Person
from sozialraum.casework.tests.factories import ConsentFactory, PersonFactory
from sozialraum.lib.access import Role
from sozialraum.networkmap.choices import Ring, Sector
from sozialraum.networkmap.models import Contact, MapVersion, NetworkMap, Tie
from sozialraum.networkmap.services import (
    contact_create,
    map_version_create,
    network_map_create,
    tie_create,
)

pytestmark = pytest.mark.django_db
ROSA = Path(__file__).parent / "data" / "Rosa_Braunsteigl-Mueller.json"


def _map(person: Person) -> MapVersion:
    version = network_map_create(person=person, user=None).versions.get()
    maria = contact_create(
        version=version, name="Maria", role="Mutter", sector=Sector.FAMILY, ring=Ring.CLOSE
    )
    lara = contact_create(version=version, name="Lara", sector=Sector.FRIENDS, ring=Ring.MIDDLE)
    contact_create(version=version, name="Dr. Maier", sector=Sector.PROFESSIONAL, ring=3)
    tie_create(version=version, one=maria, other=lara)
    return version


def _url(name: str, person: Person, **kwargs: int) -> str:
    return reverse(f"networkmap:{name}", kwargs={"pk": person.pk, **kwargs})


def test_worker_sees_picture_table_and_metrics_of_the_latest_version(
    person: Person, worker: Client, django_assert_max_num_queries: object
) -> None:
    _map(person)
    # Session, user, second factor, roles, person, organisations, log row, map, versions,
    # contacts, ties, the tie form's two lists, and the session's save; the log row needs
    # two (the previous row's chain hash, the insert).
    with django_assert_max_num_queries(17):  # type: ignore[operator]
        response = worker.get(_url("map", person))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'role="img"' in html and "<title id=" in html
    assert html.count('<th scope="row">') >= 3 + 4  # three contacts, four sectors
    assert "Maria" in html and "Lara" in html
    assert "Starting points" in html  # every sector has fewer than two contacts
    assert response.context["starting_points"][0]["offers_url"].endswith(
        "category=children_families"
    )
    metrics = response.context["metrics"]
    assert (metrics.size, metrics.ties) == (3, 1)
    assert [row["contact"].name for row in response.context["rows"]] == [
        "Maria",
        "Lara",
        "Dr. Maier",
    ]


def test_the_page_costs_the_same_queries_however_many_contacts(
    person: Person, worker: Client
) -> None:
    version = _map(person)
    worker.get(_url("map", person))
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        worker.get(_url("map", person))
    for index in range(10):
        contact_create(version=version, name=f"Nachbar {index}", sector=Sector.FRIENDS, ring=2)
    with CaptureQueriesContext(connection) as many:
        worker.get(_url("map", person))
    assert len(many.captured_queries) == len(few.captured_queries)


def test_every_read_is_logged_with_the_network_map_purpose(person: Person, worker: Client) -> None:
    _map(person)
    worker.get(_url("map", person))
    assert AccessLogEntry.objects.filter(
        person_id=person.pk, purpose=Purpose.NETWORK_MAP, action=AccessAction.VIEW, granted=True
    ).exists()


def test_worker_of_another_organisation_needs_consent_for_the_network_map(person: Person) -> None:
    _map(person)
    outsider = user_with_role(Role.WORKER)
    client = signed_in_client(outsider)
    assert client.get(_url("map", person)).status_code == 403
    organisation = outsider.memberships.get().organisation
    ConsentFactory.create(
        person=person, purpose=Purpose.PLAN, shared_with_organisation=organisation
    )
    assert client.get(_url("map", person)).status_code == 403
    consent = ConsentFactory.create(
        person=person, purpose=Purpose.NETWORK_MAP, shared_with_organisation=organisation
    )
    response = client.get(_url("map", person))
    assert response.status_code == 200
    assert response.context["can_edit"] is False
    assert "Add a contact" not in response.content.decode()
    version = person.network_maps.get().versions.get()
    post = client.post(
        _url("contact_add", person, number=version.number),
        {"name": "X", "sector": "family", "ring": 1, "bond": 1},
    )
    assert post.status_code == 403
    assert not Contact.objects.filter(name="X").exists()
    from django.utils import timezone

    consent.withdrawn_at = timezone.now()
    consent.save()
    assert client.get(_url("map", person)).status_code == 403


def test_planners_are_turned_away_by_the_page_declaration(person: Person) -> None:
    client = signed_in_client(user_with_role(Role.PLANNER, person.organisation))
    assert client.get(_url("map", person)).status_code == 403


def test_a_person_without_a_map_is_offered_to_start_one(person: Person, worker: Client) -> None:
    response = worker.get(_url("map", person))
    assert response.status_code == 200
    assert "Start the network map" in response.content.decode()
    response = worker.post(_url("create", person))
    assert response.status_code == 302
    assert NetworkMap.objects.get(person=person).versions.count() == 1


def test_worker_adds_a_contact_that_appears_in_picture_and_table(
    person: Person, worker: Client
) -> None:
    version = _map(person)
    url = _url("contact_add", person, number=version.number)
    assert worker.get(url).status_code == 200
    response = worker.post(
        url,
        {
            "name": "Herr Yilmaz",
            "role": "Nachbar*in",
            "sector": "friends",
            "ring": 2,
            "human": "on",
            "bond": 1,
            "note": "",
        },
    )
    assert response.status_code == 302
    contact = Contact.objects.get(name="Herr Yilmaz")
    assert (contact.sector, contact.ring, contact.key) == (Sector.FRIENDS, 2, 4)
    html = worker.get(_url("map", person)).content.decode()
    assert f'data-key="{contact.key}"' in html
    assert html.count("Herr Yilmaz") >= 2


def test_a_contact_without_name_or_with_a_bad_ring_is_refused_naming_the_field(
    person: Person, worker: Client
) -> None:
    version = _map(person)
    response = worker.post(
        _url("contact_add", person, number=version.number),
        {"name": "", "sector": "family", "ring": 7, "bond": 1},
    )
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"name", "ring"}
    assert Contact.objects.count() == 3


def test_worker_moves_a_contact_closer_and_removes_another(person: Person, worker: Client) -> None:
    version = _map(person)
    lara = version.contacts.get(name="Lara")
    response = worker.post(
        _url("contact_edit", person, number=1, contact=lara.pk),
        {
            "name": "Lara",
            "sector": "friends",
            "ring": 1,
            "human": "on",
            "bond": 2,
            "note": "Nachbarin",
        },
    )
    assert response.status_code == 302
    lara.refresh_from_db()
    assert (lara.ring, lara.bond, lara.note) == (1, 2, "Nachbarin")
    maier = version.contacts.get(name="Dr. Maier")
    assert worker.get(_url("contact_remove", person, number=1, contact=maier.pk)).status_code == 200
    assert (
        worker.post(_url("contact_remove", person, number=1, contact=maier.pk)).status_code == 302
    )
    assert not Contact.objects.filter(pk=maier.pk).exists()


def test_a_contact_of_another_persons_map_is_not_found(person: Person, worker: Client) -> None:
    _map(person)
    stranger = _map(PersonFactory.create(organisation=person.organisation))
    other = stranger.contacts.first()
    assert other is not None
    response = worker.get(_url("contact_edit", person, number=1, contact=other.pk))
    assert response.status_code == 404


def test_worker_ties_two_contacts_and_unties_them(person: Person, worker: Client) -> None:
    version = _map(person)
    maria, maier = version.contacts.get(name="Maria"), version.contacts.get(name="Dr. Maier")
    url = _url("tie_add", person, number=1)
    response = worker.post(url, {"one": maria.pk, "other": maria.pk})
    assert response.status_code == 200
    assert "other" in response.context["form"].errors
    assert worker.post(url, {"one": maier.pk, "other": maria.pk}).status_code == 302
    tie = Tie.objects.get(first=maria, second=maier)
    assert worker.get(_url("tie_remove", person, number=1, tie=tie.pk)).status_code == 405
    assert worker.post(_url("tie_remove", person, number=1, tie=tie.pk)).status_code == 302
    assert not Tie.objects.filter(pk=tie.pk).exists()


def test_a_new_version_copies_the_latest_and_the_comparison_shows_the_changes(
    person: Person, worker: Client
) -> None:
    _map(person)
    response = worker.post(
        _url("version_add", person), {"title": "Ein Jahr später", "date": "2026-11-01"}
    )
    assert response.status_code == 302
    second = MapVersion.objects.get(network_map__person=person, number=2)
    assert second.contacts.count() == 3
    second.contacts.filter(name="Dr. Maier").delete()
    second.contacts.filter(name="Lara").update(ring=1, distance=10)
    contact_create(
        version=second, name="Chor St. Marien", sector=Sector.FRIENDS, ring=2, human=False
    )
    response = worker.get(_url("compare", person))
    assert response.status_code == 200
    rows = {row["key"]: row["lines"] for row in response.context["change_rows"]}
    assert rows["came"] == ["Chor St. Marien (Friends and neighbours, ring 2)"]
    assert rows["went"] == ["Dr. Maier (Professional helpers, ring 3)"]
    assert rows["closer"] == [
        "Lara: from Friends and neighbours, ring 2 to Friends and neighbours, ring 1"
    ]
    assert response.content.decode().count('role="img"') == 2


def test_comparing_a_version_with_itself_names_the_field(person: Person, worker: Client) -> None:
    version = _map(person)
    map_version_create(network_map=version.network_map, user=None)
    response = worker.get(_url("compare", person), {"earlier": 1, "later": 1})
    assert response.status_code == 200
    assert response.context["form"].errors["later"] == ["Choose two different versions."]
    response = worker.get(_url("compare", person), {"earlier": 2, "later": 1})
    assert response.context["form"].errors["later"] == [
        "Choose a version made after the earlier one."
    ]
    assert "sides" not in response.context


def test_the_export_downloads_an_easynwk_file_and_is_logged(person: Person, worker: Client) -> None:
    _map(person)
    response = worker.get(_url("export", person))
    assert response.status_code == 200
    assert (
        response["Content-Disposition"] == 'attachment; filename="netzwerkkarte-erika-muster.json"'
    )
    document = json.loads(response.content)
    assert [a["name"] for a in document["versions"][0]["nwk"]["alteri"]] == [
        "Maria",
        "Lara",
        "Dr. Maier",
    ]
    assert document["versions"][0]["nwk"]["connections"] == [{"id1": 1, "id2": 2}]
    assert AccessLogEntry.objects.filter(person_id=person.pk, action=AccessAction.EXPORT).exists()


def test_uploading_the_real_easynwk_file_imports_it(person: Person, worker: Client) -> None:
    upload = SimpleUploadedFile(ROSA.name, ROSA.read_bytes(), content_type="application/json")
    response = worker.post(_url("import", person), {"file": upload})
    assert response.status_code == 302
    version = MapVersion.objects.get(network_map__person=person)
    assert (version.title, version.contacts.count(), version.ties.count()) == (
        "Erstgespräch",
        10,
        5,
    )


def test_a_broken_upload_names_file_record_and_field_and_imports_nothing(
    person: Person, worker: Client
) -> None:
    document = json.loads(ROSA.read_bytes().decode("utf-8-sig"))
    document["versions"][0]["nwk"]["alteri"][2]["angle"] = 999
    upload = SimpleUploadedFile("karte.json", json.dumps(document).encode())
    response = worker.post(_url("import", person), {"file": upload})
    assert response.status_code == 400
    assert response.context["problems"] == [
        "karte.json, field versions[0].nwk.alteri[2].angle: must lie between -180 and 180 degrees"
    ]
    assert not NetworkMap.objects.filter(person=person).exists()


def test_an_upload_without_a_file_names_the_field(person: Person, worker: Client) -> None:
    response = worker.post(_url("import", person), {})
    assert response.status_code == 200
    assert "file" in response.context["form"].errors


def test_the_person_page_shows_the_map_section_with_the_upload(
    person: Person, worker: Client
) -> None:
    _map(person)
    response = worker.get(reverse("casework:person", kwargs={"pk": person.pk}))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="section-network_map-heading"' in html
    assert _url("map", person) in html
    assert _url("import", person) in html


def test_an_upload_of_400_contacts_is_refused_in_german_and_imports_nothing(
    person: Person, worker: Client
) -> None:
    alteri = [{"id": i, "name": f"K{i}", "angle": 10, "distance": 50} for i in range(400)]
    ties = [{"id1": a, "id2": a + 1} for a in range(399)]
    version = {"id": 1, "title": "", "nwk": {"ego": {}, "alteri": alteri, "connections": ties}}
    upload = SimpleUploadedFile("gross.json", json.dumps({"versions": [version]}).encode())
    response = worker.post(_url("import", person), {"file": upload}, HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 400
    assert response.context["problems"] == [
        "gross.json, Feld versions[0].nwk.alteri: enthält 400 Kontakte, eine Netzwerkkarte hat "
        "höchstens 150"
    ]
    assert not NetworkMap.objects.filter(person=person).exists()
