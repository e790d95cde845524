"""The access log also records reads of a user's own data (a help group's member read by
the group's coordinator): one row per subject user, chained like every other row, with
purposes of their own that no consent names."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from sozialraum.accounts.tests.factories import user_with_role
from sozialraum.audit.models import AccessAction, AccessLogEntry
from sozialraum.audit.purposes import Purpose, UserPurpose
from sozialraum.audit.services import access_log_write
from sozialraum.audit.triggers import TABLE, triggers_create, triggers_drop
from sozialraum.lib.access import Role

pytestmark = pytest.mark.django_db


def _write(subject_user_ids: list[int]) -> list[AccessLogEntry]:
    return access_log_write(
        user=user_with_role(Role.COORDINATOR),
        subject_user_ids=subject_user_ids,
        action=AccessAction.VIEW,
        purpose=UserPurpose.NEIGHBOURLY_HELP,
        granted=True,
    )


def test_a_read_of_two_members_writes_one_row_per_subject_user() -> None:
    rows = _write([41, 42])
    stored = AccessLogEntry.objects.order_by("pk")
    assert [(r.subject_user_id, r.person_id) for r in stored] == [(41, None), (42, None)]
    assert rows[0].purpose_label == str(UserPurpose.NEIGHBOURLY_HELP.label)


def test_a_changed_subject_user_breaks_the_chain() -> None:
    rows = _write([41, 42])
    call_command("verify_access_log", stdout=StringIO())
    triggers_drop(connection)
    with connection.cursor() as cursor:
        sql = f"UPDATE {TABLE} SET subject_user_id = 43 WHERE id = %s"
        cursor.execute(sql, [rows[0].pk])
    triggers_create(connection)
    with pytest.raises(CommandError, match=f"row {rows[0].pk} "):
        call_command("verify_access_log", stdout=StringIO())


def test_user_purposes_are_not_consent_purposes() -> None:
    """Consents name a :class:`Purpose`; nobody consents to a user purpose."""
    assert not set(UserPurpose.values) & set(Purpose.values)


def test_an_unknown_purpose_is_refused() -> None:
    with pytest.raises(ValueError, match="Unknown purpose"):
        access_log_write(
            user=None, subject_user_ids=[1], action="view", purpose="gossip", granted=True
        )
