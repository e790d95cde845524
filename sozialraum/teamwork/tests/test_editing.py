"""Changing what was recorded: agenda items while the conference is open (closed, the
agenda and minutes stand), hours entries by who recorded them or the team's lead, and
tasks reopened from the task lists. Another team's objects stay out of reach."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from sozialraum.accounts.tests.factories import signed_in_client
from sozialraum.teamwork import services
from sozialraum.teamwork.models import AgendaItem, Conference, HoursEntry, Task

from .factories import (
    conference_make,
    hours_add,
    member_make,
    project_make,
    shared_person,
    team_make,
)

pytestmark = pytest.mark.django_db


def _url(conference: Conference, suffix: str = "") -> str:
    return f"/konto/teams/{conference.team.slug}/konferenzen/{conference.pk}/{suffix}"


def _item(conference: Conference, topic: str = "Mittagstisch") -> AgendaItem:
    return services.agenda_item_add(conference=conference, topic=topic, person=None)


def test_an_agenda_item_is_edited_while_the_conference_is_open() -> None:
    world = team_make()
    person = shared_person(world.team, name="Erika Beispiel")
    conference = conference_make(world)
    item = _item(conference)

    response = signed_in_client(world.worker).post(
        _url(conference, f"punkte/{item.pk}/bearbeiten/"),
        {f"e{item.pk}-topic": "Entlassung aus der Klinik", f"e{item.pk}-person": person.pk},
    )

    assert response.status_code == 302
    item.refresh_from_db()
    assert (item.topic, item.person) == ("Entlassung aus der Klinik", person)


def test_an_item_cannot_be_changed_to_a_person_without_team_consent() -> None:
    world = team_make()
    conference = conference_make(world)
    item = _item(conference)
    stranger = shared_person(team_make("Sued").team, name="Fremde Person")

    response = signed_in_client(world.worker).post(
        _url(conference, f"punkte/{item.pk}/bearbeiten/"),
        {f"e{item.pk}-topic": "X", f"e{item.pk}-person": stranger.pk},
    )

    assert response.status_code == 400
    item.refresh_from_db()
    assert (item.topic, item.person) == ("Mittagstisch", None)


def test_a_closed_conference_keeps_its_agenda_and_minutes() -> None:
    world = team_make()
    conference = conference_make(world)
    item = _item(conference)
    client = signed_in_client(world.coordinator)

    assert client.post(_url(conference, "abschliessen/")).status_code == 302
    edit = client.post(
        _url(conference, f"punkte/{item.pk}/bearbeiten/"), {f"e{item.pk}-topic": "Neu"}
    )
    minutes = client.post(
        _url(conference, f"punkte/{item.pk}/protokoll/"), {f"m{item.pk}-minutes": "x"}
    )
    added = client.post(_url(conference, "punkte/"), {"topic": "Noch einer"})

    assert (edit.status_code, minutes.status_code, added.status_code) == (400, 400, 400)
    assert "Closed on" in edit.content.decode()
    item.refresh_from_db()
    assert (item.topic, item.minutes) == ("Mittagstisch", "")
    assert conference.items.count() == 1
    page = client.get(_url(conference)).content.decode()
    assert "Edit the item" not in page and "Closed on" in page


def test_closing_twice_keeps_the_first_time() -> None:
    world = team_make()
    conference = conference_make(world)
    services.conference_close(conference=conference)
    first = conference.closed_at

    services.conference_close(conference=conference)

    conference.refresh_from_db()
    assert conference.closed_at == first


def test_another_team_cannot_edit_or_close_the_conference() -> None:
    world, other = team_make(), team_make("Sued")
    conference = conference_make(world)
    item = _item(conference)
    client = signed_in_client(other.coordinator)

    close = client.post(_url(conference, "abschliessen/"))
    edit = client.post(
        _url(conference, f"punkte/{item.pk}/bearbeiten/"), {f"e{item.pk}-topic": "X"}
    )

    assert (close.status_code, edit.status_code) == (403, 403)
    conference.refresh_from_db()
    item.refresh_from_db()
    assert conference.closed_at is None and item.topic == "Mittagstisch"


def _hours_url(project: object, entry: HoursEntry) -> str:
    return f"{project.get_absolute_url()}stunden/{entry.pk}/bearbeiten/"  # type: ignore[attr-defined]


def _hours_form(world: object, hours: str) -> dict[str, object]:
    organisation = world.organisations[0]  # type: ignore[attr-defined]
    return {"organisation": organisation.pk, "worked_on": "2026-11-02", "hours": hours}


def test_who_recorded_the_hours_corrects_them() -> None:
    world = team_make()
    project = project_make(world)
    entry = services.hours_record(
        project=project, organisation=world.organisations[1], worked_on=dt.date(2026, 11, 2),
        hours=Decimal("2"), recorded_by=world.worker,
    )  # fmt: skip

    response = signed_in_client(world.worker).post(
        _hours_url(project, entry), _hours_form(world, "3.5")
    )

    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.hours, entry.organisation) == (Decimal("3.5"), world.organisations[0])


def test_the_team_lead_corrects_any_hours_of_the_team_and_others_do_not() -> None:
    world = team_make()
    project = project_make(world)
    hours_add(world, project, dt.date(2026, 11, 2), "2")  # recorded by the coordinator
    entry = HoursEntry.objects.get()
    worker_entry = services.hours_record(
        project=project, organisation=world.organisations[1], worked_on=dt.date(2026, 11, 3),
        hours=Decimal("1"), recorded_by=world.worker,
    )  # fmt: skip

    refused = signed_in_client(world.worker).post(
        _hours_url(project, entry), _hours_form(world, "9")
    )
    lead = signed_in_client(world.coordinator).post(
        _hours_url(project, worker_entry), _hours_form(world, "1.5")
    )

    assert (refused.status_code, lead.status_code) == (403, 302)
    entry.refresh_from_db()
    worker_entry.refresh_from_db()
    assert (entry.hours, worker_entry.hours) == (Decimal("2"), Decimal("1.5"))
    page = signed_in_client(world.worker).get(project.get_absolute_url()).content.decode()
    assert _hours_url(project, worker_entry) in page and _hours_url(project, entry) not in page


def test_a_lead_of_another_team_cannot_correct_the_hours() -> None:
    world, other = team_make(), team_make("Sued")
    project = project_make(world)
    hours_add(world, project, dt.date(2026, 11, 2), "2")
    entry = HoursEntry.objects.get()

    response = signed_in_client(other.coordinator).post(
        _hours_url(project, entry), _hours_form(world, "9")
    )

    assert response.status_code == 403
    entry.refresh_from_db()
    assert entry.hours == Decimal("2")


def test_corrected_hours_out_of_range_name_the_field() -> None:
    world = team_make()
    project = project_make(world)
    hours_add(world, project, dt.date(2026, 11, 2), "2")
    entry = HoursEntry.objects.get()

    response = signed_in_client(world.coordinator).post(
        _hours_url(project, entry), _hours_form(world, "25")
    )

    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["hours"]
    entry.refresh_from_db()
    assert entry.hours == Decimal("2")


def _task(world: object, done: bool = True) -> Task:
    task = services.task_create(
        team=world.team, title="Hausbesuch", owner=world.worker,  # type: ignore[attr-defined]
        due_on=dt.date(2026, 12, 20), created_by=world.coordinator,  # type: ignore[attr-defined]
    )  # fmt: skip
    if done:
        services.task_done(task=task)
    return task


def test_a_done_task_is_reopened_from_the_team_tasks() -> None:
    world = team_make()
    task = _task(world)
    client = signed_in_client(world.worker)
    page = client.get(f"/konto/teams/{world.team.slug}/aufgaben/").content.decode()
    assert f"/aufgaben/{task.pk}/wieder-offen/" in page

    response = client.post(f"/konto/teams/{world.team.slug}/aufgaben/{task.pk}/wieder-offen/")

    assert response["Location"] == f"/konto/teams/{world.team.slug}/aufgaben/"
    task.refresh_from_db()
    assert task.done_at is None


def test_another_team_cannot_reopen_the_task() -> None:
    world, other = team_make(), team_make("Sued")
    task = _task(world)
    outsider = member_make(other.team)

    response = signed_in_client(outsider).post(
        f"/konto/teams/{world.team.slug}/aufgaben/{task.pk}/wieder-offen/"
    )

    assert response.status_code == 403
    task.refresh_from_db()
    assert task.done_at is not None and task.done_at <= timezone.now()
