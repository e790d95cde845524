"""Person API: list, detail and create, through the same access helper and log."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from sozialraum.accounts.tests.factories import (
    OrganisationFactory,
    signed_in_client,
    user_with_role,
)
from sozialraum.audit.models import AccessAction, AccessLogEntry
from sozialraum.audit.purposes import Purpose
from sozialraum.casework.models import Person
from sozialraum.casework.tests.factories import ConsentFactory, PersonFactory
from sozialraum.directory.tests.factories import square_district
from sozialraum.lib.access import Role

pytestmark = pytest.mark.django_db

URL = "/api/v1/persons"


def csrf_client(user: Any) -> Client:
    client = signed_in_client(user)
    client.handler.enforce_csrf_checks = False
    return client


def test_list_returns_own_and_shared_persons_logs_them_and_keeps_its_query_count(
    django_assert_max_num_queries: Any,
) -> None:
    organisation = OrganisationFactory.create()
    worker = user_with_role(Role.WORKER, organisation)
    for number in range(20):
        PersonFactory.create(organisation=organisation, name=f"Person {number:02d}")
    shared = PersonFactory.create(name="Geteilt")
    ConsentFactory.create(
        person=shared, purpose=Purpose.REFERRAL, shared_with_organisation=organisation
    )
    PersonFactory.create(name="Fremd")
    client = signed_in_client(worker)
    client.get("/")

    # 4 for every signed-in request, the page, the shared persons' consents, and per
    # purpose listed one log write (+1: the chain head); no count for a page with the rest.
    with django_assert_max_num_queries(10):
        response = client.get(URL, {"limit": 100})

    data = response.json()
    assert response.status_code == 200 and data["total"] == 21
    names = {p["name"]: p for p in data["persons"]}
    assert "Fremd" not in names
    assert names["Geteilt"]["own_case"] is False and names["Geteilt"]["purposes"] == ["referral"]
    assert AccessLogEntry.objects.filter(user=worker, action=AccessAction.LIST).count() == 21


def test_detail_reads_through_the_access_helper() -> None:
    person = PersonFactory.create(name="Erika", accessibility_needs=["step_free"])
    outsider = user_with_role(Role.WORKER)
    ConsentFactory.create(
        person=person,
        purpose=Purpose.PLAN,
        shared_with_organisation=outsider.memberships.get().organisation,
    )
    client = signed_in_client(outsider)

    refused = client.get(f"{URL}/{person.pk}")
    allowed = client.get(f"{URL}/{person.pk}", {"purpose": "plan"})

    assert refused.status_code == 403
    assert allowed.status_code == 200
    assert allowed.json()["accessibility_needs"] == ["step_free"]
    assert list(
        AccessLogEntry.objects.filter(person=person)
        .order_by("pk")
        .values_list("purpose", "granted")
    ) == [(Purpose.CASEWORK, False), (Purpose.PLAN, True)]
    assert client.get(f"{URL}/{person.pk}", {"purpose": "gossip"}).status_code == 422
    assert client.get(f"{URL}/999999").status_code == 404


def test_create_assigns_the_district_and_logs() -> None:
    district = square_district(9.40, 54.78)
    organisation = OrganisationFactory.create()
    worker = user_with_role(Role.WORKER, organisation)

    response = csrf_client(worker).post(
        URL,
        {
            "name": "Neu",
            "latitude": 54.785,
            "longitude": 9.405,
            "accessibility_needs": ["wheelchair"],
        },
        content_type="application/json",
    )

    assert response.status_code == 200, response.content
    person = Person.objects.get()
    assert response.json()["district"] == district.slug
    assert (person.organisation, person.accessibility_needs) == (organisation, ["wheelchair"])
    assert AccessLogEntry.objects.filter(person=person, action=AccessAction.CREATE).exists()


def test_create_names_the_bad_fields() -> None:
    square_district(9.40, 54.78)
    worker = user_with_role(Role.WORKER)

    response = csrf_client(worker).post(
        URL,
        {"name": "", "latitude": 54.7, "accessibility_needs": ["telepathy"], "district": "nowhere"},
        content_type="application/json",
    )

    errors = response.json()["errors"]
    assert response.status_code == 422
    assert {"name", "longitude", "accessibility_needs", "district"} <= errors.keys()
    assert not Person.objects.exists()


def test_create_point_outside_districts_is_a_latitude_error() -> None:
    square_district(9.40, 54.78)
    worker = user_with_role(Role.WORKER)

    response = csrf_client(worker).post(
        URL, {"name": "X", "latitude": 1.0, "longitude": 1.0}, content_type="application/json"
    )

    assert response.status_code == 422 and "latitude" in response.json()["errors"]


def test_planner_may_not_use_the_person_api() -> None:
    client = signed_in_client(user_with_role(Role.PLANNER))

    assert client.get(URL).status_code == 403


@pytest.mark.parametrize(
    ("params", "listed"),
    [({"limit": 5}, 5), ({"limit": 100}, 12), ({"offset": 10, "limit": 5}, 2), ({"offset": 30}, 0)],
)
def test_the_list_total_counts_all_persons(params: dict[str, int], listed: int) -> None:
    organisation = OrganisationFactory.create()
    worker = user_with_role(Role.WORKER, organisation)
    for number in range(12):
        PersonFactory.create(organisation=organisation, name=f"Person {number:02d}")
    PersonFactory.create(name="Fremd")
    data = signed_in_client(worker).get(URL, params).json()
    assert (data["total"], len(data["persons"])) == (12, listed)


def test_a_list_page_holding_the_rest_is_not_counted_again() -> None:
    organisation = OrganisationFactory.create()
    worker = user_with_role(Role.WORKER, organisation)
    PersonFactory.create_batch(3, organisation=organisation)
    client = signed_in_client(worker)
    client.get(URL)
    with CaptureQueriesContext(connection) as short:
        assert client.get(URL, {"limit": 10}).json()["total"] == 3
    with CaptureQueriesContext(connection) as full:
        assert client.get(URL, {"limit": 2}).json()["total"] == 3
    assert not any("COUNT(" in q["sql"] for q in short.captured_queries)
    assert len(full) == len(short) + 1
