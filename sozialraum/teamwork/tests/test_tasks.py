"""Tasks: "My tasks" lists the user's open tasks with overdue flags, only from teams they
still work in; a task is marked done."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone

from sozialraum.accounts.tests.factories import signed_in_client
from sozialraum.teamwork import services
from sozialraum.teamwork.models import Task

from .factories import World, team_make

pytestmark = pytest.mark.django_db


def _task(world: World, title: str, days: int) -> Task:
    return services.task_create(
        team=world.team,
        title=title,
        owner=world.worker,
        due_on=timezone.localdate() + dt.timedelta(days=days),
        created_by=world.coordinator,
    )


def test_my_tasks_lists_my_open_tasks_with_overdue_flags() -> None:
    world = team_make()
    _task(world, "Überfällig", -2)
    _task(world, "Nächste Woche", 7)
    done = _task(world, "Schon erledigt", 1)
    services.task_done(task=done)
    page = signed_in_client(world.worker).get(reverse("teamwork:my_tasks")).content.decode()
    assert page.index("Überfällig") < page.index("Nächste Woche")
    assert page.count('<span class="badge stale">') == 1
    assert "Schon erledigt" not in page


def test_my_tasks_does_not_show_other_users_tasks() -> None:
    world = team_make()
    _task(world, "Für die Lotsin", 3)
    page = signed_in_client(world.coordinator).get(reverse("teamwork:my_tasks")).content.decode()
    assert "Für die Lotsin" not in page


def test_a_task_from_a_team_the_user_left_is_not_listed() -> None:
    world = team_make()
    _task(world, "Altes Team", 3)
    world.team.members.remove(*world.worker.memberships.all())
    page = signed_in_client(world.worker).get(reverse("teamwork:my_tasks")).content.decode()
    assert "Altes Team" not in page


def test_the_owner_marks_a_task_done_from_my_tasks() -> None:
    world = team_make()
    task = _task(world, "Anrufen", 1)
    client = signed_in_client(world.worker)
    url = reverse("teamwork:task_done", kwargs={"slug": world.team.slug, "pk": task.pk})
    response = client.post(url, {"next": "mine"})
    assert response.headers["Location"] == reverse("teamwork:my_tasks")
    task.refresh_from_db()
    assert task.done_at is not None


def test_the_start_page_shows_my_overdue_task() -> None:
    world = team_make()
    _task(world, "Hausbesuch planen", -1)
    page = signed_in_client(world.worker).get(reverse("start")).content.decode()
    assert "Hausbesuch planen" in page
    assert "overdue" in page


def test_my_tasks_stays_within_its_query_budget(django_assert_max_num_queries: Any) -> None:
    world = team_make()
    for n in range(10):
        _task(world, f"Aufgabe {n}", n - 5)
    client = signed_in_client(world.worker)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("teamwork:my_tasks"))
    assert response.content.decode().count('<th scope="row">Aufgabe ') == 10


def test_the_team_task_list_stays_within_its_query_budget(
    django_assert_max_num_queries: Any,
) -> None:
    world = team_make()
    for n in range(10):
        _task(world, f"Aufgabe {n}", n - 5)
    client = signed_in_client(world.coordinator)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("teamwork:tasks", args=[world.team.slug]))
    assert response.content.decode().count('<th scope="row">Aufgabe ') == 10
