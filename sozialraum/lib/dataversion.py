"""The version of the public data: a number that changes with every write to it.

Caches of what is computed from public data (district profiles, rendered pages for
anonymous visitors) key on it, so a write shows at once, in every process, without
anyone having to remember to invalidate anything.

Database triggers on every table of every watched app write a new random number into the
one ``DataVersion`` row (an upsert, so a flushed table starts again); they are
(re)installed after every ``migrate`` and ``flush`` (post_migrate), so a table added later
is watched from its migration on. Watched are all of the project's apps except those
holding only personal or operational data (:data:`UNWATCHED_APPS`): a write there never
changes a public page.

SQLite has row triggers only (one new number per row); PostgreSQL gets statement triggers
(one per statement, also on ``TRUNCATE``). On PostgreSQL concurrent writers to public data
queue on the row until the first commits; public data changes rarely.
"""

from __future__ import annotations

from typing import Any

from django.apps import apps
from django.db import connections
from django.db.backends.base.base import BaseDatabaseWrapper

TABLE = "lib_dataversion"
#: The project's apps whose tables hold no data any public page or cached value shows.
UNWATCHED_APPS = frozenset({"lib", "audit", "casework", "networkmap", "plan"})
#: Models of watched apps that need no watching: users (no public page shows them; a
#: sign-in writes ``last_login``, which on PostgreSQL would otherwise queue behind a long
#: import of public data), the log of membership changes, and the offer search's index,
#: which is derived from offers, places and synonyms (watched themselves) and written in
#: millions of single-row statements by a rebuild (a trigger on each made building it on
#: PostgreSQL many times slower).
UNWATCHED_MODELS = frozenset(
    {
        "accounts.user",
        "accounts.membershipchange",
        "directory.offersearchentry",
        "directory.offersearchtext",
        "directory.offerterm",
        "directory.offersearchterm",
        "directory.offersearchtermcategory",
        "directory.offersearchword",
        "directory.offersearchexpansion",
        "directory.offersearchstats",
    }
)
_VERBS = ("INSERT", "UPDATE", "DELETE")

#: A new random number rather than a count: a rolled-back write's number is never issued
#: again, so nothing computed inside a transaction that was rolled back is ever reused.
_RANDOM = {"sqlite": "random()", "postgresql": "floor(random() * 9.2e18)::bigint"}


def _bump(vendor: str) -> str:
    value = _RANDOM[vendor]
    return (
        f"INSERT INTO {TABLE} (id, version) VALUES (1, {value}) "  # noqa: S608 - constants only
        f"ON CONFLICT (id) DO UPDATE SET version = {value}"
    )


def watched_tables() -> list[str]:
    """The tables of the watched apps (models and many-to-many tables), sorted."""
    tables = set()
    for config in apps.get_app_configs():
        if not config.name.startswith("sozialraum.") or config.label in UNWATCHED_APPS:
            continue
        for model in config.get_models(include_auto_created=True):
            owner = getattr(model._meta, "auto_created", None) or model
            if owner._meta.label_lower in UNWATCHED_MODELS:
                continue
            if model._meta.managed and not model._meta.proxy:
                tables.add(model._meta.db_table)
    return sorted(tables)


def _statements(vendor: str, tables: list[str]) -> list[str]:
    if vendor == "sqlite":
        return [
            f"CREATE TRIGGER IF NOT EXISTS {table}_dv_{verb.lower()} AFTER {verb} ON {table} "
            f"BEGIN {_bump(vendor)}; END"
            for table in tables
            for verb in _VERBS
        ]
    if vendor == "postgresql":
        function = [
            f"""CREATE OR REPLACE FUNCTION {TABLE}_bump() RETURNS trigger
            LANGUAGE plpgsql AS $$ BEGIN {_bump(vendor)}; RETURN NULL; END $$"""
        ]
        return function + [
            f"CREATE OR REPLACE TRIGGER {table}_dv AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE "
            f"ON {table} FOR EACH STATEMENT EXECUTE FUNCTION {TABLE}_bump()"
            for table in tables
        ]
    raise NotImplementedError(f"No data version triggers for the database vendor {vendor!r}.")


def triggers_install(connection: BaseDatabaseWrapper) -> None:
    """Installs the triggers on every watched table that exists (idempotent)."""
    existing = set(connection.introspection.table_names())
    if TABLE not in existing:
        return
    tables = [table for table in watched_tables() if table in existing]
    with connection.cursor() as cursor:
        for statement in _statements(connection.vendor, tables):
            cursor.execute(statement)


def triggers_install_after_migrate(using: str = "default", **kwargs: Any) -> None:
    """post_migrate receiver (after every migrate and flush)."""
    triggers_install(connections[using])


def data_version() -> int:
    """The current version of the public data (one primary-key query, written as SQL: it
    runs on every anonymous request, and building it through the ORM cost more than
    running it)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"SELECT version FROM {TABLE} WHERE id = 1")  # noqa: S608 - constant
        found = cursor.fetchone()
    return int(found[0]) if found else 0
