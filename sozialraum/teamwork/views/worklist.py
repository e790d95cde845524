"""The team's worklist and the user's tasks."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from sozialraum.accounts.roles import CASE_WORK
from sozialraum.casework.scope import person_facts
from sozialraum.lib.access import access

from .. import selectors, services
from ..models import Task
from ..selectors import TEAM_PURPOSE
from .common import owned, team_of, user_of


@access(CASE_WORK)
def worklist(request: HttpRequest, slug: str) -> HttpResponse:
    team = team_of(request, slug)
    persons = selectors.worklist(request.user, team)
    rows = [(person, person_facts(person)) for person in persons]
    context = {"team": team, "rows": rows, "purpose": TEAM_PURPOSE}
    return render(request, "teamwork/worklist.html", context)


@access(CASE_WORK)
def my_tasks(request: HttpRequest) -> HttpResponse:
    tasks = list(selectors.tasks_of_user(user_of(request)))
    context = {"tasks": tasks, "today": timezone.localdate()}
    return render(request, "teamwork/my_tasks.html", context)


@access(CASE_WORK)
def team_tasks(request: HttpRequest, slug: str) -> HttpResponse:
    team = team_of(request, slug)
    tasks = list(selectors.tasks_of_team(team))
    context = {"team": team, "tasks": tasks, "today": timezone.localdate()}
    return render(request, "teamwork/team_tasks.html", context)


@access(CASE_WORK)
@require_POST
def task_done(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _task_step(request, slug, pk, services.task_done)


@access(CASE_WORK)
@require_POST
def task_reopen(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    """A task marked done by mistake (or not done after all) is open again."""
    return _task_step(request, slug, pk, services.task_reopen)


def _task_step(
    request: HttpRequest, slug: str, pk: int, write: Callable[..., None]
) -> HttpResponse:
    """Marks the team's task ``pk`` (404 for another team's), then back to the list the
    button was on."""
    team = team_of(request, slug)
    write(task=owned(Task.objects.all(), team, pk))
    if request.POST.get("next") == "mine":
        return redirect("teamwork:my_tasks")
    return redirect("teamwork:tasks", slug=team.slug)
