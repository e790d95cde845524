"""Transactional tests (the browser tests among them) end with a flush of every table;
the access log's triggers must neither block that flush nor be missing afterwards."""

from __future__ import annotations

import pytest
from django.db import connection

from sozialraum.audit.models import AccessAction, AccessLogEntry
from sozialraum.audit.purposes import Purpose
from sozialraum.audit.services import access_log_write
from sozialraum.audit.triggers import triggers_present


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("person_id", [1, 2, 3])
def test_each_transactional_test_starts_with_an_empty_log_and_the_triggers(
    person_id: int,
) -> None:
    assert triggers_present(connection)
    assert not AccessLogEntry.objects.exists()

    access_log_write(
        user=None,
        person_ids=[person_id],
        action=AccessAction.VIEW,
        purpose=Purpose.CASEWORK,
        granted=True,
    )

    assert AccessLogEntry.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_flush_empties_every_table_the_test_wrote() -> None:
    from django.contrib.auth import get_user_model

    get_user_model().objects.create_user("flushed", password="x")
    assert get_user_model().objects.filter(username="flushed").exists()


@pytest.mark.django_db(transaction=True)
def test_the_next_test_finds_no_row_of_the_last() -> None:
    from django.contrib.auth import get_user_model

    assert not get_user_model().objects.filter(username="flushed").exists()


@pytest.mark.django_db
def test_postgresql_test_connections_commit_without_waiting_for_the_disk() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("a PostgreSQL setting")
    with connection.cursor() as cursor:
        cursor.execute("SHOW synchronous_commit")
        assert cursor.fetchone()[0] == "off"
