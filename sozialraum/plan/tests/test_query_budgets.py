"""Query budgets of the plan's lists: a person's referrals (API) and the person page with
its referrals and follow-ups stay within their budgets however many there are (each
access-log write reads the hash chain's head once)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from sozialraum.accounts.tests.factories import signed_in_client
from sozialraum.plan.models import Referral, ReferralState
from sozialraum.plan.selectors import due_follow_ups
from sozialraum.plan.services import referral_move

from .factories import goal_make, person_make, referral_make, worker_of

pytestmark = pytest.mark.django_db

REFERRALS = 8


def test_a_persons_referrals_endpoint_stays_within_its_query_budget(
    django_assert_max_num_queries: Any,
) -> None:
    person = person_make()
    user = worker_of(person)
    goal = goal_make(person)
    referrals = [referral_make(person, goal, user) for _ in range(REFERRALS)]
    client = signed_in_client(user)
    with django_assert_max_num_queries(12):
        response = client.get(f"/api/v1/plans/{person.pk}/referrals")
    assert response.status_code == 200
    assert sorted(r["id"] for r in response.json()) == sorted(r.pk for r in referrals)


def test_the_person_page_stays_within_its_query_budget(
    django_assert_max_num_queries: Any,
) -> None:
    person = person_make()
    user = worker_of(person)
    goal = goal_make(person)
    for _ in range(REFERRALS):
        referral_make(person, goal, user)
    client = signed_in_client(user)
    # 16, and one for the early-warning section of the person page.
    with django_assert_max_num_queries(17):
        response = client.get(reverse("casework:person", kwargs={"pk": person.pk}))
    assert response.status_code == 200


def _tables_read(queries: Any) -> list[str]:
    """The first table each captured statement reads from (``FROM "table"`` or
    ``FROM table``), in order."""
    tables = []
    for query in queries:
        sql = query["sql"].replace('"', "")
        if " FROM " in sql:
            tables.append(sql.split(" FROM ", 1)[1].split()[0])
    return tables


def test_a_signed_in_request_reads_session_user_device_and_memberships_once_each() -> None:
    """The fixed cost of every signed-in request: one read each of the session, the user,
    the verified device and the memberships (roles and case-work organisations from the
    same rows); the due list with nothing due is one more read and nothing else."""
    user = worker_of(person_make())
    client = signed_in_client(user)
    client.get("/api/v1/plans/referrals/due")  # the first request also stamps the session
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/api/v1/plans/referrals/due")
    assert response.json() == []
    assert _tables_read(queries.captured_queries) == [
        "django_session",
        "accounts_user",
        "otp_totp_totpdevice",
        "accounts_membership",
        Referral._meta.db_table,
    ]


def test_the_due_follow_ups_endpoint_needs_the_same_queries_for_one_and_many_due() -> None:
    person = person_make()
    user = worker_of(person)
    goal = goal_make(person)
    referral_make(person, goal, user)
    Referral.objects.update(follow_up_on=timezone.localdate())
    client = signed_in_client(user)
    client.get("/api/v1/plans/referrals/due")
    with CaptureQueriesContext(connection) as one:
        assert len(client.get("/api/v1/plans/referrals/due").json()) == 1
    for _more in range(REFERRALS):
        referral_make(person_make(organisation=person.organisation), goal, user)
    Referral.objects.update(follow_up_on=timezone.localdate())
    with CaptureQueriesContext(connection) as many:
        assert len(client.get("/api/v1/plans/referrals/due").json()) == 1 + REFERRALS
    assert len(many) == len(one) <= 9  # 4 per signed-in request, 3 for the list, 2 the log


def test_a_worker_with_only_ended_later_or_others_referrals_has_none_due_after_one_query(
    django_assert_num_queries: Any,
) -> None:
    person = person_make()
    user = worker_of(person)
    goal = goal_make(person)
    today = timezone.localdate()
    later = referral_make(person, goal, user)
    ended = referral_make(person, goal, user)
    referral_move(referral=ended, state=ReferralState.NOT_SUITABLE, user=user, reason="full")
    referral_make(person, goal, worker_of(person))
    Referral.objects.exclude(pk=later.pk).update(follow_up_on=today)
    Referral.objects.filter(pk=later.pk).update(follow_up_on=today + dt.timedelta(days=1))

    with django_assert_num_queries(1):
        assert list(due_follow_ups(user, today=today)) == []
    Referral.objects.filter(pk=later.pk).update(follow_up_on=today)
    assert list(due_follow_ups(user, today=today)) == [later]
