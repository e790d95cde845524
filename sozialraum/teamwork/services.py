"""Writes of a district team's shared work. The forms limit every choice to the team
(its members, its organisations, its districts, the persons it may see); the services
check the same again, so no caller can write across teams."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from sozialraum.accounts.models import DistrictTeam, Organisation, User
from sozialraum.casework.models import Person

from .access import is_team_lead, may_edit_hours, team_member_users, team_organisations
from .models import AgendaItem, Conference, HoursEntry, Project, Task
from .selectors import team_person_ids


def _check_members(team: DistrictTeam, users: Iterable[User], field: str) -> None:
    allowed = set(team_member_users(team).values_list("pk", flat=True))
    if any(user.pk not in allowed for user in users):
        raise ValidationError({field: _("Only members of the district team can be named.")})


@transaction.atomic
def conference_create(
    *,
    team: DistrictTeam,
    title: str,
    held_on: dt.date,
    place: str = "",
    guests: str = "",
    participants: Iterable[User] = (),
    created_by: User,
) -> Conference:
    participants = list(participants)
    _check_members(team, participants, "participants")
    conference = Conference(
        team=team, title=title, held_on=held_on, place=place, guests=guests, created_by=created_by
    )
    conference.full_clean()
    conference.save()
    conference.participants.set(participants)
    return conference


@transaction.atomic
def conference_participants_set(
    *, conference: Conference, participants: Iterable[User], guests: str
) -> None:
    participants = list(participants)
    _check_members(conference.team, participants, "participants")
    conference.guests = guests
    conference.full_clean()
    conference.save(update_fields=["guests"])
    conference.participants.set(participants)


def _check_open(conference: Conference) -> None:
    if conference.is_closed:
        raise ValidationError(
            _("The conference is closed: its agenda and minutes stand as recorded.")
        )


def _check_person(team: DistrictTeam, person: Person | None) -> None:
    """A person only if the team may see them now (a live consent for its purpose)."""
    if person is not None and person.pk not in team_person_ids(team):
        raise ValidationError(
            {"person": _("The district team has no consent to discuss this person.")}
        )


@transaction.atomic
def agenda_item_add(*, conference: Conference, topic: str, person: Person | None) -> AgendaItem:
    """Appends an item to an open conference's agenda."""
    _check_open(conference)
    _check_person(conference.team, person)
    Conference.objects.select_for_update().filter(pk=conference.pk).first()
    last = conference.items.aggregate(last=Max("position"))["last"] or 0
    item = AgendaItem(conference=conference, position=last + 1, topic=topic, person=person)
    item.full_clean()
    item.save()
    return item


def agenda_item_update(*, item: AgendaItem, topic: str, person: Person | None) -> AgendaItem:
    """Changes an item's topic and person while its conference is open."""
    _check_open(item.conference)
    _check_person(item.conference.team, person)
    item.topic, item.person = topic, person
    item.full_clean()
    item.save(update_fields=["topic", "person"])
    return item


def minutes_record(*, item: AgendaItem, minutes: str) -> None:
    _check_open(item.conference)
    item.minutes = minutes
    item.save(update_fields=["minutes"])


def conference_close(*, conference: Conference) -> None:
    """Closes the conference: from now its agenda and minutes stand (closing twice keeps
    the first time)."""
    if conference.closed_at is None:
        conference.closed_at = timezone.now()
        conference.save(update_fields=["closed_at"])


def task_create(
    *,
    team: DistrictTeam,
    title: str,
    owner: User,
    due_on: dt.date,
    created_by: User,
    agenda_item: AgendaItem | None = None,
) -> Task:
    """A decision as a task for one team member."""
    _check_members(team, [owner], "owner")
    if agenda_item is not None and agenda_item.conference.team_id != team.pk:
        raise ValidationError(_("The agenda item belongs to another team."))
    task = Task(
        team=team,
        agenda_item=agenda_item,
        title=title,
        owner=owner,
        due_on=due_on,
        created_by=created_by,
    )
    task.full_clean()
    task.save()
    return task


def task_done(*, task: Task) -> None:
    if task.done_at is None:
        task.done_at = timezone.now()
        task.save(update_fields=["done_at"])


def task_reopen(*, task: Task) -> None:
    task.done_at = None
    task.save(update_fields=["done_at"])


@transaction.atomic
def project_create(
    *,
    team: DistrictTeam,
    partner_organisations: Iterable[Organisation] = (),
    **fields: Any,
) -> Project:
    project = Project(team=team, **fields)
    project.full_clean()
    if not team.districts.filter(pk=project.district_id).exists():
        raise ValidationError({"district": _("Choose one of the team's districts.")})
    project.save()
    project.partner_organisations.set(list(partner_organisations))
    return project


def hours_organisations(project: Project) -> list[Organisation]:
    """Who can book hours on ``project``: the team's organisations and its partners."""
    organisations = {o.pk: o for o in team_organisations(project.team)}
    organisations.update({o.pk: o for o in project.partner_organisations.all()})
    return sorted(organisations.values(), key=lambda o: o.name)


def _check_hours_organisation(project: Project, organisation: Organisation) -> None:
    if organisation.pk not in {o.pk for o in hours_organisations(project)}:
        raise ValidationError(
            {"organisation": _("Only the team's organisations and the project's partners.")}
        )


def hours_update(
    *,
    entry: HoursEntry,
    organisation: Organisation,
    worked_on: dt.date,
    hours: Decimal,
    note: str = "",
    user: User,
) -> HoursEntry:
    """Corrects an hours entry; only who recorded it or a lead of the project's team."""
    if not may_edit_hours(user, entry.recorded_by_id, lead=is_team_lead(user, entry.project.team)):
        raise PermissionDenied(_("Only who recorded the hours or the team's lead can change them."))
    _check_hours_organisation(entry.project, organisation)
    entry.organisation, entry.worked_on, entry.hours, entry.note = (
        organisation, worked_on, hours, note,
    )  # fmt: skip
    entry.full_clean()
    entry.save()
    return entry


def hours_record(
    *,
    project: Project,
    organisation: Organisation,
    worked_on: dt.date,
    hours: Decimal,
    note: str = "",
    recorded_by: User,
) -> HoursEntry:
    _check_hours_organisation(project, organisation)
    entry = HoursEntry(
        project=project,
        organisation=organisation,
        worked_on=worked_on,
        hours=hours,
        note=note,
        recorded_by=recorded_by,
    )
    entry.full_clean()
    entry.save()
    return entry
