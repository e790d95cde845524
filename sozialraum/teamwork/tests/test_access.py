"""Only the team's case-work members see its work: a member of team A never sees team B's
worklist, conferences, tasks or projects; roles outside case work are refused."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from sozialraum.accounts.tests.factories import signed_in_client, user_with_role
from sozialraum.lib.access import Role
from sozialraum.teamwork import services
from sozialraum.teamwork.models import Task

from .factories import conference_make, member_make, project_make, team_make

pytestmark = pytest.mark.django_db

TEAM_PAGES = ("worklist", "conferences", "tasks", "projects", "hours")


@pytest.mark.parametrize("name", TEAM_PAGES)
def test_a_member_of_another_team_is_refused_every_team_page(name: str) -> None:
    a, b = team_make("Nord"), team_make("Sued")
    client = signed_in_client(a.coordinator)
    assert client.get(reverse(f"teamwork:{name}", kwargs={"slug": a.team.slug})).status_code == 200
    assert client.get(reverse(f"teamwork:{name}", kwargs={"slug": b.team.slug})).status_code == 403


def test_an_administrator_outside_the_team_is_refused() -> None:
    world = team_make()
    admin = user_with_role(Role.ADMIN)
    response = signed_in_client(admin).get(reverse("teamwork:worklist", args=[world.team.slug]))
    assert response.status_code == 403


def test_a_provider_editor_in_the_team_is_refused_its_case_work() -> None:
    world = team_make()
    editor = member_make(world.team, role=Role.PROVIDER_EDITOR)
    response = signed_in_client(editor).get(reverse("teamwork:worklist", args=[world.team.slug]))
    assert response.status_code == 403


def test_team_b_conference_and_project_are_not_found_through_team_a() -> None:
    a, b = team_make("Nord"), team_make("Sued")
    conference, project = conference_make(b), project_make(b)
    client = signed_in_client(a.coordinator)
    slug = a.team.slug
    assert client.get(f"/konto/teams/{slug}/konferenzen/{conference.pk}/").status_code == 404
    assert (
        client.get(f"/konto/teams/{slug}/konferenzen/{conference.pk}/drucken/").status_code == 404
    )
    assert client.get(f"/konto/teams/{slug}/projekte/{project.pk}/").status_code == 404
    response = client.post(f"/konto/teams/{slug}/projekte/{project.pk}/aktionen/", {})
    assert response.status_code == 404


def test_team_b_task_cannot_be_marked_done_through_team_a() -> None:
    a, b = team_make("Nord"), team_make("Sued")
    task = services.task_create(
        team=b.team,
        title="Anrufen",
        owner=b.worker,
        due_on=dt.date(2026, 12, 9),
        created_by=b.coordinator,
    )
    client = signed_in_client(a.coordinator)
    response = client.post(f"/konto/teams/{a.team.slug}/aufgaben/{task.pk}/erledigt/")
    assert response.status_code == 404
    assert Task.objects.get(pk=task.pk).done_at is None


def test_the_team_page_links_the_teams_work_for_members_only() -> None:
    world = team_make()
    url = reverse("accounts:team", args=[world.team.slug])
    member_page = signed_in_client(world.worker).get(url).content.decode()
    assert reverse("teamwork:worklist", args=[world.team.slug]) in member_page
    editor = member_make(world.team, role=Role.PROVIDER_EDITOR)
    editor_page = signed_in_client(editor).get(url).content.decode()
    assert reverse("teamwork:worklist", args=[world.team.slug]) not in editor_page
