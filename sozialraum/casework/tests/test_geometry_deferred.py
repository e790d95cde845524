"""The person list and the person page load a person's district without its shapes: the
boundaries are large and neither page draws them."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sozialraum.accounts.models import User
from sozialraum.accounts.tests.factories import signed_in_client
from sozialraum.casework.models import Person
from sozialraum.districts.tests.factories import DistrictFactory
from sozialraum.plan.tests.factories import person_make, worker_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def person() -> Person:
    return person_make(district=DistrictFactory())


def _sql_of_get(user: User, path: str) -> str:
    with CaptureQueriesContext(connection) as queries:
        response = signed_in_client(user).get(path)
    assert response.status_code == 200
    return "\n".join(query["sql"] for query in queries.captured_queries)


def test_the_person_list_reads_no_district_boundary(person: Person) -> None:
    sql = _sql_of_get(worker_of(person), reverse("casework:list"))
    assert "districts_district" in sql
    assert "boundary" not in sql


def test_the_person_page_reads_no_district_boundary(person: Person) -> None:
    sql = _sql_of_get(worker_of(person), reverse("casework:person", kwargs={"pk": person.pk}))
    assert "districts_district" in sql
    assert "boundary" not in sql
