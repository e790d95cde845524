"""The shared worklist holds only persons with a live consent for the district team's
purpose, shared with this team, shows only the fields that purpose allows, and logs
every read."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from sozialraum.accounts.tests.factories import signed_in_client
from sozialraum.audit.models import AccessAction, AccessLogEntry
from sozialraum.audit.purposes import Purpose
from sozialraum.casework.scope import SCOPES

from .factories import consent_withdraw, shared_person, team_make

pytestmark = pytest.mark.django_db


def _page(world: Any) -> str:
    response = signed_in_client(world.worker).get(
        reverse("teamwork:worklist", args=[world.team.slug])
    )
    assert response.status_code == 200
    return response.content.decode()


def test_a_person_with_a_team_consent_is_on_the_worklist() -> None:
    world = team_make()
    shared_person(world.team, name="Erika Beispiel", living_situation="alone")
    page = _page(world)
    assert "Erika Beispiel" in page
    assert "lives alone" in page


def test_a_consent_for_another_purpose_does_not_put_a_person_on_the_worklist() -> None:
    world = team_make()
    shared_person(world.team, purpose=Purpose.PLAN, name="Nur Plan")
    assert "Nur Plan" not in _page(world)


def test_a_withdrawn_consent_takes_the_person_off_the_worklist() -> None:
    world = team_make()
    person = shared_person(world.team, name="Zurückgezogen")
    consent_withdraw(person)
    assert "Zurückgezogen" not in _page(world)


def test_team_b_never_sees_team_a_persons() -> None:
    a, b = team_make("Nord"), team_make("Sued")
    shared_person(a.team, name="Nur Nord")
    assert "Nur Nord" in _page(a)
    assert "Nur Nord" not in _page(b)


def test_fields_outside_the_team_purpose_are_never_shown() -> None:
    world = team_make()
    assert "phone" not in SCOPES[Purpose.DISTRICT_TEAM].fields
    shared_person(world.team, name="Erika", phone="0461-999111", email="erika@example.org")
    page = _page(world)
    assert "Erika" in page
    assert "0461-999111" not in page
    assert "erika@example.org" not in page


def test_every_worklist_read_is_logged_under_the_team_purpose() -> None:
    world = team_make()
    person = shared_person(world.team)
    _page(world)
    entry = AccessLogEntry.objects.get(person_id=person.pk)
    assert (entry.user_id, entry.purpose, entry.action, entry.granted) == (
        world.worker.pk,
        Purpose.DISTRICT_TEAM,
        AccessAction.LIST,
        True,
    )


def test_the_worklist_stays_within_its_query_budget(django_assert_max_num_queries: Any) -> None:
    world = team_make()
    for _ in range(8):
        shared_person(world.team)
    client = signed_in_client(world.worker)
    with django_assert_max_num_queries(14):
        response = client.get(reverse("teamwork:worklist", args=[world.team.slug]))
    assert response.content.decode().count("worklist-entry") == 8
