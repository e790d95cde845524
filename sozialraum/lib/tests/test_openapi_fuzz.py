"""Schemathesis against both OpenAPI documents (/api/v1/ and the HSDS API at /api/hsds/),
as an anonymous visitor and as each role: no generated request gets a server error.

Bounded: a few examples per operation, derandomised (the same requests every run), called
in-process through the WSGI application on the test database.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from django.conf import settings
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error

from sozialraum.accounts.tests.factories import signed_in_client, user_with_role
from sozialraum.directory.tests.factories import OfferFactory
from sozialraum.districts.tests.factories import DistrictFactory
from sozialraum.lib.access import Role

DOCUMENTS = ("/api/v1/openapi.json", "/api/hsds/openapi.json")
#: Figures of the run (responses by status class), printed by the last test.
CALLS: Counter[str] = Counter()


@pytest.fixture
def cookies(db: None) -> dict[str, dict[str, str]]:
    """Request headers per client: the session cookie of a user of each role (none for the
    anonymous visitor); and data for the operations to find (a district and offers)."""
    district = DistrictFactory.create(slug="mitte")
    OfferFactory.create_batch(2)
    assert district.pk
    headers: dict[str, dict[str, str]] = {"anonymous": {}}
    for role in Role.values:
        session = signed_in_client(user_with_role(role)).cookies[settings.SESSION_COOKIE_NAME]
        headers[role] = {"Cookie": f"{settings.SESSION_COOKIE_NAME}={session.value}"}
    return headers


#: Generated requests per operation (valid and invalid ones), each sent as every client.
EXAMPLES = 10


def _fuzz(document: str, cookies: dict[str, dict[str, str]]) -> list[str]:
    """Sends each operation's generated requests as every client; the server errors."""
    schema = schemathesis.openapi.from_wsgi(document, get_wsgi_application())
    errors: list[str] = []

    @hypothesis_settings(
        max_examples=EXAMPLES,
        derandomize=True,
        deadline=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
        database=None,
    )
    @given(data=st.data())
    def send(data: st.DataObject, operation: Any) -> None:
        mode = data.draw(st.sampled_from(list(GenerationMode)))
        case = data.draw(operation.as_strategy(mode))
        for name, headers in cookies.items():
            response = case.call(headers=headers)
            CALLS[f"{response.status_code // 100}xx"] += 1
            try:
                case.validate_response(response, checks=[not_a_server_error])
            except Exception as failure:
                errors.append(f"{name}: {case.method} {case.formatted_path}: {failure}")

    for result in schema.get_all_operations():
        operation = result.ok()  # type: ignore[union-attr]  # an invalid one fails here
        CALLS["operations"] += 1
        send(operation=operation)
    return errors


@pytest.fixture
def connection_kept() -> Iterator[None]:
    """As Django's test client does: the request signals do not close the database
    connection (it holds the test's transaction, on PostgreSQL it would be gone)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.mark.parametrize("document", DOCUMENTS)
def test_no_request_to_either_api_gets_a_server_error(
    document: str, cookies: dict[str, dict[str, str]], connection_kept: None
) -> None:
    errors = _fuzz(document, cookies)
    print(document, dict(CALLS), "5xx:", len(errors))
    assert errors == []
