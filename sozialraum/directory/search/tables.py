"""SQL names and dialect pieces the search's statements share."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from django.db import connection, models


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


def rows_insert(model: Any, fields: tuple[str, ...], rows: Iterable[tuple[Any, ...]]) -> None:
    """Writes plain rows (the postings are many and need no model instances): PostgreSQL
    through ``COPY ... FROM STDIN`` (at 100,000 offers, several times as fast as the same
    rows as INSERTs), SQLite through one ``executemany`` of a prepared INSERT."""
    table = table_name(model)
    columns = ", ".join(connection.ops.quote_name(name) for name in fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        marks = ", ".join(["%s"] * len(fields))
        sql = f"INSERT INTO {table} ({columns}) VALUES ({marks})"  # noqa: S608
        cursor.executemany(sql, rows if isinstance(rows, list) else list(rows))


def objects_insert(objects: Sequence[models.Model]) -> None:
    """Writes unsaved model instances of one model like :func:`rows_insert`: every
    concrete field but an automatic primary key, as the database stores it (no signals,
    no ids read back)."""
    if not objects:
        return
    meta = objects[0]._meta
    fields = [field for field in meta.concrete_fields if not isinstance(field, models.AutoField)]
    rows = (
        tuple(field.get_db_prep_save(getattr(item, field.attname), connection) for field in fields)
        for item in objects
    )
    rows_insert(type(objects[0]), tuple(str(field.column) for field in fields), rows)
