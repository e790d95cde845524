"""Case work's section of the start page: the persons a worker or coordinator works with.

Registered in :class:`~.apps.CaseworkConfig`; the plan's sections (follow-ups, reviews,
referrals) are in :mod:`sozialraum.plan.start`.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from sozialraum.accounts.start import StartSection, start_section_register
from sozialraum.lib.access import Role, roles

from . import services
from .selectors import person_rows, persons_for_user

#: How many persons the start page lists (the rest behind the person list).
SHOWN = 8


def _persons(request: HttpRequest) -> dict[str, Any]:
    """The persons most recently added, logged as listed (three queries and the log)."""
    persons = persons_for_user(request.user).order_by("-pk")
    shown = list(persons[:SHOWN])
    rows = services.persons_shown_log(user=request.user, rows=person_rows(request.user, shown))
    return {"rows": rows, "total": persons.count()}


def register() -> None:
    start_section_register(
        StartSection(
            key="persons",
            title=_("Your persons"),
            template="casework/start/persons.html",
            audience=roles(Role.WORKER, Role.COORDINATOR),
            order=10,
            context=_persons,
        )
    )
