"""Writing the access log: the only way rows come into being."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from .models import AccessAction, AccessLogEntry


def _purposes() -> set[str]:
    from .purposes import Purpose

    return set(Purpose.values)


def access_log_write(
    *, user: Any, person_ids: Iterable[int], action: str, purpose: str, granted: bool
) -> list[AccessLogEntry]:
    """One row per person (in one query): ``user`` did ``action`` for ``purpose``,
    granted or refused. Anonymous users are logged without a user id."""
    if action not in AccessAction.values:
        raise ValueError(f"Unknown access action {action!r}.")
    if purpose not in _purposes():
        raise ValueError(f"Unknown purpose {purpose!r}.")
    user_id = user.pk if getattr(user, "is_authenticated", False) else None
    rows = [
        AccessLogEntry(
            user_id=user_id, person_id=pk, action=action, purpose=purpose, granted=granted
        )
        for pk in person_ids
    ]
    return AccessLogEntry.objects.bulk_create(rows) if rows else []
