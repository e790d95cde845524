"""Query budgets of the plan's lists: a person's referrals (API) and the person page with
its referrals and follow-ups stay within their budgets however many there are (each
access-log write reads the hash chain's head once)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from sozialraum.accounts.tests.factories import signed_in_client

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
    with django_assert_max_num_queries(16):
        response = client.get(reverse("casework:person", kwargs={"pk": person.pk}))
    assert response.status_code == 200
