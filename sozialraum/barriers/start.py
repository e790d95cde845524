"""The start page's section for walks and barriers: the user's open follow-up questions,
and links to the walks and the offices' list. Registered in :class:`~.apps.BarriersConfig`."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from sozialraum.accounts.start import StartSection, start_section_register
from sozialraum.districts.models import District
from sozialraum.lib.access import Role, roles

from .access import REVIEWERS, TEAM, walks_for_user
from .models import FollowUp

#: How many districts of the user's walks the section links to.
DISTRICTS_SHOWN = 5


def _walk_districts(user: Any) -> list[District]:
    """The districts of the walks of the user's organisations (names and slugs only)."""
    walks = walks_for_user(user).order_by().values("district_id")
    return list(
        District.objects.filter(pk__in=walks)
        .only("name", "slug")
        .order_by("name")[:DISTRICTS_SHOWN]
    )


def _context(request: HttpRequest) -> dict[str, Any]:
    questions = FollowUp.objects.filter(
        asked_id=request.user.pk, queued_at__isnull=False, answered_at__isnull=True
    ).select_related("barrier")
    team = TEAM.allows(request.user)
    return {
        "questions": list(questions[:8]),
        "team": team,
        "districts": _walk_districts(request.user) if team else [],
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
