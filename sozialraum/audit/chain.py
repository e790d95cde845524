"""The access log's hash chain: each row carries an HMAC of its content and the previous
row's hash, keyed with ``settings.ACCESS_LOG_KEY``, which the database does not hold.

A row changed, inserted, deleted or moved anywhere but at the end breaks the chain from
that row on, and nobody without the key can compute a matching hash. Removing the newest
rows leaves a shorter, intact chain: compare ``verify_access_log``'s summary (row count and
last hash) with an earlier copy kept outside the database to see that.

Writers append under a lock that serialises them until their transaction ends
(:func:`chain_head_locked`), so the hash each row names as its predecessor is the one of the row
stored just before it.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from django.conf import settings
from django.db import connection

from .triggers import TABLE

#: The predecessor of the first row.
GENESIS = ""
#: Key of PostgreSQL's transaction-level advisory lock held by access-log writers.
POSTGRES_LOCK_KEY = 7_315_011_001


def row_digest(previous: str, row: Any) -> str:
    """The chain hash of ``row`` (an access-log entry) following ``previous``."""
    fields = [
        previous,
        row.at.astimezone(UTC).isoformat(),
        "" if row.user_id is None else str(row.user_id),
        "" if row.person_id is None else str(row.person_id),
        row.action,
        row.purpose,
        "1" if row.granted else "0",
    ]
    if row.subject_user_id is not None:
        # Appended only when set, so the rows written before the column existed keep
        # their hashes.
        fields.append(f"u{row.subject_user_id}")
    message = "\x1f".join(fields).encode()
    return hmac.new(settings.ACCESS_LOG_KEY.encode(), message, hashlib.sha256).hexdigest()


def chain_head_locked() -> str:
    """The newest row's chain hash (``GENESIS`` for an empty log), read in one query after
    taking the lock that serialises access-log writers until the transaction ends.

    Precondition: called inside ``transaction.atomic``. PostgreSQL: a transaction-level
    advisory lock taken by the same query. SQLite: every transaction starts with ``BEGIN
    IMMEDIATE`` (see the database settings), so it already holds the single write lock.
    """
    newest = f"SELECT chain_hash FROM {TABLE} ORDER BY id DESC LIMIT 1"  # noqa: S608
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"SELECT pg_advisory_xact_lock(%s), ({newest})", [POSTGRES_LOCK_KEY])
            row = cursor.fetchone()
            return str(row[1] or GENESIS)
        cursor.execute(newest)
        found = cursor.fetchone()
        return str(found[0]) if found else GENESIS


@dataclass(frozen=True)
class ChainBreak:
    """The first row whose stored hash does not follow from its content and predecessor."""

    id: int
    at: datetime


@dataclass(frozen=True)
class ChainReport:
    rows: int
    last_hash: str
    broken: ChainBreak | None


def chain_verify(rows: Iterator[Any]) -> ChainReport:
    """Recomputes the chain over ``rows`` (in id order) and reports the first break."""
    previous, count = GENESIS, 0
    for row in rows:
        if not hmac.compare_digest(row_digest(previous, row), row.chain_hash):
            return ChainReport(rows=count, last_hash=previous, broken=ChainBreak(row.pk, row.at))
        previous, count = row.chain_hash, count + 1
    return ChainReport(rows=count, last_hash=previous, broken=None)
