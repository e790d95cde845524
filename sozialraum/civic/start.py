"""The Mitmach-Kommune's sections of the start page: a resident's own ideas and the
city's answers to ideas they proposed or support ("Meine Ideen"), and for the city the
queue of ideas to answer. Registered in :class:`~.apps.CivicConfig`."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from sozialraum.accounts.start import StartSection, start_section_register

from . import selectors
from .rules import ANSWERERS, RESIDENTS, answering_organisation


def _mine(request: HttpRequest) -> dict[str, Any]:
    return {
        "ideas": selectors.resident_ideas(request.user),
        "notifications": selectors.resident_notifications(request.user),
    }


def _city(request: HttpRequest) -> dict[str, Any]:
    organisation = answering_organisation(request.user)
    if organisation is None:
        return {"organisation": None}
    return {
        "organisation": organisation,
        "flagged": selectors.flagged_ideas().count(),
        "awaiting": selectors.ideas_awaiting_answer().count(),
        "reported": selectors.reported_comments().count(),
    }


def register() -> None:
    start_section_register(
        StartSection(
            key="ideas",
            title=_("My ideas"),
            template="civic/start/mine.html",
            audience=RESIDENTS,
            order=55,
            context=_mine,
        )
    )
    start_section_register(
        StartSection(
            key="ideas-city",
            title=_("Ideas of residents"),
            template="civic/start/city.html",
            audience=ANSWERERS,
            order=60,
            context=_city,
        )
    )
