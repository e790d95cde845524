"""Writing the access log: the only way rows come into being."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from .chain import chain_head_locked, row_digest
from .models import AccessAction, AccessLogEntry


def _purposes() -> set[str]:
    from .purposes import Purpose

    return set(Purpose.values)


def access_log_write(
    *, user: Any, person_ids: Iterable[int], action: str, purpose: str, granted: bool
) -> list[AccessLogEntry]:
    """One row per person (in one insert): ``user`` did ``action`` for ``purpose``,
    granted or refused. Anonymous users are logged without a user id. The rows are chained
    to the last stored one under the writers' lock, held until the caller's transaction
    ends (see :func:`~.chain.chain_head_locked`)."""
    if action not in AccessAction.values:
        raise ValueError(f"Unknown access action {action!r}.")
    if purpose not in _purposes():
        raise ValueError(f"Unknown purpose {purpose!r}.")
    user_id = user.pk if getattr(user, "is_authenticated", False) else None
    at = timezone.now()
    rows = [
        AccessLogEntry(
            at=at, user_id=user_id, person_id=pk, action=action, purpose=purpose, granted=granted
        )
        for pk in person_ids
    ]
    if not rows:
        return []
    # No savepoint: a failed insert must fail the caller's transaction anyway.
    with transaction.atomic(savepoint=False):
        _chain(rows, chain_head_locked())
        return AccessLogEntry.objects.bulk_create(rows)


def _chain(rows: list[AccessLogEntry], previous: str) -> None:
    for row in rows:
        row.chain_hash = previous = row_digest(previous, row)
