"""The demo team's shared work in Flensburg, fictional and marked: a case conference with
an agenda (one item about a demo person the team has consent for), minutes and tasks (one
overdue), and two Quartier projects with actions and hours. Idempotent: a part already
there (by title) is left as it is. Needs the demo team, users and persons."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from sozialraum.accounts.models import DistrictTeam, Organisation, User
from sozialraum.casework.models import Person
from sozialraum.districts.models import District

from . import services
from .models import Conference, Project, ProjectAction, ProjectKind, ProjectStatus

TEAM_SLUG = "stadtteil-team-nordstadt"
CONFERENCE_TITLE = "Fallberatung Nordstadt (Demo)"
PERSON_NAME = "Erika Beispiel (fiktiv)"

#: title, kind, status, district slug, goals, partner organisation slug, other partners,
#: actions (days ago, text), hours (organisation slug, days ago, hours)
PROJECTS = (
    (
        "Mittagstisch im Nachbarschaftstreff (Demo)",
        ProjectKind.LUNCH_TABLE,
        ProjectStatus.RUNNING,
        "flensburg-nordstadt",
        "Einmal in der Woche essen Ältere aus der Nordstadt gemeinsam; wer allein lebt, "
        "findet Anschluss. (fiktiv)",
        "nachbarschaftsverein-nordstadt",
        "Bäckerei am Markt (fiktiv)",
        ((60, "Raum im Nachbarschaftstreff zugesagt"), (30, "Erster Mittagstisch, 12 Gäste")),
        (("wohlfahrt-nord", 45, "3"), ("stadt-flensburg-soziales", 30, "2.5")),
    ),
    (
        "Runder Tisch der Anbieter Neustadt (Demo)",
        ProjectKind.ROUND_TABLE,
        ProjectStatus.PLANNED,
        "flensburg-neustadt",
        "Die Anbieter der Neustadt kennen einander und verweisen sicher. (fiktiv)",
        "",
        "Kirchengemeinde St. Demo (fiktiv)",
        ((10, "Einladung an die Anbieter verschickt"),),
        (("wohlfahrt-nord", 12, "1.5"),),
    ),
)


def load_demo_teamwork() -> list[str]:
    """Creates the demo team's conference and projects that are missing; one line each."""
    team = DistrictTeam.objects.filter(slug=TEAM_SLUG).first()
    coordinator = User.objects.filter(username="koordination").first()
    worker = User.objects.filter(username="lotsin").first()
    if team is None or coordinator is None or worker is None:
        return ["demo team work: skipped (demo team or users missing)"]
    lines = []
    with transaction.atomic():
        if not Conference.objects.filter(team=team, title=CONFERENCE_TITLE).exists():
            lines.append(_conference_load(team, coordinator, worker))
        for row in PROJECTS:
            if not Project.objects.filter(team=team, title=row[0]).exists():
                lines.append(_project_load(team, coordinator, row))
    return lines


def _conference_load(team: DistrictTeam, coordinator: User, worker: User) -> str:
    today = timezone.localdate()
    conference = services.conference_create(
        team=team,
        title=CONFERENCE_TITLE,
        held_on=today - dt.timedelta(days=7),
        place="Stadtteilbüro Nordstadt (fiktiv)",
        guests="Frau Hansen, Pflegestützpunkt (fiktiv)",
        participants=[coordinator, worker],
        created_by=coordinator,
    )
    person = Person.objects.filter(name=PERSON_NAME).first()
    first = services.agenda_item_add(
        conference=conference, topic="Rückkehr nach dem Krankenhaus", person=person
    )
    services.minutes_record(
        item=first, minutes="Frau Beispiel wünscht Hilfe beim Einkaufen nach der Entlassung."
    )
    services.task_create(
        team=team,
        agenda_item=first,
        title="Einkaufshilfe mit Mürwik hilft absprechen",
        owner=worker,
        due_on=today + dt.timedelta(days=3),
        created_by=coordinator,
    )
    second = services.agenda_item_add(
        conference=conference, topic="Mittagstisch im Nachbarschaftstreff", person=None
    )
    services.task_create(
        team=team,
        agenda_item=second,
        title="Flyer für den Mittagstisch verteilen",
        owner=coordinator,
        due_on=today - dt.timedelta(days=2),
        created_by=coordinator,
    )
    return f"demo conference created: {conference.title}"


def _project_load(team: DistrictTeam, coordinator: User, row: tuple[Any, ...]) -> str:
    title, kind, status, district_slug, goals, partner, partners, actions, hours = row
    district = District.objects.filter(slug=district_slug).first()
    if district is None:
        return f"demo project {title}: district {district_slug} missing, skipped"
    today = timezone.localdate()
    project = services.project_create(
        team=team,
        district=district,
        title=title,
        kind=kind,
        status=status,
        goals=goals,
        partners=partners,
        partner_organisations=Organisation.objects.filter(slug=partner),
    )
    for days, text in actions:
        ProjectAction.objects.create(
            project=project, on=today - dt.timedelta(days=days), description=text
        )
    for slug, days, amount in hours:
        services.hours_record(
            project=project,
            organisation=Organisation.objects.get(slug=slug),
            worked_on=today - dt.timedelta(days=days),
            hours=Decimal(amount),
            recorded_by=coordinator,
        )
    return f"demo project created: {title}"
