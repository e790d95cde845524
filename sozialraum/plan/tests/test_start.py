"""Case work's and the plan's sections of the start page: a worker's persons, due
follow-ups and reviews coming up; the referrals shared with a provider editor."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django import DjangoAssertNumQueries

from sozialraum.accounts.tests.factories import signed_in_client, user_with_role
from sozialraum.audit.models import AccessLogEntry
from sozialraum.audit.purposes import Purpose
from sozialraum.casework.tests.factories import ConsentFactory
from sozialraum.directory.tests._pages import offer_make
from sozialraum.lib.access import Role
from sozialraum.plan.services import plan_review_date_set, review_record
from sozialraum.plan.start import reviews_coming_up
from sozialraum.plan.tests.factories import (
    goal_make,
    person_make,
    referral_make,
    worker_of,
)

pytestmark = pytest.mark.django_db

START = reverse("start")


def test_a_worker_sees_persons_due_follow_ups_and_reviews_coming_up() -> None:
    person = person_make(name="Erika Muster")
    worker = worker_of(person)
    referral = referral_make(person, goal_make(person), worker)
    referral.follow_up_on = timezone.localdate() - dt.timedelta(days=1)
    referral.save()
    plan_review_date_set(person=person, review_on=timezone.localdate() + dt.timedelta(days=3))

    response = signed_in_client(worker).get(START)
    content = response.content.decode()

    keys = [rendered.section.key for rendered in response.context["sections"]]
    # Sections of the district team's apps stand between and after these two.
    assert [key for key in keys if key in {"work_due", "persons"}] == ["work_due", "persons"]
    assert {"team_work", "barriers"} <= set(keys)
    assert reverse("plan:referral", args=[person.pk, referral.pk]) in content
    assert reverse("plan:plan", args=[person.pk]) in content
    assert reverse("casework:person", args=[person.pk]) in content
    assert AccessLogEntry.objects.filter(user=worker, purpose=Purpose.PLAN).exists()


def test_a_review_far_ahead_or_already_held_is_not_coming_up() -> None:
    person = person_make()
    worker = worker_of(person)
    today = timezone.localdate()
    plan_review_date_set(person=person, review_on=today + dt.timedelta(days=30))
    assert list(reviews_coming_up(worker, today=today)) == []

    plan_review_date_set(person=person, review_on=today)
    assert [v.plan.person for v in reviews_coming_up(worker, today=today)] == [person]

    review_record(
        person=person,
        held_on=today,
        what_happened={},
        life_satisfaction=5,
        participation={},
        user=worker,
    )
    assert list(reviews_coming_up(worker, today=today)) == []


def test_a_provider_editor_sees_only_referrals_shared_by_consent() -> None:
    shared, private = person_make(name="Geteilte Person"), person_make(name="Private Person")
    editor = user_with_role(Role.PROVIDER_EDITOR)
    offer = offer_make(provider=editor.memberships.get().organisation)
    for person in (shared, private):
        referral_make(person, goal_make(person), worker_of(person), offer=offer)
    ConsentFactory.create(
        person=shared, purpose=Purpose.REFERRAL, shared_with_organisation=offer.provider
    )

    content = signed_in_client(editor).get(START).content.decode()

    assert "Geteilte Person" in content
    assert "Private Person" not in content


def test_the_worker_sections_read_a_bounded_number_of_queries(
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    first = person_make()
    worker = worker_of(first)
    for _number in range(10):
        person = person_make(organisation=first.organisation)
        referral = referral_make(person, goal_make(person), worker)
        referral.follow_up_on = timezone.localdate()
        referral.save()
        plan_review_date_set(person=person, review_on=timezone.localdate())
    client = signed_in_client(worker)

    # 20, and four for the team-work and early-warning sections and the barriers section
    # (its open questions and the districts of the organisation's walks), and one for the
    # planning section (measures in the user's teams' districts).
    with django_assert_max_num_queries(25):
        assert client.get(START).status_code == 200
