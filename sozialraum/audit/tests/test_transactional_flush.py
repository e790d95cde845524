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
