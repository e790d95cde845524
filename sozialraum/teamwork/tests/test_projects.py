"""Quartier projects: started in one of the team's districts, with partners, actions,
status and hours per organisation; the hours summed per organisation, district and
quarter as a page and as JSON."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.urls import reverse

from sozialraum.accounts.tests.factories import OrganisationFactory, signed_in_client
from sozialraum.districts.tests.factories import DistrictFactory
from sozialraum.teamwork.models import HoursEntry, Project, ProjectAction, ProjectStatus
from sozialraum.teamwork.selectors import hours_summary

from .factories import hours_add, project_make, team_make

pytestmark = pytest.mark.django_db


def test_a_member_starts_a_project_with_partners() -> None:
    world = team_make()
    partner = OrganisationFactory.create(name="Kirchengemeinde")
    response = signed_in_client(world.worker).post(
        reverse("teamwork:projects", args=[world.team.slug]),
        {
            "title": "Mittagstisch Nordstadt",
            "kind": "lunch_table",
            "district": world.team.districts.get().pk,
            "status": "running",
            "goals": "Einmal die Woche gemeinsam essen.",
            "partner_organisations": [partner.pk],
            "partners": "Bäckerei am Markt",
        },
    )
    project = Project.objects.get()
    assert response.status_code == 302
    assert (project.team, project.status) == (world.team, ProjectStatus.RUNNING)
    assert list(project.partner_organisations.all()) == [partner]


def test_a_project_outside_the_teams_districts_is_refused_naming_the_field() -> None:
    world = team_make()
    elsewhere = DistrictFactory.create()
    response = signed_in_client(world.worker).post(
        reverse("teamwork:projects", args=[world.team.slug]),
        {
            "title": "X",
            "kind": "other",
            "district": elsewhere.pk,
            "status": "planned",
            "goals": "Y",
        },
    )
    assert response.status_code == 400
    assert "District:" in response.content.decode()
    assert not Project.objects.exists()


def test_actions_and_status_are_recorded() -> None:
    world = team_make()
    project = project_make(world)
    client = signed_in_client(world.worker)
    base = f"/konto/teams/{world.team.slug}/projekte/{project.pk}/"
    client.post(base + "aktionen/", {"on": "2026-11-03", "description": "Erstes Essen"})
    client.post(base + "status/", {"status": "running"})
    project.refresh_from_db()
    assert ProjectAction.objects.get().description == "Erstes Essen"
    assert project.status == ProjectStatus.RUNNING


def test_hours_of_an_organisation_outside_team_and_partners_are_refused() -> None:
    world = team_make()
    project = project_make(world)
    stranger = OrganisationFactory.create()
    response = signed_in_client(world.worker).post(
        f"/konto/teams/{world.team.slug}/projekte/{project.pk}/stunden/",
        {"organisation": stranger.pk, "worked_on": "2026-11-03", "hours": "2"},
    )
    assert response.status_code == 400
    assert "Organisation:" in response.content.decode()
    assert not HoursEntry.objects.exists()


@pytest.mark.parametrize("hours", ["0", "-1", "25"])
def test_hours_outside_a_day_are_refused_naming_the_field(hours: str) -> None:
    world = team_make()
    project = project_make(world)
    response = signed_in_client(world.worker).post(
        f"/konto/teams/{world.team.slug}/projekte/{project.pk}/stunden/",
        {"organisation": world.organisations[0].pk, "worked_on": "2026-11-03", "hours": hours},
    )
    assert response.status_code == 400
    assert "Hours:" in response.content.decode()
    assert not HoursEntry.objects.exists()


def test_hours_are_summed_per_organisation_district_and_quarter() -> None:
    world = team_make()
    project = project_make(world)
    hours_add(world, project, dt.date(2026, 1, 5), "2.5")
    hours_add(world, project, dt.date(2026, 3, 31), "1.5")
    hours_add(world, project, dt.date(2026, 4, 1), "3", org=0)
    hours_add(world, project, dt.date(2026, 2, 1), "4", org=1)
    rows = {(r.organisation, r.year, r.quarter): r.hours for r in hours_summary(world.team)}
    a, b = (o.name for o in world.organisations)
    assert rows == {
        (a, 2026, 1): Decimal("4.00"),
        (b, 2026, 1): Decimal("4.00"),
        (a, 2026, 2): Decimal("3.00"),
    }


def test_the_hours_api_answers_the_summary_to_members_only() -> None:
    a, b = team_make("Nord"), team_make("Sued")
    hours_add(a, project_make(a), dt.date(2026, 5, 5), "2")
    response = signed_in_client(a.worker).get(f"/api/v1/teams/{a.team.slug}/hours")
    assert response.status_code == 200
    assert response.json() == [
        {
            "organisation": a.organisations[0].name,
            "district": "Nordstadt",
            "year": 2026,
            "quarter": 2,
            "hours": "2.00",
        }
    ]
    refused = signed_in_client(b.worker).get(f"/api/v1/teams/{a.team.slug}/hours")
    assert refused.status_code == 403
    missing = signed_in_client(b.worker).get("/api/v1/teams/none/hours")
    assert missing.status_code == 404


def test_the_project_list_stays_within_its_query_budget(django_assert_max_num_queries: Any) -> None:
    world = team_make()
    for n in range(8):
        hours_add(world, project_make(world, f"Projekt {n}"), dt.date(2026, 5, 5), "1")
    client = signed_in_client(world.worker)
    with django_assert_max_num_queries(12):
        response = client.get(reverse("teamwork:projects", args=[world.team.slug]))
    assert response.content.decode().count("Projekt ") == 8


def test_the_hours_page_stays_within_its_query_budget(django_assert_max_num_queries: Any) -> None:
    world = team_make()
    for n in range(8):
        hours_add(world, project_make(world, f"Projekt {n}"), dt.date(2026, 1 + n, 5), "1")
    client = signed_in_client(world.worker)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("teamwork:hours", args=[world.team.slug]))
    assert response.content.decode().count("2026-Q") == 3
