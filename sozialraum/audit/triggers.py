"""Database triggers that refuse UPDATE and DELETE on the access log, per database vendor.

SQLite: two ``BEFORE`` row triggers that ``RAISE(ABORT)``. PostgreSQL: one trigger
function raising an exception, fired ``BEFORE UPDATE OR DELETE`` for each row. Used by the
migration that installs them and, idempotently, after every migrate or flush.

A test flush empties tables with ``DELETE`` on SQLite; the test suite drops the triggers
for that moment (see ``sozialraum/conftest.py``) and they come back after the flush. On
PostgreSQL a flush uses ``TRUNCATE``, which row triggers do not see.
"""

from __future__ import annotations

from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper

TABLE = "audit_accesslogentry"
MESSAGE = "access log rows cannot be changed or deleted"

_SQLITE_CREATE = [
    f"""CREATE TRIGGER IF NOT EXISTS {TABLE}_no_{verb.lower()}
    BEFORE {verb} ON {TABLE}
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"""
    for verb in ("UPDATE", "DELETE")
]
_SQLITE_DROP = [f"DROP TRIGGER IF EXISTS {TABLE}_no_{verb}" for verb in ("update", "delete")]

_POSTGRES_CREATE = [
    f"""CREATE OR REPLACE FUNCTION {TABLE}_refuse() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'insufficient_privilege'; END $$""",
    f"DROP TRIGGER IF EXISTS {TABLE}_immutable ON {TABLE}",
    f"""CREATE TRIGGER {TABLE}_immutable BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION {TABLE}_refuse()""",
]
_POSTGRES_DROP = [
    f"DROP TRIGGER IF EXISTS {TABLE}_immutable ON {TABLE}",
    f"DROP FUNCTION IF EXISTS {TABLE}_refuse()",
]


def _statements(vendor: str, *, create: bool) -> list[str]:
    if vendor == "sqlite":
        return _SQLITE_CREATE if create else _SQLITE_DROP
    if vendor == "postgresql":
        return _POSTGRES_CREATE if create else _POSTGRES_DROP
    raise NotImplementedError(f"No access-log triggers for the database vendor {vendor!r}.")


def triggers_create(connection: BaseDatabaseWrapper) -> None:
    """Installs the triggers (idempotent)."""
    with connection.cursor() as cursor:
        for statement in _statements(connection.vendor, create=True):
            cursor.execute(statement)


def triggers_drop(connection: BaseDatabaseWrapper) -> None:
    """Removes the triggers (idempotent)."""
    with connection.cursor() as cursor:
        for statement in _statements(connection.vendor, create=False):
            cursor.execute(statement)


def triggers_present(connection: BaseDatabaseWrapper) -> bool:
    """Whether the triggers are installed."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute(
                "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s",
                [TABLE],
            )
            return bool(cursor.fetchone()[0] == 2)
        cursor.execute("SELECT count(*) FROM pg_trigger WHERE tgname = %s", [f"{TABLE}_immutable"])
        return bool(cursor.fetchone()[0] == 1)


#: The migration that installs the triggers; while it is applied they must exist.
MIGRATION = ("audit", "0002_access_log_triggers")


def triggers_ensure_after_migrate(using: str = "default", **kwargs: Any) -> None:
    """post_migrate receiver: reinstalls the triggers if their migration is applied but
    they are missing (after a test flush on SQLite). A migration back before them is
    respected."""
    from django.db import connections
    from django.db.migrations.recorder import MigrationRecorder

    connection = connections[using]
    if MIGRATION not in MigrationRecorder(connection).applied_migrations():
        return
    if not triggers_present(connection):
        triggers_create(connection)
