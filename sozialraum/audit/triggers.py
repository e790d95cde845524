"""Database triggers that refuse UPDATE and DELETE on the access log, and rows whose id
was not assigned by the database, per database vendor.

SQLite: two ``BEFORE`` row triggers that ``RAISE(ABORT)`` on UPDATE and DELETE; a
``BEFORE INSERT`` trigger refusing any id given explicitly (SQLite shows an id it has yet
to assign as -1 there), which also stops ``INSERT OR REPLACE``: its replacement deletes
the conflicting row without firing delete triggers, but only after the insert triggers
ran; an ``AFTER INSERT`` trigger refusing an id not above every other (an explicit -1).
PostgreSQL: one trigger function raising an exception, fired ``BEFORE UPDATE OR DELETE``
for each row (so ``ON CONFLICT DO UPDATE`` is refused too), and a ``BEFORE INSERT``
trigger refusing an id that is not the one the id sequence just issued in this session,
or not above every stored id. Used by the migrations that install them and, idempotently,
after every migrate or flush. The rows' hash chain (:mod:`sozialraum.audit.chain`) shows
any change made past them, e.g. by someone who drops the triggers.

The test suite's flush empties tables with ``DELETE`` (Django's own on PostgreSQL uses
``TRUNCATE``, which row triggers do not see); the suite drops the triggers for that moment
(see ``sozialraum/conftest.py``) and they come back after the flush.
"""

from __future__ import annotations

from typing import Any

from django.db.backends.base.base import BaseDatabaseWrapper

TABLE = "audit_accesslogentry"
MESSAGE = "access log rows cannot be changed or deleted"
ID_MESSAGE = "access log ids are assigned by the database"

_SQLITE_CREATE = [
    f"""CREATE TRIGGER IF NOT EXISTS {TABLE}_no_{verb.lower()}
    BEFORE {verb} ON {TABLE}
    BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"""
    for verb in ("UPDATE", "DELETE")
] + [
    f"""CREATE TRIGGER IF NOT EXISTS {TABLE}_no_explicit_id
    BEFORE INSERT ON {TABLE} WHEN NEW.id IS NOT -1
    BEGIN SELECT RAISE(ABORT, '{ID_MESSAGE}'); END""",
    f"""CREATE TRIGGER IF NOT EXISTS {TABLE}_id_ascending
    AFTER INSERT ON {TABLE}
    WHEN NEW.id < 1 OR NEW.id <= (SELECT max(id) FROM {TABLE} WHERE id <> NEW.id)
    BEGIN SELECT RAISE(ABORT, '{ID_MESSAGE}'); END""",  # noqa: S608 - constants only
]
_SQLITE_TRIGGERS = ("no_update", "no_delete", "no_explicit_id", "id_ascending")
_SQLITE_DROP = [f"DROP TRIGGER IF EXISTS {TABLE}_{name}" for name in _SQLITE_TRIGGERS]

_POSTGRES_CREATE = [
    f"""CREATE OR REPLACE FUNCTION {TABLE}_refuse() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'insufficient_privilege'; END $$""",
    f"DROP TRIGGER IF EXISTS {TABLE}_immutable ON {TABLE}",
    f"""CREATE TRIGGER {TABLE}_immutable BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION {TABLE}_refuse()""",
    f"""CREATE OR REPLACE FUNCTION {TABLE}_refuse_id() RETURNS trigger
    LANGUAGE plpgsql AS $$
    DECLARE issued bigint;
    BEGIN
        BEGIN
            issued := currval(pg_get_serial_sequence('{TABLE}', 'id'));
        EXCEPTION WHEN object_not_in_prerequisite_state THEN
            issued := NULL;
        END;
        IF issued IS DISTINCT FROM NEW.id
            OR EXISTS (SELECT 1 FROM {TABLE} WHERE id >= NEW.id) THEN
            RAISE EXCEPTION '{ID_MESSAGE}' USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN NEW;
    END $$""",  # noqa: S608 - constants only
    f"DROP TRIGGER IF EXISTS {TABLE}_sequential ON {TABLE}",
    f"""CREATE TRIGGER {TABLE}_sequential BEFORE INSERT ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION {TABLE}_refuse_id()""",
]
_POSTGRES_TRIGGERS = (f"{TABLE}_immutable", f"{TABLE}_sequential")
_POSTGRES_DROP = [
    f"DROP TRIGGER IF EXISTS {TABLE}_immutable ON {TABLE}",
    f"DROP TRIGGER IF EXISTS {TABLE}_sequential ON {TABLE}",
    f"DROP FUNCTION IF EXISTS {TABLE}_refuse()",
    f"DROP FUNCTION IF EXISTS {TABLE}_refuse_id()",
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
            return bool(cursor.fetchone()[0] == len(_SQLITE_TRIGGERS))
        cursor.execute(
            "SELECT count(*) FROM pg_trigger WHERE tgname = ANY(%s)", [list(_POSTGRES_TRIGGERS)]
        )
        return bool(cursor.fetchone()[0] == len(_POSTGRES_TRIGGERS))


#: The migration that installs the triggers; while it is applied they must exist.
MIGRATION = ("audit", "0002_access_log_triggers")


def triggers_ensure_after_migrate(using: str = "default", **kwargs: Any) -> None:
    """post_migrate receiver: reinstalls the triggers if their migration is applied but
    they are missing (after a test flush). A migration back before them is
    respected."""
    from django.db import connections
    from django.db.migrations.recorder import MigrationRecorder

    connection = connections[using]
    if MIGRATION not in MigrationRecorder(connection).applied_migrations():
        return
    if not triggers_present(connection):
        triggers_create(connection)
