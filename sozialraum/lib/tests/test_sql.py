"""Plain statements are built from the model's names, quoted, with a marker per value."""

from __future__ import annotations

import pytest
from django.contrib.sessions.models import Session
from django.db import connection

from sozialraum.lib.sql import concrete_field_names, select_statement


def test_a_statement_names_quoted_columns_and_one_marker_per_condition() -> None:
    statement = select_statement(
        connection, Session, ("session_data",), [("session_key", "="), ("expire_date", ">")]
    )
    quote = connection.ops.quote_name
    assert statement == (
        f"SELECT {quote('session_data')} FROM {quote('django_session')} "
        f"WHERE {quote('session_key')} = %s AND {quote('expire_date')} > %s"
    )


def test_an_unknown_comparison_or_field_is_refused() -> None:
    with pytest.raises(ValueError, match="Unknown comparison"):
        select_statement(connection, Session, ("session_data",), [("session_key", "; --")])
    with pytest.raises(Exception, match="no field named"):
        select_statement(connection, Session, ("password",), [("session_key", "=")])


def test_concrete_field_names_are_the_columns_of_the_model() -> None:
    assert concrete_field_names(Session) == ("session_key", "session_data", "expire_date")


def test_the_written_statements_keep_no_connection_alive() -> None:
    from sozialraum.lib.sql import _STATEMENTS

    select_statement(connection, Session, ("session_data",), [("session_key", "=")])
    assert _STATEMENTS, "the statement is kept for the next request"
    # Each thread has its own connection: a key holding one (or its bound quote_name)
    # would keep every thread's connection alive and write each statement once per thread.
    parts = [part for key in _STATEMENTS for part in key]
    assert not [part for part in parts if callable(part) and not isinstance(part, type)]
