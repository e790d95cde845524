"""Template filters and tags for the account pages and the base layout."""

from __future__ import annotations

import math
from datetime import timedelta
from typing import Any

from django import template
from django.conf import settings

from sozialraum.accounts.middleware import session_remaining

register = template.Library()

#: How long before a session ends the warning opens (two minutes leave time to react).
SESSION_WARNING_SECONDS = 120


@register.filter
def minutes(value: timedelta | None) -> int:
    """A duration in whole minutes, rounded up (at least one)."""
    if value is None:
        return 0
    return max(1, math.ceil(value.total_seconds() / 60))


@register.inclusion_tag("accounts/includes/session_dialog.html", takes_context=True)
def session_dialog(context: dict[str, Any]) -> dict[str, Any]:
    """The warning before a signed-in session ends (idle or lifetime), for the base layout.

    Carries the seconds left as data attributes for ``session.js``; renders nothing for an
    anonymous visitor.
    """
    request = context.get("request")
    if request is None or not request.user.is_authenticated:
        return {"show": False}
    user = request.user
    idle, lifetime = session_remaining(request.session)
    return {
        "show": True,
        "user_id": user.pk,
        "idle_seconds": idle,
        "lifetime_seconds": lifetime,
        "warn_seconds": min(SESSION_WARNING_SECONDS, settings.SESSION_IDLE_TIMEOUT // 2),
        "lifetime_hours": max(1, round(settings.SESSION_ABSOLUTE_LIFETIME / 3600)),
    }
