"""The ``<id:...>`` path converter: a database id, bounded to what every database holds.

Django's ``<int:...>`` takes any run of digits, and an id beyond the database's integer
range ends in an OverflowError (SQLite) or a DataError (PostgreSQL), a server error. An
``<id:...>`` beyond :data:`MAX_ID` does not match, so the URL answers 404 like an id that
does not exist.
"""

from __future__ import annotations

from django.urls import register_converter
from django.urls.converters import IntConverter

#: The largest id a URL may name: PostgreSQL's ``integer`` (and so every AutoField).
MAX_ID = 2**31 - 1


class IdConverter(IntConverter):
    """Digits up to :data:`MAX_ID`; larger numbers do not match (404)."""

    regex = "[0-9]{1,10}"

    def to_python(self, value: str) -> int:
        number = int(value)
        if number > MAX_ID:
            raise ValueError(f"{value} is beyond the largest id {MAX_ID}")
        return number


register_converter(IdConverter, "id")
