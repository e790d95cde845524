"""The Mitmach-Kommune's section of the start page: a resident's own ideas and the city's
answers to ideas they proposed or support ("Meine Ideen"). Registered in
:class:`~.apps.CivicConfig`. (The city reaches its queue from the ideas page, which links
it for those who answer, so the staff start page keeps its query budget.)"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from sozialraum.accounts.start import StartSection, start_section_register

from . import selectors
from .rules import RESIDENTS


def _mine(request: HttpRequest) -> dict[str, Any]:
    return {
        "ideas": selectors.resident_ideas(request.user),
        "notifications": selectors.resident_notifications(request.user),
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
