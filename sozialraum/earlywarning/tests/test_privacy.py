"""Who sees what: a concern without consent never reveals a name (pages, API, stored
rows, access log); team A's outreach list never shows team B's; a team member who may
not see a person sees the reasons without the name; every name shown is logged."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.management import call_command

from sozialraum.accounts.tests.factories import signed_in_client, user_with_role
from sozialraum.audit.models import AccessAction, AccessLogEntry
from sozialraum.audit.purposes import Purpose
from sozialraum.casework.tests.factories import ConsentFactory
from sozialraum.earlywarning.models import Entry, EntryEvent, Signal
from sozialraum.earlywarning.services import person_signal
from sozialraum.lib.access import Role

from .conftest import World, _member

pytestmark = pytest.mark.django_db

SECRET_NAME = "Hannelore Geheimnachbarin"


def _concern(client: object, address: str) -> object:
    return client.post(  # type: ignore[attr-defined]
        "/fruehe-hinweise/sorge/",
        {"address": address, "postcode": "24939", "city": "Flensburg",
         "reporter": "neighbour", "observations": ["mail", "not_seen"]},
    )  # fmt: skip


def test_a_concern_keeps_the_indexed_address_and_never_the_typed_name(
    world: World, address_index: object
) -> None:
    provider = user_with_role(Role.PROVIDER_EDITOR)
    response = _concern(signed_in_client(provider), f"{SECRET_NAME}, Norderstraße 12")

    assert response.status_code == 302  # type: ignore[attr-defined]
    entry = Entry.objects.get()
    assert entry.person_id is None
    assert entry.address_label == "Norderstraße 12, 24939 Flensburg"
    assert entry.team == world.team_a
    stored = json.dumps(list(Signal.objects.values()), default=str) + json.dumps(
        list(Entry.objects.values()), default=str
    )
    assert SECRET_NAME.split()[0] not in stored
    assert AccessLogEntry.objects.count() == 0

    coordinator = signed_in_client(world.coordinator)
    pages = [
        coordinator.get(f"/fruehe-hinweise/team/{world.team_a.slug}/"),
        coordinator.get(f"/fruehe-hinweise/eintrag/{entry.pk}/"),
        coordinator.get(f"/api/v1/early-warning/teams/{world.team_a.slug}/entries"),
    ]
    for page in pages:
        assert page.status_code == 200
        text = page.content.decode()
        assert "Norderstra" in text
        assert "Hannelore" not in text
        assert "Geheimnachbarin" not in text
    api = pages[2].json()
    assert api[0]["name"] is None and api[0]["person_id"] is None
    assert api[0]["signals"][0]["detail"] == (
        "Reported by a neighbour: letterbox overflowing, not seen for some time"
    )


def test_a_concern_at_an_unknown_address_is_refused_at_the_address_field(
    world: World, address_index: object
) -> None:
    response = _concern(signed_in_client(world.worker), "Gibtesnichtweg 99")

    assert response.status_code == 200  # type: ignore[attr-defined]
    form = response.context["form"]  # type: ignore[attr-defined]
    assert list(form.errors) == ["address"]
    assert Entry.objects.count() == 0


def test_a_concern_where_no_team_works_is_refused_at_the_address_field(
    world: World, address_index: object
) -> None:
    world.team_a.districts.clear()

    response = _concern(signed_in_client(world.worker), "Norderstraße 12")

    assert response.context["form"].errors["address"] == [  # type: ignore[attr-defined]
        "No district team works for this address yet."
    ]
    assert Entry.objects.count() == 0 and EntryEvent.objects.count() == 0


def _signal(world: World) -> None:
    world.person.date_of_birth = dt.date(1930, 1, 1)
    world.person.save()
    call_command("earlywarning_scan", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_team_a_list_never_shows_team_b_entries(world: World) -> None:
    _signal(world)
    client_b = signed_in_client(world.coordinator_b)

    own = client_b.get(f"/fruehe-hinweise/team/{world.team_b.slug}/")
    other = client_b.get(f"/fruehe-hinweise/team/{world.team_a.slug}/")
    other_api = client_b.get(f"/api/v1/early-warning/teams/{world.team_a.slug}/entries")
    entry = client_b.get(f"/fruehe-hinweise/eintrag/{Entry.objects.get().pk}/")

    assert own.status_code == 200 and world.person.name not in own.content.decode()
    assert "No entries." in own.content.decode()
    assert other.status_code == 403
    assert other_api.status_code == 403
    assert entry.status_code == 403


def test_the_team_sees_the_person_with_every_reason_and_the_listing_is_logged(
    world: World,
) -> None:
    _signal(world)

    response = signed_in_client(world.coordinator).get(
        f"/fruehe-hinweise/team/{world.team_a.slug}/"
    )

    text = response.content.decode()
    assert world.person.name in text
    assert "80 Jahre oder älter und allein lebend" in text
    assert f"Age {world.person.age()}, lives alone" in text
    row = AccessLogEntry.objects.filter(action=AccessAction.LIST).get()
    assert (row.person_id, row.purpose, row.user_id) == (
        world.person.pk,
        Purpose.EARLY_WARNING,
        world.coordinator.pk,
    )


def test_a_member_from_another_organisation_sees_no_name_without_consent(world: World) -> None:
    _signal(world)
    outsider = _member(world.team_a, Role.WORKER)
    client = signed_in_client(outsider)

    listed = client.get(f"/fruehe-hinweise/team/{world.team_a.slug}/").content.decode()
    api = client.get(f"/api/v1/early-warning/teams/{world.team_a.slug}/entries").json()
    entry = client.get(f"/fruehe-hinweise/eintrag/{Entry.objects.get().pk}/").content.decode()

    for text in (listed, entry, json.dumps(api)):
        assert world.person.name not in text
    assert "Person (name not shared with you)" in listed
    assert api[0]["name"] is None and api[0]["person_id"] is None
    assert not AccessLogEntry.objects.filter(user_id=outsider.pk).exists()


def test_with_an_early_warning_consent_the_other_organisation_sees_the_name(
    world: World,
) -> None:
    _signal(world)
    outsider = _member(world.team_a, Role.WORKER)
    ConsentFactory.create(
        person=world.person,
        purpose=Purpose.EARLY_WARNING,
        shared_with_organisation=None,
        shared_with_team=world.team_a,
    )

    listed = signed_in_client(outsider).get(f"/fruehe-hinweise/team/{world.team_a.slug}/")

    assert world.person.name in listed.content.decode()


def test_a_person_of_a_team_with_consent_only_goes_to_that_team(world: World) -> None:
    """Team B works for the same district too, without a member of the person's
    organisation; only with the person's consent does it get the signal."""
    world.team_b.districts.add(world.district_a)
    world.person.date_of_birth = dt.date(1930, 1, 1)
    world.person.save()
    assert {s.entry.team_id for s in person_signal(
        person=world.person, code="alone_80", key="a", facts={}, observed_on=dt.date.today()
    )} == {world.team_a.pk}  # fmt: skip
    ConsentFactory.create(
        person=world.person, purpose=Purpose.EARLY_WARNING,
        shared_with_organisation=None, shared_with_team=world.team_b,
    )  # fmt: skip

    added = person_signal(
        person=world.person, code="alone_80", key="b", facts={}, observed_on=dt.date.today()
    )

    assert {s.entry.team_id for s in added} == {world.team_a.pk, world.team_b.pk}
