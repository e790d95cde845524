"""This app's sections of the start page: planners' and coordinators' districts and
teams, and the administrators' links. Registered in :class:`~.apps.AccountsConfig`."""

from __future__ import annotations

from typing import Any, cast

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from sozialraum.lib.access import Role, roles

from . import selectors
from .models import User
from .start import StartSection, start_section_register


def _districts(request: HttpRequest) -> dict[str, Any]:
    user = cast(User, request.user)
    return {
        "teams": selectors.teams_for_start(user),
        "show_members": Role.COORDINATOR in user.roles,
    }


def register() -> None:
    start_section_register(
        StartSection(
            key="districts",
            title=_("Your districts"),
            template="accounts/start/districts.html",
            audience=roles(Role.PLANNER, Role.COORDINATOR),
            order=40,
            context=_districts,
        )
    )
    start_section_register(
        StartSection(
            key="administration",
            title=_("Administration"),
            template="accounts/start/administration.html",
            audience=roles(Role.ADMIN),
            order=90,
        )
    )
