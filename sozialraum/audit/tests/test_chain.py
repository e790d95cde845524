"""The access log is tamper-evident: a keyed hash chain that ``verify_access_log`` checks,
and ids only the database assigns (no REPLACE, no explicit ids)."""

from __future__ import annotations

from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from sozialraum.accounts.tests.factories import user_with_role
from sozialraum.audit.models import AccessAction, AccessLogEntry
from sozialraum.audit.purposes import Purpose
from sozialraum.audit.services import access_log_write
from sozialraum.audit.triggers import TABLE, triggers_create, triggers_drop
from sozialraum.lib.access import Role

pytestmark = pytest.mark.django_db

COLUMNS = "at, action, purpose, granted, person_id, user_id, chain_hash"


@pytest.fixture
def rows() -> list[AccessLogEntry]:
    user = user_with_role(Role.WORKER)
    written = []
    for person_ids in ([11, 12], [13], [14, 15]):
        written += access_log_write(
            user=user,
            person_ids=person_ids,
            action=AccessAction.VIEW,
            purpose=Purpose.CASEWORK,
            granted=True,
        )
    return written


def verify() -> str:
    out = StringIO()
    call_command("verify_access_log", stdout=out)
    return out.getvalue()


def broken_at() -> str:
    with pytest.raises(CommandError) as failure:
        verify()
    return str(failure.value)


def raw(sql: str, params: list[Any]) -> None:
    """SQL past the triggers, as someone with the database's password could issue it."""
    triggers_drop(connection)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
    triggers_create(connection)


def test_an_intact_log_verifies_with_a_one_line_summary(rows: list[AccessLogEntry]) -> None:
    summary = verify()
    assert summary.startswith("Access log intact: 5 rows, last hash ")
    assert summary.count("\n") == 1
    assert rows[-1].chain_hash in summary


def test_every_row_names_its_predecessors_hash(rows: list[AccessLogEntry]) -> None:
    stored = list(AccessLogEntry.objects.order_by("pk").values_list("chain_hash", flat=True))
    assert stored == [row.chain_hash for row in rows]
    assert len(set(stored)) == 5


def test_a_changed_row_is_named(rows: list[AccessLogEntry]) -> None:
    raw(f"UPDATE {TABLE} SET granted = %s WHERE id = %s", [False, rows[2].pk])
    assert f"row {rows[2].pk} " in broken_at()


def test_a_deleted_row_is_named_by_the_row_after_it(rows: list[AccessLogEntry]) -> None:
    raw(f"DELETE FROM {TABLE} WHERE id = %s", [rows[1].pk])
    assert f"row {rows[2].pk} " in broken_at()


def test_a_forged_row_is_named(rows: list[AccessLogEntry]) -> None:
    forged: list[Any] = [
        timezone.now(),
        "export",
        Purpose.CASEWORK,
        True,
        11,
        rows[0].user_id,
        "0" * 64,
    ]
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {TABLE} ({COLUMNS}) VALUES (%s, %s, %s, %s, %s, %s, %s)", forged
        )
    newest = AccessLogEntry.objects.order_by("-pk").first()
    assert newest is not None and newest.pk > rows[-1].pk
    assert f"row {newest.pk} " in broken_at()


def test_two_swapped_rows_are_found(rows: list[AccessLogEntry]) -> None:
    first, second = rows[1], rows[3]
    raw(f"UPDATE {TABLE} SET person_id = %s WHERE id = %s", [second.person_id, first.pk])
    raw(f"UPDATE {TABLE} SET person_id = %s WHERE id = %s", [first.person_id, second.pk])
    assert f"row {first.pk} " in broken_at()


def test_insert_or_replace_over_a_row_is_refused(rows: list[AccessLogEntry]) -> None:
    target = rows[0]
    values: list[Any] = [
        target.pk,
        target.at,
        "view",
        Purpose.CASEWORK,
        False,
        99,
        None,
        target.chain_hash,
    ]
    placeholders = ", ".join(["%s"] * 8)
    if connection.vendor == "sqlite":
        sql = f"INSERT OR REPLACE INTO {TABLE} (id, {COLUMNS}) VALUES ({placeholders})"
    else:
        sql = (
            f"INSERT INTO {TABLE} (id, {COLUMNS}) VALUES ({placeholders}) "
            "ON CONFLICT (id) DO UPDATE SET person_id = EXCLUDED.person_id"
        )
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, values)
    assert AccessLogEntry.objects.get(pk=target.pk).person_id == target.person_id
    assert verify().startswith("Access log intact: 5 rows")


@pytest.mark.parametrize("offset", [1, 1000])
def test_an_explicit_id_is_refused_even_above_every_other(
    rows: list[AccessLogEntry], offset: int
) -> None:
    values: list[Any] = [
        rows[-1].pk + offset,
        timezone.now(),
        "view",
        Purpose.CASEWORK,
        True,
        1,
        None,
        "",
    ]
    placeholders = ", ".join(["%s"] * 8)
    with (
        pytest.raises(DatabaseError, match="assigned by the database"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(f"INSERT INTO {TABLE} (id, {COLUMNS}) VALUES ({placeholders})", values)
    assert AccessLogEntry.objects.count() == 5


def test_an_id_below_the_others_is_refused(rows: list[AccessLogEntry]) -> None:
    values: list[Any] = [-1, timezone.now(), "view", Purpose.CASEWORK, True, 1, None, ""]
    placeholders = ", ".join(["%s"] * 8)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {TABLE} (id, {COLUMNS}) VALUES ({placeholders})", values)
    assert AccessLogEntry.objects.count() == 5


def test_a_write_in_several_statements_stores_and_returns_each_row_in_order(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The plain insert (batched): every row stored with the database's ascending id, the
    returned rows carry their stored ids, and the chain verifies."""
    from sozialraum.audit import services

    monkeypatch.setattr(services, "BATCH", 2)
    user = user_with_role(Role.WORKER)
    written = access_log_write(
        user=user,
        person_ids=[21, 22, 23, 24, 25],
        action=AccessAction.LIST,
        purpose=Purpose.CASEWORK,
        granted=True,
    )
    stored = list(AccessLogEntry.objects.order_by("id"))
    assert [row.pk for row in written] == [row.pk for row in stored]
    assert [row.person_id for row in stored] == [21, 22, 23, 24, 25]
    assert [row.chain_hash for row in written] == [row.chain_hash for row in stored]
    assert all(row.granted and row.user_id == user.pk and row.at == written[0].at for row in stored)
    assert verify().startswith("Access log intact: 5 rows")
