"""Team work on the admin site: read only, scoped to the administrator's organisations
like every other app's admin; conferences (persons, minutes) are not there at all."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import NoReverseMatch, reverse

from sozialraum.accounts.tests.factories import platform_operator, signed_in_client, user_with_role
from sozialraum.lib.access import Role
from sozialraum.teamwork import services
from sozialraum.teamwork.models import HoursEntry

from .factories import World, hours_add, project_make, team_make

pytestmark = pytest.mark.django_db


def _two_teams() -> tuple[World, World, HoursEntry, HoursEntry]:
    own, foreign = team_make(), team_make("Sued")
    hours_add(own, project_make(own, "Mittagstisch Nord"), dt.date(2026, 11, 2), "2")
    foreign_project = project_make(foreign, "Runder Tisch Süd")
    services.hours_record(
        project=foreign_project, organisation=foreign.organisations[0],
        worked_on=dt.date(2026, 11, 3), hours=Decimal("7"), recorded_by=foreign.coordinator,
    )  # fmt: skip
    mine, theirs = HoursEntry.objects.order_by("pk")
    return own, foreign, mine, theirs


def test_an_organisation_admin_sees_only_own_hours_and_projects() -> None:
    own, _foreign, mine, theirs = _two_teams()
    client = signed_in_client(user_with_role(Role.ADMIN, own.organisations[0]))

    hours = client.get(reverse("admin:teamwork_hoursentry_changelist")).content.decode()
    projects = client.get(reverse("admin:teamwork_project_changelist")).content.decode()
    foreign_page = client.get(reverse("admin:teamwork_hoursentry_change", args=[theirs.pk]))
    own_page = client.get(reverse("admin:teamwork_hoursentry_change", args=[mine.pk]))

    assert "Mittagstisch Nord" in hours and "Runder Tisch" not in hours
    assert "Mittagstisch Nord" in projects and "Runder Tisch" not in projects
    assert foreign_page.status_code == 302 and own_page.status_code == 200


def test_nobody_changes_hours_in_the_admin() -> None:
    own, _foreign, mine, _theirs = _two_teams()
    for user in (user_with_role(Role.ADMIN, own.organisations[0]), platform_operator()):
        response = signed_in_client(user).post(
            reverse("admin:teamwork_hoursentry_change", args=[mine.pk]),
            {"project": mine.project_id, "organisation": mine.organisation_id,
             "worked_on": "2026-11-02", "hours": "20"},
        )  # fmt: skip
        assert response.status_code == 403
    mine.refresh_from_db()
    assert mine.hours == Decimal("2")


def test_the_platform_operator_sees_every_teams_hours() -> None:
    _two_teams()

    page = signed_in_client(platform_operator()).get(
        reverse("admin:teamwork_hoursentry_changelist")
    )

    assert "Mittagstisch Nord" in page.content.decode()
    assert "Runder Tisch Süd" in page.content.decode()


@pytest.mark.parametrize("model", ["conference", "agendaitem", "task"])
def test_conferences_and_tasks_are_not_on_the_admin_site(model: str) -> None:
    with pytest.raises(NoReverseMatch):
        reverse(f"admin:teamwork_{model}_changelist")
