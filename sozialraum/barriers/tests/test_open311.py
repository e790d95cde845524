"""Open311 GeoReport v2: the documented fields and their types, filters, posting."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from sozialraum.accounts.tests.factories import signed_in_client
from sozialraum.barriers.models import Barrier, BarrierState
from sozialraum.barriers.services import barrier_transition

from .factories import barrier_make, world

pytestmark = pytest.mark.django_db

BASE = "/api/open311/v2"

#: GeoReport v2, GET Service List: field -> type.
SERVICE_FIELDS = {
    "service_code": str,
    "service_name": str,
    "description": str,
    "metadata": bool,
    "type": str,
    "keywords": str,
    "group": str,
}

#: GeoReport v2, GET Service Requests: field -> allowed types.
REQUEST_FIELDS: dict[str, tuple[type, ...]] = {
    "service_request_id": (str,),
    "status": (str,),
    "status_notes": (str,),
    "service_name": (str,),
    "service_code": (str,),
    "description": (str,),
    "agency_responsible": (str,),
    "service_notice": (str,),
    "requested_datetime": (str,),
    "updated_datetime": (str,),
    "expected_datetime": (str, type(None)),
    "address": (str,),
    "address_id": (str,),
    "zipcode": (str,),
    "lat": (float,),
    "long": (float,),
    "media_url": (str,),
}


def _check(row: dict[str, Any], fields: dict[str, Any]) -> None:
    assert set(row) == set(fields)
    for name, types in fields.items():
        assert isinstance(row[name], types), name


def test_services_carry_the_documented_fields_one_per_kind() -> None:
    rows = Client().get(f"{BASE}/services.json").json()
    assert len(rows) == 10
    for row in rows:
        _check(row, SERVICE_FIELDS)
        assert row["type"] in {"realtime", "batch", "blackbox"}


def test_requests_carry_the_documented_fields_and_status_open_or_closed() -> None:
    w = world()
    open_one = barrier_make(w["walk"], w["worker"], notes="Stufe am Eingang")
    closed = barrier_make(w["walk"], w["worker"], kind="poor_light")
    barrier_transition(
        barrier=closed, state=BarrierState.WONT_FIX, actor=w["worker"], note="Privatweg"
    )
    rows = {r["service_request_id"]: r for r in Client().get(f"{BASE}/requests.json").json()}
    for row in rows.values():
        _check(row, REQUEST_FIELDS)
    assert rows[str(open_one.pk)]["status"] == "open"
    assert rows[str(open_one.pk)]["agency_responsible"] == w["fallback"].name
    assert rows[str(closed.pk)]["status"] == "closed"
    assert "Privatweg" in rows[str(closed.pk)]["status_notes"]


def test_requests_filter_by_service_code_status_and_id() -> None:
    w = world()
    step = barrier_make(w["walk"], w["worker"])
    light = barrier_make(w["walk"], w["worker"], kind="poor_light")
    client = Client()
    by_code = client.get(f"{BASE}/requests.json", {"service_code": "poor_light"}).json()
    assert [r["service_request_id"] for r in by_code] == [str(light.pk)]
    assert client.get(f"{BASE}/requests.json", {"status": "closed"}).json() == []
    by_id = client.get(f"{BASE}/requests.json", {"service_request_id": f"{step.pk}"}).json()
    assert [r["service_request_id"] for r in by_id] == [str(step.pk)]
    one = client.get(f"{BASE}/requests/{step.pk}.json").json()
    assert one[0]["service_code"] == "step"


def test_bad_filters_answer_with_the_specifications_error_list() -> None:
    answer = Client().get(f"{BASE}/requests.json", {"start_date": "gestern"})
    assert answer.status_code == 400
    assert answer.json()[0]["code"] == 400
    assert "start_date" in answer.json()[0]["description"]
    missing = Client().get(f"{BASE}/requests/999999.json")
    assert missing.status_code == 404 and missing.json()[0]["code"] == 404


def test_the_request_list_reads_a_fixed_number_of_queries(
    django_assert_max_num_queries: Any,
) -> None:
    w = world()
    for _ in range(5):
        barrier_make(w["walk"], w["worker"])
    with django_assert_max_num_queries(3):
        rows = Client().get(f"{BASE}/requests.json").json()
    assert len(rows) == 5


def test_posting_needs_a_signed_in_user() -> None:
    world()
    answer = Client().post(
        f"{BASE}/requests.json", {"service_code": "step", "lat": 54.79, "long": 9.43}
    )
    assert answer.status_code == 401
    assert not Barrier.objects.exists()


def test_a_signed_in_user_posts_a_request_that_is_routed() -> None:
    w = world()
    client = signed_in_client(w["worker"])
    answer = client.post(
        f"{BASE}/requests.json",
        {
            "service_code": "obstacle",
            "lat": 54.791,
            "long": 9.431,
            "description": "Baustellenzaun",
            "email": "x@example.org",
        },
    )
    assert answer.status_code == 201, answer.content
    created = answer.json()[0]
    barrier = Barrier.objects.get(pk=int(created["service_request_id"]))
    assert barrier.office == w["fallback"]
    assert barrier.reporter == w["worker"]
    assert barrier.notes == "Baustellenzaun"
    assert barrier.district == w["district"]


def test_posting_an_unknown_service_code_names_the_field() -> None:
    w = world()
    answer = signed_in_client(w["worker"]).post(
        f"{BASE}/requests.json", {"service_code": "pothole", "lat": 54.79, "long": 9.43}
    )
    assert answer.status_code == 400
    assert "service_code" in answer.json()[0]["description"]
    assert not Barrier.objects.exists()
