"""Writing the access log: the only way rows come into being."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.utils import timezone

from .chain import chain_head_locked, row_digest
from .models import AccessAction, AccessLogEntry


def _purposes() -> set[str]:
    from .purposes import Purpose, UserPurpose

    return set(Purpose.values) | set(UserPurpose.values)


def access_log_write(
    *,
    user: Any,
    person_ids: Iterable[int] = (),
    subject_user_ids: Iterable[int] = (),
    action: str,
    purpose: str,
    granted: bool,
) -> list[AccessLogEntry]:
    """One row per person and per subject user (in one insert): ``user`` did ``action``
    for ``purpose`` with their data, granted or refused. Anonymous users are logged
    without a user id. The rows are chained to the last stored one under the writers'
    lock, held until the caller's transaction ends (see
    :func:`~.chain.chain_head_locked`)."""
    if action not in AccessAction.values:
        raise ValueError(f"Unknown access action {action!r}.")
    if purpose not in _purposes():
        raise ValueError(f"Unknown purpose {purpose!r}.")
    user_id = user.pk if getattr(user, "is_authenticated", False) else None
    at = timezone.now()
    subjects = [{"person_id": pk} for pk in person_ids]
    subjects += [{"subject_user_id": pk} for pk in subject_user_ids]
    rows = [
        AccessLogEntry(
            at=at, user_id=user_id, action=action, purpose=purpose, granted=granted, **subject
        )
        for subject in subjects
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
