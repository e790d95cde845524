"""Weg-Weisung: offers ranked for a person, the referral's states, planning data from
referrals that end without an offer in use, due follow-ups and what providers see."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from sozialraum.accounts.tests.factories import user_with_role
from sozialraum.audit.models import AccessLogEntry
from sozialraum.audit.purposes import Purpose
from sozialraum.casework.tests.factories import ConsentFactory
from sozialraum.directory.models import Category
from sozialraum.directory.tests._pages import offer_make
from sozialraum.districts.tests.factories import DistrictFactory
from sozialraum.lib.access import Role
from sozialraum.plan.models import GapReason, ReferralGap, ReferralState
from sozialraum.plan.selectors import (
    PersonSearch,
    due_follow_ups,
    offers_for_person,
    referrals_for_provider,
)
from sozialraum.plan.services import referral_move, referral_nothing_found

from .factories import goal_make, person_make, referral_make, worker_of

pytestmark = pytest.mark.django_db


def test_offers_are_ranked_for_the_person_nearest_first_within_the_radius() -> None:
    person = person_make(latitude=54.79, longitude=9.43)
    near = offer_make("Treff am Hafen", latitude=54.7905, longitude=9.4305)
    further = offer_make("Treff Nordstadt", latitude=54.80, longitude=9.44)
    offer_make("Treff in Kiel", latitude=54.32, longitude=10.13)

    result = offers_for_person(person, PersonSearch(text="Treff", radius_m=5000))
    assert [hit.offer for hit in result.hits] == [near, further]


def test_the_persons_accessibility_needs_filter_the_offers() -> None:
    person = person_make(accessibility_needs=["hearing_loop"])
    offer_make("Treff ohne Ringschleife")

    result = offers_for_person(person, PersonSearch(needs=frozenset(person.accessibility_needs)))
    assert result.total == 0


def test_a_referral_moves_forward_until_in_use() -> None:
    person = person_make()
    user = worker_of(person)
    referral = referral_make(person, goal_make(person), user)
    for state in (ReferralState.CONTACTED, ReferralState.FIRST_VISIT, ReferralState.IN_USE):
        referral_move(referral=referral, state=state, user=user)
    referral.refresh_from_db()
    assert referral.state == ReferralState.IN_USE
    assert list(referral.events.values_list("state", flat=True)) == [
        "suggested",
        "contacted",
        "first_visit",
        "in_use",
    ]
    assert not ReferralGap.objects.exists()


def test_a_referral_cannot_skip_back() -> None:
    person = person_make()
    user = worker_of(person)
    referral = referral_make(person, goal_make(person), user)
    referral_move(referral=referral, state=ReferralState.CONTACTED, user=user)
    with pytest.raises(ValidationError) as refused:
        referral_move(referral=referral, state=ReferralState.SUGGESTED, user=user)
    assert "state" in refused.value.message_dict


def test_not_suitable_needs_a_reason() -> None:
    person = person_make()
    user = worker_of(person)
    referral = referral_make(person, goal_make(person), user)
    with pytest.raises(ValidationError) as refused:
        referral_move(referral=referral, state=ReferralState.NOT_SUITABLE, user=user)
    assert "reason" in refused.value.message_dict
    referral.refresh_from_db()
    assert referral.state == ReferralState.SUGGESTED


def test_not_suitable_becomes_anonymous_planning_data() -> None:
    district = DistrictFactory.create()
    person = person_make(district=district)
    user = worker_of(person)
    referral = referral_make(person, goal_make(person, code="d7"), user)
    referral_move(
        referral=referral, state=ReferralState.NOT_SUITABLE, user=user, reason=GapReason.TOO_FAR
    )

    gap = ReferralGap.objects.get()
    assert gap.category is not None
    assert (gap.district, gap.category.code, gap.life_area) == (district, "lunch_table", "d7")
    assert (gap.outcome, gap.reason) == (ReferralState.NOT_SUITABLE, GapReason.TOO_FAR)
    assert gap.month == timezone.localdate().replace(day=1)
    fields = {field.name for field in ReferralGap._meta.get_fields()}
    assert not fields & {"person", "offer", "goal", "note", "text", "user"}
    referral.refresh_from_db()
    assert referral.follow_up_on is None, "an ended referral needs no follow-up"


def test_nothing_found_is_recorded_and_becomes_planning_data() -> None:
    person = person_make()
    category, _created = Category.objects.get_or_create(
        code="meeting_place", defaults={"name": "Treff"}
    )
    referral = referral_nothing_found(
        person=person,
        goal=goal_make(person),
        user=worker_of(person),
        reason=GapReason.NO_OFFER,
        category=category,
    )
    assert referral.state == ReferralState.NOTHING_FOUND
    assert referral.offer is None
    gap = ReferralGap.objects.get()
    assert (gap.category, gap.outcome, gap.reason) == (category, "nothing_found", "no_offer")


def test_due_follow_ups_list_the_workers_running_referrals_whose_date_came() -> None:
    person = person_make()
    user = worker_of(person)
    goal = goal_make(person)
    today = timezone.localdate()
    due = referral_make(person, goal, user)
    due.follow_up_on = today - dt.timedelta(days=1)
    due.save()
    later = referral_make(person, goal, user)
    assert later.follow_up_on is not None
    assert later.follow_up_on > today
    ended = referral_make(person, goal, user)
    referral_move(
        referral=ended, state=ReferralState.NOT_SUITABLE, user=user, reason=GapReason.FULL
    )
    referral_make(person, goal, worker_of(person))

    assert list(due_follow_ups(user, today=today)) == [due]


def _provider_setup() -> tuple[Any, Any, Any]:
    person = person_make(phone="0461 12345")
    worker = worker_of(person)
    referral = referral_make(person, goal_make(person), worker)
    assert referral.offer is not None
    editor = user_with_role(Role.PROVIDER_EDITOR, referral.offer.provider)
    return person, referral, editor


def test_a_provider_does_not_see_a_referral_without_consent() -> None:
    person, referral, editor = _provider_setup()
    ConsentFactory.create(
        person=person, purpose=Purpose.PLAN, shared_with_organisation=referral.offer.provider
    )
    assert referrals_for_provider(editor) == []


def test_a_provider_sees_a_referral_with_a_live_referral_consent_and_it_is_logged() -> None:
    person, referral, editor = _provider_setup()
    consent = ConsentFactory.create(
        person=person, purpose=Purpose.REFERRAL, shared_with_organisation=referral.offer.provider
    )
    assert referrals_for_provider(editor) == [referral]
    assert AccessLogEntry.objects.filter(
        user=editor, person=person, purpose=Purpose.REFERRAL, granted=True
    ).exists()

    consent.withdrawn_at = timezone.now()
    consent.save()
    assert referrals_for_provider(editor) == [], "withdrawal takes effect at once"


def test_a_consent_for_another_organisation_shows_nothing_to_this_provider() -> None:
    person, _referral, editor = _provider_setup()
    ConsentFactory.create(
        person=person,
        purpose=Purpose.REFERRAL,
        shared_with_organisation=user_with_role(Role.WORKER).memberships.get().organisation,
    )
    assert referrals_for_provider(editor) == []
