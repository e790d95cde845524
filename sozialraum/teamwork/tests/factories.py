"""Test data for team work: two teams with members, persons shared with a team."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from sozialraum.accounts.models import DistrictTeam, Organisation, User
from sozialraum.accounts.tests.factories import (
    DistrictTeamFactory,
    MembershipFactory,
    OrganisationFactory,
)
from sozialraum.audit.purposes import Purpose
from sozialraum.casework.models import Consent, Person
from sozialraum.casework.tests.factories import ConsentFactory, PersonFactory
from sozialraum.districts.tests.factories import DistrictFactory
from sozialraum.lib.access import Role
from sozialraum.teamwork import services
from sozialraum.teamwork.models import Conference, Project, ProjectKind


@dataclass
class World:
    """A team with a coordinator and a worker of two organisations, one district."""

    team: DistrictTeam
    coordinator: User
    worker: User
    organisations: list[Organisation]


def team_make(name: str = "Nord", role_a: str = Role.COORDINATOR) -> World:
    team = DistrictTeamFactory.create(name=f"Stadtteil-Team {name}", slug=f"team-{name.lower()}")
    team.districts.add(DistrictFactory.create(name=f"{name}stadt", slug=f"{name.lower()}stadt"))
    a, b = OrganisationFactory.create(), OrganisationFactory.create()
    coordinator = MembershipFactory.create(organisation=a, role=role_a)
    worker = MembershipFactory.create(organisation=b, role=Role.WORKER)
    team.members.add(coordinator, worker)
    return World(team, coordinator.user, worker.user, [a, b])


def member_make(team: DistrictTeam, role: str = Role.WORKER) -> User:
    membership = MembershipFactory.create(role=role)
    team.members.add(membership)
    return membership.user


def shared_person(
    team: DistrictTeam, purpose: str = Purpose.DISTRICT_TEAM, **fields: object
) -> Person:
    """A person of an outside organisation who consented to be discussed by ``team``."""
    person = PersonFactory.create(**fields)
    ConsentFactory.create(
        person=person, purpose=purpose, shared_with_team=team, shared_with_organisation=None
    )
    return person


def consent_withdraw(person: Person) -> None:
    Consent.objects.filter(person=person).update(withdrawn_at=timezone.now())


def conference_make(world: World, title: str = "Fallberatung") -> Conference:
    return services.conference_create(
        team=world.team,
        title=title,
        held_on=dt.date(2026, 12, 1),
        participants=[world.coordinator],
        created_by=world.coordinator,
    )


def project_make(world: World, title: str = "Mittagstisch") -> Project:
    return services.project_create(
        team=world.team,
        district=world.team.districts.get(),
        title=title,
        kind=ProjectKind.LUNCH_TABLE,
        goals="Ein Mittagstisch für Ältere.",
    )


def hours_add(world: World, project: Project, day: dt.date, hours: str, org: int = 0) -> None:
    services.hours_record(
        project=project,
        organisation=world.organisations[org],
        worked_on=day,
        hours=Decimal(hours),
        recorded_by=world.coordinator,
    )
