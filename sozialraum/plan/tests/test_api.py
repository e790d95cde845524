"""The plan API: the plan document, a person's referrals and the due follow-ups, each
read through the access helper."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from sozialraum.accounts.tests.factories import signed_in_client, user_with_role
from sozialraum.audit.models import AccessLogEntry
from sozialraum.audit.purposes import Purpose
from sozialraum.lib.access import Role
from sozialraum.plan.models import Referral
from sozialraum.plan.services import plan_finalise

from .factories import goal_make, person_make, quartier_entry, referral_make, worker_of

pytestmark = pytest.mark.django_db


def test_the_plan_endpoint_returns_the_final_version_and_logs_the_read() -> None:
    person = person_make()
    user = worker_of(person)
    quartier_entry(goal_make(person, text="Tanzen gehen"))
    plan_finalise(person=person, user=user)
    response = signed_in_client(user).get(f"/api/v1/plans/{person.pk}")
    assert response.status_code == 200
    body = response.json()
    assert [v["status"] for v in body["versions"]] == ["final"]
    assert body["document"]["goals"][0]["text"] == "Tanzen gehen"
    assert AccessLogEntry.objects.filter(person=person, purpose=Purpose.PLAN, user=user).exists()


def test_a_worker_of_another_organisation_gets_403_from_the_plan_endpoint() -> None:
    person = person_make()
    response = signed_in_client(user_with_role(Role.WORKER)).get(f"/api/v1/plans/{person.pk}")
    assert response.status_code == 403


def test_the_referrals_endpoint_lists_the_persons_referrals() -> None:
    person = person_make()
    user = worker_of(person)
    referral = referral_make(person, goal_make(person), user)
    response = signed_in_client(user).get(f"/api/v1/plans/{person.pk}/referrals")
    assert [r["id"] for r in response.json()] == [referral.pk]
    assert response.json()[0]["state"] == "suggested"


def test_the_due_follow_ups_endpoint_stays_within_a_query_budget() -> None:
    person = person_make()
    user = worker_of(person)
    goal = goal_make(person)
    for _ in range(3):
        referral = referral_make(person, goal, user)
    Referral.objects.update(follow_up_on=timezone.localdate())
    client = signed_in_client(user)
    client.get("/api/v1/plans/referrals/due")
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/api/v1/plans/referrals/due")
    assert len(response.json()) == 3
    assert referral.pk in [r["id"] for r in response.json()]
    assert len(queries) <= 10
