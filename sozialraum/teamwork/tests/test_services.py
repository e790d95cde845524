"""The services check the team's limits themselves, whatever form calls them: a person
without the team's consent, an owner or participant outside the team, a district or an
organisation outside the team are refused, naming the field."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from sozialraum.accounts.tests.factories import OrganisationFactory
from sozialraum.audit.purposes import Purpose
from sozialraum.districts.tests.factories import DistrictFactory
from sozialraum.teamwork import services
from sozialraum.teamwork.models import AgendaItem, Conference, HoursEntry, Project, Task

from .factories import conference_make, project_make, shared_person, team_make

pytestmark = pytest.mark.django_db


def test_a_person_without_the_team_consent_is_refused_on_the_agenda() -> None:
    world = team_make()
    conference = conference_make(world)
    person = shared_person(world.team, purpose=Purpose.PLAN)
    with pytest.raises(ValidationError) as error:
        services.agenda_item_add(conference=conference, topic="X", person=person)
    assert "person" in error.value.message_dict
    assert not AgendaItem.objects.exists()


def test_a_person_shared_with_another_team_is_refused_on_the_agenda() -> None:
    a, b = team_make("Nord"), team_make("Sued")
    person = shared_person(b.team)
    with pytest.raises(ValidationError):
        services.agenda_item_add(conference=conference_make(a), topic="X", person=person)


def test_a_task_owner_outside_the_team_is_refused() -> None:
    a, b = team_make("Nord"), team_make("Sued")
    with pytest.raises(ValidationError) as error:
        services.task_create(
            team=a.team,
            title="X",
            owner=b.worker,
            due_on=dt.date(2026, 12, 1),
            created_by=a.coordinator,
        )
    assert "owner" in error.value.message_dict
    assert not Task.objects.exists()


def test_a_task_on_another_teams_agenda_item_is_refused() -> None:
    a, b = team_make("Nord"), team_make("Sued")
    item = services.agenda_item_add(conference=conference_make(b), topic="X", person=None)
    with pytest.raises(ValidationError):
        services.task_create(
            team=a.team,
            title="X",
            owner=a.worker,
            due_on=dt.date(2026, 12, 1),
            created_by=a.coordinator,
            agenda_item=item,
        )


def test_a_participant_outside_the_team_is_refused_and_nothing_is_written() -> None:
    a, b = team_make("Nord"), team_make("Sued")
    with pytest.raises(ValidationError) as error:
        services.conference_create(
            team=a.team,
            title="X",
            held_on=dt.date(2026, 12, 1),
            participants=[b.worker],
            created_by=a.coordinator,
        )
    assert "participants" in error.value.message_dict
    assert not Conference.objects.exists()


def test_a_project_outside_the_teams_districts_is_refused() -> None:
    world = team_make()
    with pytest.raises(ValidationError) as error:
        services.project_create(
            team=world.team,
            district=DistrictFactory.create(),
            title="X",
            kind="other",
            goals="Y",
        )
    assert "district" in error.value.message_dict
    assert not Project.objects.exists()


def test_hours_of_an_organisation_outside_team_and_partners_are_refused() -> None:
    world = team_make()
    project = project_make(world)
    with pytest.raises(ValidationError) as error:
        services.hours_record(
            project=project,
            organisation=OrganisationFactory.create(),
            worked_on=dt.date(2026, 12, 1),
            hours=Decimal("1"),
            recorded_by=world.worker,
        )
    assert "organisation" in error.value.message_dict
    assert not HoursEntry.objects.exists()


def test_a_partner_organisation_may_book_hours() -> None:
    world = team_make()
    partner = OrganisationFactory.create()
    project = project_make(world)
    project.partner_organisations.add(partner)
    services.hours_record(
        project=project,
        organisation=partner,
        worked_on=dt.date(2026, 12, 1),
        hours=Decimal("1"),
        recorded_by=world.worker,
    )
    assert HoursEntry.objects.get().organisation == partner
