"""Stored script injection in the team's free-text fields (conference title, place,
guests, agenda topic, minutes, task, project title, goals, partners, action, hours note),
walked with the lib's injection walk on every page that shows them: no dialog, no CSP
violation, every payload reads as text."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from sozialraum.lib.tests._browser import sign_in
from sozialraum.lib.tests.test_injection_browser import SVG, Shown, text, walk
from sozialraum.teamwork import services
from sozialraum.teamwork.models import ProjectAction, ProjectKind

from .factories import shared_person, team_make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = text("Konferenz")
PLACE = text("Ort", SVG)
GUEST = text("Gast")
TOPIC = text("Thema", SVG)
MINUTES = text("Protokoll")
TASK = text("Aufgabe", SVG)
PERSON = text("Person")
PROJECT = text("Projekt")
GOALS = text("Ziele", SVG)
PARTNERS = text("Partner")
ACTION = text("Aktion", SVG)
NOTE = text("Notiz")


def _fill() -> dict[str, Any]:
    world = team_make()
    person = shared_person(world.team, name=PERSON)
    conference = services.conference_create(
        team=world.team,
        title=TITLE,
        held_on=dt.date(2026, 12, 1),
        place=PLACE,
        guests=GUEST,
        created_by=world.coordinator,
    )
    item = services.agenda_item_add(conference=conference, topic=TOPIC, person=person)
    services.minutes_record(item=item, minutes=MINUTES)
    services.task_create(
        team=world.team,
        agenda_item=item,
        title=TASK,
        owner=world.worker,
        due_on=dt.date(2026, 12, 1),
        created_by=world.coordinator,
    )
    project = services.project_create(
        team=world.team,
        district=world.team.districts.get(),
        title=PROJECT,
        kind=ProjectKind.OTHER,
        goals=GOALS,
        partners=PARTNERS,
    )
    ProjectAction.objects.create(project=project, on=dt.date(2026, 12, 1), description=ACTION)
    services.hours_record(
        project=project,
        organisation=world.organisations[0],
        worked_on=dt.date(2026, 12, 1),
        hours=Decimal("2"),
        note=NOTE,
        recorded_by=world.coordinator,
    )
    return {"world": world, "conference": conference, "project": project}


def _pages(records: dict[str, Any]) -> list[Shown]:
    slug = records["world"].team.slug
    conference, project = records["conference"], records["project"]
    return [
        Shown("worklist", lambda r: f"/konto/teams/{slug}/arbeitsliste/", (PERSON,)),
        Shown("conferences", lambda r: f"/konto/teams/{slug}/konferenzen/", (TITLE, PLACE)),
        Shown(
            "conference",
            lambda r: conference.get_absolute_url(),
            (TITLE, PLACE, GUEST, TOPIC, MINUTES, TASK, PERSON),
        ),
        Shown(
            "conference print",
            lambda r: f"{conference.get_absolute_url()}drucken/",
            (TITLE, GUEST, TOPIC, MINUTES, TASK, PERSON),
        ),
        Shown("team tasks", lambda r: f"/konto/teams/{slug}/aufgaben/", (TASK, TITLE)),
        Shown("my tasks", lambda r: "/konto/aufgaben/", (TASK, TITLE)),
        Shown("projects", lambda r: f"/konto/teams/{slug}/projekte/", (PROJECT,)),
        Shown(
            "project",
            lambda r: project.get_absolute_url(),
            (PROJECT, GOALS, PARTNERS, ACTION, NOTE),
        ),
        Shown("start", lambda r: "/start/", (TASK,)),
    ]


def test_script_payloads_in_the_teams_fields_stay_text(page: Any, live_server: Any) -> None:
    records = _fill()
    dialogs: list[str] = []

    def dismissed(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismissed)
    sign_in(page, live_server, records["world"].worker)
    for shown in _pages(records):
        walk(page, shown, records, dialogs)
