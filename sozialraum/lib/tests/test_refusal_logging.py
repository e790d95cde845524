"""A refused request logs one warning line, without a traceback (lib/log_filters.py)."""

from __future__ import annotations

import logging

import pytest
from django.test import Client

from sozialraum.accounts.tests.factories import signed_in_client, user_with_role
from sozialraum.lib.access import Role


def _refusals(caplog: pytest.LogCaptureFixture) -> list[logging.LogRecord]:
    return [record for record in caplog.records if getattr(record, "status_code", 0) == 403]


def _assert_one_line_without_traceback(caplog: pytest.LogCaptureFixture) -> None:
    assert len(_refusals(caplog)) == 1
    assert [r for r in caplog.records if r.exc_info or r.exc_text] == []


@pytest.mark.django_db
def test_a_refused_page_logs_one_line_without_a_traceback(
    caplog: pytest.LogCaptureFixture,
) -> None:
    client = signed_in_client(user_with_role(Role.RESIDENT))
    with caplog.at_level(logging.INFO):
        response = client.get("/personen/")
    assert response.status_code == 403
    _assert_one_line_without_traceback(caplog)


@pytest.mark.django_db
def test_a_refused_api_call_logs_one_line_without_a_traceback(
    caplog: pytest.LogCaptureFixture,
) -> None:
    client = signed_in_client(user_with_role(Role.PLANNER))
    with caplog.at_level(logging.INFO):
        response = client.get("/api/v1/persons")
    assert response.status_code == 403
    _assert_one_line_without_traceback(caplog)


@pytest.mark.django_db
def test_a_failed_csrf_check_logs_one_line_without_a_traceback(
    caplog: pytest.LogCaptureFixture,
) -> None:
    client = Client(enforce_csrf_checks=True)
    with caplog.at_level(logging.INFO):
        response = client.post("/konto/anmelden/", {"username": "x", "password": "y"})
    assert response.status_code == 403
    _assert_one_line_without_traceback(caplog)


class _Collect(logging.Handler):
    def __init__(self, records: list[logging.LogRecord]) -> None:
        super().__init__()
        self.records = records

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


def test_a_server_error_keeps_its_traceback() -> None:
    """Only client errors lose the traceback: a 500's record keeps it."""
    logger = logging.getLogger("django.request")
    records: list[logging.LogRecord] = []
    handler = _Collect(records)
    logger.addHandler(handler)
    try:
        try:
            raise RuntimeError("boom")
        except RuntimeError:
            logger.error("Internal Server Error", exc_info=True, extra={"status_code": 500})
    finally:
        logger.removeHandler(handler)
    assert records and records[0].exc_info
