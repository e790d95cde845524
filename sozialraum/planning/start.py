"""The start page's section of social planning: for planners the dashboard, findings
and measures; for members of district teams the active measures in their teams'
districts and where to record a finding. Registered in :class:`~.apps.PlanningConfig`."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from sozialraum.accounts.start import StartSection, start_section_register
from sozialraum.lib.access import ORGANISATION_ROLES, roles

from .access import DASHBOARD, FINDING_AUTHORS, PLANNERS
from .selectors import measures_for_teams

#: How many measures the section lists.
MEASURES_SHOWN = 5


def _context(request: HttpRequest) -> dict[str, Any]:
    user = request.user
    return {
        "measures": measures_for_teams(user, MEASURES_SHOWN),
        "dashboard": DASHBOARD.allows(user),
        "planner": PLANNERS.allows(user),
        "finding_author": FINDING_AUTHORS.allows(user),
    }


def register() -> None:
    start_section_register(
        StartSection(
            key="planning",
            title=_("Social planning"),
            template="planning/start_section.html",
            audience=roles(*sorted(ORGANISATION_ROLES)),
            order=45,
            context=_context,
        )
    )
