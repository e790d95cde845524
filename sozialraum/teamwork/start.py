"""The team work's section of the start page: the user's open tasks (overdue ones
flagged) and, for each team they work in, its worklist, conferences, tasks and projects.
Registered in :class:`~.apps.TeamworkConfig`; it names no person. For workers and
coordinators, like the plan's due work (administrators reach "My tasks" from the team
page)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sozialraum.accounts.start import StartSection, start_section_register
from sozialraum.lib.access import Role, roles

from .access import teams_of_user
from .selectors import tasks_of_user

#: How many tasks the section lists (the rest on "Meine Aufgaben").
SHOWN = 5


def _team_work(request: HttpRequest) -> dict[str, Any]:
    tasks = list(tasks_of_user(request.user)[: SHOWN + 1])
    return {
        "tasks": tasks[:SHOWN],
        "more": len(tasks) > SHOWN,
        "teams": list(teams_of_user(request.user)),
        "today": timezone.localdate(),
    }


def register() -> None:
    start_section_register(
        StartSection(
            key="team_work",
            title=_("Team work"),
            template="teamwork/start/team_work.html",
            audience=roles(Role.WORKER, Role.COORDINATOR),
            order=8,
            context=_team_work,
        )
    )
