"""SQL names and dialect pieces the search's statements share."""

from __future__ import annotations

from typing import Any

from django.db import connection


def table_name(model: Any) -> str:
    """The quoted table name of ``model``."""
    return str(connection.ops.quote_name(model._meta.db_table))


def byte_collation() -> str:
    """Byte-order comparison for prefix ranges (PostgreSQL's default collation is
    linguistic; SQLite's is already binary)."""
    return ' COLLATE "C"' if connection.vendor == "postgresql" else ""


def per_row() -> str:
    """Ends an EXISTS subquery that is to be checked per row: OFFSET 0 keeps PostgreSQL from
    turning it into a join over everything it could match, which cannot stop after the few
    rows the statements around it need. SQLite checks EXISTS per row anyway."""
    return " OFFSET 0" if connection.vendor == "postgresql" else ""


def rows_insert(model: Any, fields: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
    """Plain multi-row INSERTs (the postings are many and need no model instances)."""
    if not rows:
        return
    table = table_name(model)
    columns = ", ".join(connection.ops.quote_name(name) for name in fields)
    marks = ", ".join(["%s"] * len(fields))
    with connection.cursor() as cursor:
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)  # noqa: S608
