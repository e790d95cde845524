"""Retention: closed cases are deleted after the period; the log keeps its rows."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from pytest_django import Settings

from sozialraum.accounts.tests.factories import user_with_role
from sozialraum.audit.models import AccessAction, AccessLogEntry
from sozialraum.audit.purposes import Purpose
from sozialraum.casework.access import person_for_user
from sozialraum.casework.models import Consent, Person
from sozialraum.casework.tests.factories import ConsentFactory, PersonFactory
from sozialraum.lib.access import Role

pytestmark = pytest.mark.django_db


def purge(*args: str) -> str:
    out = StringIO()
    call_command("casework_purge_closed", *args, stdout=out)
    return out.getvalue().strip()


def test_purge_deletes_cases_closed_longer_than_the_period_only(settings: Settings) -> None:
    settings.CASEWORK_RETENTION_DAYS = 30
    now = timezone.now()
    old = PersonFactory.create(name="Alt", closed_at=now - timedelta(days=31))
    ConsentFactory.create(person=old)
    recent = PersonFactory.create(closed_at=now - timedelta(days=29))
    still_open = PersonFactory.create()
    worker = user_with_role(Role.WORKER, old.organisation)
    person_for_user(worker, old.pk, purpose=Purpose.CASEWORK)
    old_id = old.pk

    summary = purge()

    assert summary.startswith("casework_purge_closed: deleted 1 closed case(s)")
    assert "1 closed case(s) still kept" in summary
    assert set(Person.objects.all()) == {recent, still_open}
    assert not Consent.objects.filter(person_id=old_id).exists()
    assert list(
        AccessLogEntry.objects.filter(person_id=old_id)
        .order_by("pk")
        .values_list("action", "user_id")
    ) == [(AccessAction.VIEW, worker.pk), (AccessAction.DELETE, None)]


def test_purge_is_idempotent(settings: Settings) -> None:
    settings.CASEWORK_RETENTION_DAYS = 1
    PersonFactory.create(closed_at=timezone.now() - timedelta(days=2))

    first, second = purge(), purge()

    assert "deleted 1 " in first and "deleted 0 " in second
    assert not Person.objects.exists()
    assert AccessLogEntry.objects.filter(action=AccessAction.DELETE).count() == 1


def test_dry_run_deletes_nothing(settings: Settings) -> None:
    settings.CASEWORK_RETENTION_DAYS = 1
    PersonFactory.create(closed_at=timezone.now() - timedelta(days=2))

    assert "would delete 1 " in purge("--dry-run")
    assert Person.objects.count() == 1
    assert not AccessLogEntry.objects.exists()
