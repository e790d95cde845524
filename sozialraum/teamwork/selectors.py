"""Reads of a district team's shared work: the worklist (persons the team may see through
a live consent for its purpose, showing only that purpose's fields, every read logged),
conferences, tasks, projects and the hours summary."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import F, Min, OuterRef, QuerySet, Subquery, Sum
from django.db.models.functions import ExtractQuarter, ExtractYear

from sozialraum.accounts.models import DistrictTeam
from sozialraum.audit.models import AccessAction
from sozialraum.audit.purposes import Purpose
from sozialraum.audit.services import access_log_write
from sozialraum.casework.models import Consent, Person
from sozialraum.casework.scope import PersonScope
from sozialraum.districts.models import geometry_fields

from .models import AgendaItem, Conference, HoursEntry, Project, Task

#: The purpose under which the team sees persons: only consents for it count.
TEAM_PURPOSE: str = Purpose.DISTRICT_TEAM


def _team_consents(team: DistrictTeam) -> QuerySet[Consent]:
    return Consent.objects.live().filter(shared_with_team=team, purpose=TEAM_PURPOSE)


def team_person_ids(team: DistrictTeam) -> set[int]:
    """The persons the team may see now (one query)."""
    return set(_team_consents(team).values_list("person_id", flat=True))


def team_person_choices(team: DistrictTeam) -> QuerySet[Person]:
    """The open cases the team may see now, by name, with only their names loaded."""
    return (
        Person.objects.filter(pk__in=_team_consents(team).values("person_id"))
        .filter(closed_at__isnull=True)
        .only("pk", "name")
        .order_by("name", "pk")
    )


def team_persons(team: DistrictTeam) -> QuerySet[Person]:
    """The open cases the team may see through a live consent for its purpose, by name,
    each with the date since which the team has it (``shared_since``)."""
    since = (
        _team_consents(team)
        .filter(person=OuterRef("pk"))
        .values("person")
        .annotate(first=Min("given_at"))
        .values("first")
    )
    return (
        Person.objects.filter(pk__in=_team_consents(team).values("person_id"))
        .filter(closed_at__isnull=True)
        .select_related("organisation", "district")
        .defer(*geometry_fields("district"))
        .annotate(shared_since=Subquery(since))
        .order_by("name", "pk")
    )


def persons_shown_log(
    user: Any, person_ids: Iterable[int], action: str = AccessAction.LIST
) -> None:
    """Logs that ``user`` was shown these persons for the team's purpose (no row for none)."""
    ids = sorted(set(person_ids))
    if ids:
        access_log_write(
            user=user, person_ids=ids, action=action, purpose=TEAM_PURPOSE, granted=True
        )


def worklist(user: Any, team: DistrictTeam) -> list[Person]:
    """The team's worklist as ``user`` sees it: each person carries the scope of the
    team's purpose (``person.scope``), so only that purpose's fields are shown, also to
    the owning organisation's members. The read is logged."""
    persons = list(team_persons(team))
    for person in persons:
        person.scope = PersonScope(purpose=TEAM_PURPOSE, is_owner=False)  # type: ignore[attr-defined]
    persons_shown_log(user, (p.pk for p in persons))
    return persons


def conferences_of(team: DistrictTeam) -> QuerySet[Conference]:
    return Conference.objects.filter(team=team).select_related("team").order_by("-held_on", "-pk")


def conference_items(conference: Conference, visible: set[int]) -> list[AgendaItem]:
    """The agenda in order, each item with its tasks; an item's person is kept only while
    the team may see them (``visible``), else ``person_hidden`` is set."""
    items = list(
        conference.items.select_related("person")
        .prefetch_related("tasks__owner")
        .order_by("position")
    )
    for item in items:
        item.person_hidden = item.person_id is not None and item.person_id not in visible  # type: ignore[attr-defined]
        if item.person_hidden:  # type: ignore[attr-defined]
            item.person = None
    return items


def tasks_of_user(user: Any) -> QuerySet[Task]:
    """``user``'s open tasks in the teams they still work in, soonest due first."""
    from .access import teams_of_user

    return (
        Task.objects.filter(owner=user, done_at__isnull=True, team__in=teams_of_user(user))
        .select_related("team", "agenda_item__conference__team")
        .order_by("due_on", "pk")
    )


def tasks_of_team(team: DistrictTeam) -> QuerySet[Task]:
    return (
        Task.objects.filter(team=team)
        .select_related("team", "owner", "agenda_item__conference__team")
        .order_by(F("done_at").asc(nulls_first=True), "due_on", "pk")
    )


def projects_of(team: DistrictTeam) -> QuerySet[Project]:
    return (
        Project.objects.filter(team=team)
        .select_related("team", "district")
        .defer(*geometry_fields("district"))
        .annotate(total_hours=Sum("hours__hours"))
        .order_by("district__name", "title", "pk")
    )


@dataclass(frozen=True)
class HoursRow:
    """Hours one organisation spent on the team's projects in one district and quarter."""

    organisation: str
    district: str
    year: int
    quarter: int
    hours: Decimal

    @property
    def period(self) -> str:
        return f"{self.year}-Q{self.quarter}"


def hours_summary(team: DistrictTeam) -> list[HoursRow]:
    """The team's project hours summed per organisation, district and quarter (one
    query), by quarter, district and organisation."""
    rows = (
        HoursEntry.objects.filter(project__team=team)
        .values(
            organisation_name=F("organisation__name"),
            district_name=F("project__district__name"),
            year=ExtractYear("worked_on"),
            quarter=ExtractQuarter("worked_on"),
        )
        .annotate(total=Sum("hours"))
        .order_by("year", "quarter", "district_name", "organisation_name")
    )
    return [
        HoursRow(
            organisation=row["organisation_name"],
            district=row["district_name"],
            year=row["year"],
            quarter=row["quarter"],
            hours=Decimal(row["total"]).quantize(Decimal("0.01")),
        )
        for row in rows
    ]
