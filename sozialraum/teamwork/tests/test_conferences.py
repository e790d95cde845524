"""Case conferences: opened with participants from the team and guests, an agenda of
topics and persons (with consent only), minutes, decisions as tasks for team members,
a printable page; bad input names its field and writes nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sozialraum.accounts.tests.factories import signed_in_client
from sozialraum.audit.models import AccessAction, AccessLogEntry
from sozialraum.audit.purposes import Purpose
from sozialraum.teamwork.models import AgendaItem, Conference, Task

from .factories import conference_make, consent_withdraw, member_make, shared_person, team_make

pytestmark = pytest.mark.django_db


def _url(conference: Conference, suffix: str = "") -> str:
    return f"/konto/teams/{conference.team.slug}/konferenzen/{conference.pk}/{suffix}"


def test_a_member_opens_a_conference_with_participants_and_guests() -> None:
    world = team_make()
    client = signed_in_client(world.coordinator)
    response = client.post(
        reverse("teamwork:conferences", args=[world.team.slug]),
        {
            "title": "Fallberatung Dezember",
            "held_on": "2026-12-10",
            "place": "Stadtteilbüro",
            "participants": [world.coordinator.pk, world.worker.pk],
            "guests": "Frau Gast\n\nHerr Besuch",
        },
    )
    conference = Conference.objects.get()
    assert response.status_code == 302
    assert set(conference.participants.all()) == {world.coordinator, world.worker}
    assert conference.guest_names == ["Frau Gast", "Herr Besuch"]


def test_a_participant_outside_the_team_is_refused_naming_the_field() -> None:
    a, b = team_make("Nord"), team_make("Sued")
    client = signed_in_client(a.coordinator)
    response = client.post(
        reverse("teamwork:conferences", args=[a.team.slug]),
        {"title": "X", "held_on": "2026-12-10", "participants": [b.worker.pk]},
    )
    assert response.status_code == 400
    assert "Participants from the team" in response.content.decode()
    assert not Conference.objects.exists()


def test_agenda_items_are_numbered_in_order() -> None:
    world = team_make()
    conference = conference_make(world)
    client = signed_in_client(world.coordinator)
    client.post(_url(conference, "punkte/"), {"topic": "Mittagstisch"})
    client.post(_url(conference, "punkte/"), {"topic": "Runder Tisch"})
    items = list(conference.items.values_list("position", "topic"))
    assert items == [(1, "Mittagstisch"), (2, "Runder Tisch")]


def test_an_agenda_item_can_be_about_a_person_with_team_consent() -> None:
    world = team_make()
    person = shared_person(world.team, name="Erika Beispiel")
    conference = conference_make(world)
    client = signed_in_client(world.coordinator)
    response = client.post(
        _url(conference, "punkte/"), {"topic": "Entlassung", "person": person.pk}
    )
    assert response.status_code == 302
    assert AgendaItem.objects.get().person == person
    assert "Erika Beispiel" in client.get(_url(conference)).content.decode()


def test_a_person_without_team_consent_cannot_be_put_on_the_agenda() -> None:
    world = team_make()
    person = shared_person(world.team, purpose=Purpose.PLAN, name="Ohne Team")
    conference = conference_make(world)
    client = signed_in_client(world.coordinator)
    response = client.post(_url(conference, "punkte/"), {"topic": "Y", "person": person.pk})
    assert response.status_code == 400
    assert "About a person" in response.content.decode()
    assert not AgendaItem.objects.exists()


def test_after_a_withdrawn_consent_the_agenda_no_longer_names_the_person() -> None:
    world = team_make()
    person = shared_person(world.team, name="Erika Beispiel")
    conference = conference_make(world)
    client = signed_in_client(world.coordinator)
    client.post(_url(conference, "punkte/"), {"topic": "Entlassung", "person": person.pk})
    consent_withdraw(person)
    for suffix in ("", "drucken/"):
        page = client.get(_url(conference, suffix)).content.decode()
        assert "Entlassung" in page
        assert "Erika Beispiel" not in page
        assert "no longer valid" in page


def test_the_conference_page_logs_the_persons_it_names() -> None:
    world = team_make()
    person = shared_person(world.team)
    conference = conference_make(world)
    signed_in_client(world.worker).get(_url(conference))
    entry = AccessLogEntry.objects.get(person_id=person.pk)
    assert (entry.user_id, entry.purpose, entry.action) == (
        world.worker.pk,
        Purpose.DISTRICT_TEAM,
        AccessAction.LIST,
    )


def test_minutes_are_recorded_per_item() -> None:
    world = team_make()
    conference = conference_make(world)
    client = signed_in_client(world.coordinator)
    client.post(_url(conference, "punkte/"), {"topic": "Mittagstisch"})
    item = AgendaItem.objects.get()
    client.post(
        _url(conference, f"punkte/{item.pk}/protokoll/"),
        {f"m{item.pk}-minutes": "Start im Januar."},
    )
    item.refresh_from_db()
    assert item.minutes == "Start im Januar."
    assert "Start im Januar." in client.get(_url(conference, "drucken/")).content.decode()


def test_a_decision_becomes_a_task_for_a_team_member() -> None:
    world = team_make()
    conference = conference_make(world)
    client = signed_in_client(world.coordinator)
    client.post(_url(conference, "punkte/"), {"topic": "Mittagstisch"})
    item = AgendaItem.objects.get()
    prefix = f"t{item.pk}"
    response = client.post(
        _url(conference, f"punkte/{item.pk}/aufgabe/"),
        {
            f"{prefix}-title": "Raum anfragen",
            f"{prefix}-owner": world.worker.pk,
            f"{prefix}-due_on": "2026-12-20",
        },
    )
    assert response.status_code == 302
    task = Task.objects.get()
    assert (task.owner, task.team, task.agenda_item, task.due_on) == (
        world.worker,
        world.team,
        item,
        dt.date(2026, 12, 20),
    )


def test_a_task_for_someone_outside_the_team_is_refused_naming_the_field() -> None:
    a, b = team_make("Nord"), team_make("Sued")
    conference = conference_make(a)
    client = signed_in_client(a.coordinator)
    client.post(_url(conference, "punkte/"), {"topic": "Mittagstisch"})
    item = AgendaItem.objects.get()
    prefix = f"t{item.pk}"
    response = client.post(
        _url(conference, f"punkte/{item.pk}/aufgabe/"),
        {f"{prefix}-title": "X", f"{prefix}-owner": b.worker.pk, f"{prefix}-due_on": "2026-12-20"},
    )
    assert response.status_code == 400
    assert "Responsible:" in response.content.decode()
    assert not Task.objects.exists()


def test_the_conference_page_stays_within_its_query_budget(
    django_assert_max_num_queries: Any,
) -> None:
    world = team_make()
    conference = conference_make(world)
    client = signed_in_client(world.coordinator)
    for n in range(6):
        person = shared_person(world.team)
        client.post(_url(conference, "punkte/"), {"topic": f"Punkt {n}", "person": person.pk})
    for item in conference.items.all():
        Task.objects.create(
            team=world.team,
            agenda_item=item,
            title="T",
            owner=world.worker,
            due_on=dt.date(2026, 12, 1),
        )
    member_make(world.team)
    with django_assert_max_num_queries(20):  # measured: 20 for 1 item and for 6
        response = client.get(_url(conference))
    assert response.content.decode().count("agenda-item") == 6


def _conference_queries(items: int, name: str) -> int:
    world = team_make(name)
    conference = conference_make(world)
    client = signed_in_client(world.coordinator)
    for n in range(items):
        person = shared_person(world.team)
        client.post(_url(conference, "punkte/"), {"topic": f"Punkt {n}", "person": person.pk})
    with CaptureQueriesContext(connection) as queries:
        assert client.get(_url(conference)).status_code == 200
    return len(queries.captured_queries)


def test_the_conference_page_reads_the_same_for_one_item_as_for_six() -> None:
    # Each item has a task form whose owner list is the team's members: read once.
    assert _conference_queries(1, "Nord") == _conference_queries(6, "Sued")
