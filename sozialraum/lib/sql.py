"""Plain statements for the reads every signed-in request makes.

The ORM builds each query anew in Python, and for the few small reads that precede every
signed-in page (the session, the verified device, the user's memberships) building cost
several times what SQLite or PostgreSQL take to answer. These reads are written once as
plain statements, with the table and column names taken from the model (quoted by the
database's own rules) and every value passed as a parameter.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper

#: The comparisons a condition may use.
OPERATORS = frozenset({"=", "<>", ">", "<", ">=", "<="})

_Key = tuple[str, type[models.Model], tuple[str, ...], tuple[tuple[str, str], ...]]
#: Statements written so far, by database kind and shape (the shapes are the code's own,
#: so this stays small). Keyed without the connection, which each thread has its own of.
_STATEMENTS: dict[_Key, str] = {}


def select_statement(
    connection: BaseDatabaseWrapper,
    model: type[models.Model],
    fields: Sequence[str],
    where: Sequence[tuple[str, str]],
) -> str:
    """``SELECT <fields> FROM <model's table> WHERE <field> <op> %s AND ...``: one ``%s``
    per condition, in order; ``fields`` and the conditions name model fields. Written once
    per database kind and shape, then reused."""
    key: _Key = (connection.vendor, model, tuple(fields), tuple(where))
    statement = _STATEMENTS.get(key)
    if statement is None:
        statement = _statement(connection.ops.quote_name, model, key[2], key[3])
        _STATEMENTS[key] = statement
    return statement


def _statement(
    quote: Callable[[str], str],
    model: type[models.Model],
    fields: tuple[str, ...],
    where: tuple[tuple[str, str], ...],
) -> str:
    meta = model._meta

    def column(name: str) -> str:
        found = getattr(meta.get_field(name), "column", None)
        if not isinstance(found, str):
            raise ValueError(f"{model.__name__}.{name} has no column.")
        return quote(found)

    conditions = []
    for name, operator in where:
        if operator not in OPERATORS:
            raise ValueError(f"Unknown comparison {operator!r}.")
        conditions.append(f"{column(name)} {operator} %s")
    selected = ", ".join(column(name) for name in fields)
    table = quote(meta.db_table)
    return f"SELECT {selected} FROM {table} WHERE {' AND '.join(conditions)}"  # noqa: S608


def concrete_field_names(model: type[models.Model]) -> tuple[str, ...]:
    """Every column-backed field of ``model`` (what ``SELECT *`` would read), by name."""
    return tuple(field.name for field in model._meta.concrete_fields)
