"""Access-log rows cannot be changed or deleted: not through the model, not in SQL."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, connection, transaction

from sozialraum.accounts.tests.factories import user_with_role
from sozialraum.audit.models import AccessAction, AccessLogEntry, AccessLogImmutableError
from sozialraum.audit.purposes import Purpose
from sozialraum.audit.services import access_log_write
from sozialraum.audit.triggers import TABLE, triggers_present
from sozialraum.casework.tests.factories import PersonFactory
from sozialraum.lib.access import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def entry() -> AccessLogEntry:
    person = PersonFactory.create()
    user = user_with_role(Role.WORKER, person.organisation)
    [row] = access_log_write(
        user=user,
        person_ids=[person.pk],
        action=AccessAction.VIEW,
        purpose=Purpose.CASEWORK,
        granted=True,
    )
    return row


def test_the_triggers_are_installed_by_the_migrations() -> None:
    assert triggers_present(connection)


def test_database_refuses_an_update_of_a_log_row(entry: AccessLogEntry) -> None:
    with (
        pytest.raises(DatabaseError, match="cannot be changed"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(f"UPDATE {TABLE} SET granted = %s WHERE id = %s", [False, entry.pk])
    assert AccessLogEntry.objects.get(pk=entry.pk).granted is True


def test_database_refuses_a_delete_of_a_log_row(entry: AccessLogEntry) -> None:
    with (
        pytest.raises(DatabaseError, match="cannot be changed"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(f"DELETE FROM {TABLE} WHERE id = %s", [entry.pk])
    assert AccessLogEntry.objects.filter(pk=entry.pk).exists()


def test_database_refuses_deleting_the_whole_log(entry: AccessLogEntry) -> None:
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE}")
    assert AccessLogEntry.objects.count() == 1


def test_the_model_refuses_saving_a_changed_row(entry: AccessLogEntry) -> None:
    entry.granted = False
    with pytest.raises(AccessLogImmutableError):
        entry.save()
    assert AccessLogEntry.objects.get(pk=entry.pk).granted is True


def test_the_model_and_queryset_refuse_deleting(entry: AccessLogEntry) -> None:
    with pytest.raises(AccessLogImmutableError):
        entry.delete()
    with pytest.raises(AccessLogImmutableError):
        AccessLogEntry.objects.all().delete()
    with pytest.raises(AccessLogImmutableError):
        AccessLogEntry.objects.update(granted=False)
    assert AccessLogEntry.objects.filter(pk=entry.pk, granted=True).exists()


def test_log_rows_hold_no_free_text() -> None:
    text_fields = [
        field.name
        for field in AccessLogEntry._meta.concrete_fields
        if field.get_internal_type() in {"CharField", "TextField"} and not field.choices
    ]
    # The purpose is checked against the Purpose choices by the only writer; the chain
    # hash is written by it too (64 hex digits).
    assert text_fields == ["purpose", "chain_hash"]
    with pytest.raises(ValueError, match="purpose"):
        access_log_write(
            user=None,
            person_ids=[1],
            action=AccessAction.VIEW,
            purpose="diagnosis: depression",
            granted=True,
        )


def test_deleting_a_person_keeps_their_log_rows_with_the_bare_id(entry: AccessLogEntry) -> None:
    person_id = entry.person_id
    PersonFactory._meta.model.objects.filter(pk=person_id).delete()

    row = AccessLogEntry.objects.select_related("person").get(pk=entry.pk)
    assert row.person_id == person_id
    assert row.person is None


@pytest.mark.django_db(transaction=True)
def test_the_trigger_migration_is_reversible() -> None:
    from django.core.management import call_command

    call_command("migrate", "audit", "0001", verbosity=0)
    try:
        assert not triggers_present(connection)
    finally:
        call_command("migrate", "audit", verbosity=0)
    assert triggers_present(connection)
