"""The start page's section for walks and barriers: the user's open follow-up questions,
and links to the walks and the offices' list. Registered in :class:`~.apps.BarriersConfig`."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from sozialraum.accounts.start import StartSection, start_section_register
from sozialraum.lib.access import Role, roles

from .access import REVIEWERS, TEAM
from .models import FollowUp


def _context(request: HttpRequest) -> dict[str, Any]:
    questions = FollowUp.objects.filter(
        asked_id=request.user.pk, queued_at__isnull=False, answered_at__isnull=True
    ).select_related("barrier")
    return {
        "questions": questions[:8],
        "team": TEAM.allows(request.user),
        "reviewer": REVIEWERS.allows(request.user),
    }


def register() -> None:
    start_section_register(
        StartSection(
            key="barriers",
            title=_("Neighbourhood walks and barriers"),
            template="barriers/start_section.html",
            # Residents who reported through Open311 are asked too.
            audience=roles(*Role.values),
            order=60,
            context=_context,
        )
    )
