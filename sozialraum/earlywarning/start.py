"""Early warning's section of the start page ("Frühe Hinweise"): the open entries of the
user's district teams, and where to report a concern. Counts only: no names."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from sozialraum.accounts.start import StartSection, start_section_register
from sozialraum.lib.access import Role, roles

from .selectors import teams_with_open_entries


def _teams(request: HttpRequest) -> dict[str, Any]:
    """The user's teams with their open entries (one query)."""
    return {"teams": teams_with_open_entries(request.user)}


def register() -> None:
    start_section_register(
        StartSection(
            key="early_warning",
            title=_("Early warning"),
            template="earlywarning/start/teams.html",
            audience=roles(Role.WORKER, Role.COORDINATOR),
            order=15,
            context=_teams,
        )
    )
