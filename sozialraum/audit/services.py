"""Writing the access log: the only way rows come into being."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import connection, transaction
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
        for start in range(0, len(rows), BATCH):
            _insert(rows[start : start + BATCH])
        return rows


#: The columns an access-log row is written with (the id is the database's).
COLUMNS = ("at", "user", "person", "subject_user", "action", "purpose", "granted", "chain_hash")
#: Rows per statement (SQLite allows 32,766 parameters in one statement).
BATCH = 500
_INSERTS: dict[tuple[str, int], str] = {}


def _insert_statement(rows: int) -> str:
    """``INSERT INTO <log> (<COLUMNS>) VALUES (...), ... RETURNING id`` for ``rows`` rows:
    a plain statement, written once per database kind and row count (the ORM's
    ``bulk_create`` built it anew on every logged read)."""
    key = (connection.vendor, rows)
    statement = _INSERTS.get(key)
    if statement is None:
        quote, meta = connection.ops.quote_name, AccessLogEntry._meta
        column = {field.name: str(field.column) for field in meta.concrete_fields}
        names = ", ".join(quote(column[name]) for name in COLUMNS)
        one = "(" + ", ".join(["%s"] * len(COLUMNS)) + ")"
        values = ", ".join([one] * rows)
        statement = (
            f"INSERT INTO {quote(meta.db_table)} ({names}) VALUES {values} "  # noqa: S608
            f"RETURNING {quote('id')}"
        )
        _INSERTS[key] = statement
    return statement


def _insert(rows: list[AccessLogEntry]) -> None:
    """Stores ``rows`` (already chained) in one statement and gives each its id."""
    adapt = connection.ops.adapt_datetimefield_value
    parameters: list[Any] = []
    for row in rows:
        parameters += [adapt(row.at), row.user_id, row.person_id, row.subject_user_id]
        parameters += [row.action, row.purpose, bool(row.granted), row.chain_hash]
    with connection.cursor() as cursor:
        cursor.execute(_insert_statement(len(rows)), parameters)
        ids = [pk for (pk,) in cursor.fetchall()]
    for row, pk in zip(rows, sorted(ids), strict=True):
        row.pk = pk
        row._state.adding = False
        row._state.db = connection.alias


def _chain(rows: list[AccessLogEntry], previous: str) -> None:
    for row in rows:
        row.chain_hash = previous = row_digest(previous, row)
