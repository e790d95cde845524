"""Routing, states, reopening, deadlines and follow-ups of barriers."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from sozialraum.barriers.models import BarrierEvent, BarrierState, FollowUp
from sozialraum.barriers.services import (
    barrier_reopen,
    barrier_transition,
    follow_up_answer,
    follow_ups_queue,
    office_for,
)
from sozialraum.directory.tests.factories import square_district

from .factories import barrier_make, district_make, office_make, rule_make, world

pytestmark = pytest.mark.django_db


def test_a_barrier_goes_to_the_office_of_the_rule_for_its_kind_and_district() -> None:
    w = world()
    toilets = office_make("Gebäudemanagement")
    kerbs_here = office_make("Tiefbau Altstadt")
    kerbs_anywhere = office_make("Tiefbauamt")
    rule_make("kerb", kerbs_anywhere)
    rule_make("kerb", kerbs_here, w["district"])
    rule_make("no_accessible_toilet", toilets)
    assert (
        barrier_make(w["walk"], w["worker"], kind="kerb", kerb_shape="raised").office == kerbs_here
    )
    assert barrier_make(w["walk"], w["worker"], kind="no_accessible_toilet").office == toilets
    assert barrier_make(w["walk"], w["worker"], kind="poor_light").office == w["fallback"]


def test_a_rule_for_any_district_applies_where_the_district_has_none() -> None:
    w = world()
    elsewhere = square_district(9.5, 54.8, size=0.01, name="Mürwik")
    kerbs_here = office_make("Tiefbau Altstadt")
    kerbs_anywhere = office_make("Tiefbauamt")
    rule_make("kerb", kerbs_here, w["district"])
    rule_make("kerb", kerbs_anywhere)
    assert office_for(kind="kerb", district=elsewhere) == kerbs_anywhere


def test_a_rule_for_a_parent_district_applies_to_its_parts() -> None:
    city = square_district(9.3, 54.7, size=0.3, name="Flensburg", kind="city")
    part = district_make(name="Altstadt", parent=city)
    office_make("Bürgerbüro", fallback=True)
    city_office = office_make("Stadt Flensburg")
    rule_make("step", city_office, city)
    assert office_for(kind="step", district=part) == city_office


def test_without_rule_and_fallback_recording_names_the_missing_office() -> None:
    district = district_make()
    with pytest.raises(ValidationError, match="Auffangstelle"):
        office_for(kind="step", district=district)


def test_states_follow_their_order_and_wont_fix_needs_a_reason() -> None:
    w = world()
    barrier = barrier_make(w["walk"], w["worker"])
    with pytest.raises(ValidationError):
        barrier_transition(barrier=barrier, state=BarrierState.FIXED, actor=w["worker"])
    with pytest.raises(ValidationError):
        barrier_transition(barrier=barrier, state=BarrierState.WONT_FIX, actor=w["worker"])
    barrier = barrier_transition(
        barrier=barrier, state=BarrierState.WONT_FIX, actor=w["worker"], note="Denkmalschutz"
    )
    assert barrier.state == BarrierState.WONT_FIX
    assert barrier.state_reason == "Denkmalschutz"
    assert list(barrier.events.values_list("state", flat=True)) == ["open", "wont_fix"]


def test_a_fixed_barrier_reopened_goes_back_to_the_office() -> None:
    w = world()
    kerbs = office_make("Tiefbauamt")
    rule_make("step", kerbs)
    barrier = barrier_make(w["walk"], w["worker"])
    for state in (BarrierState.ACKNOWLEDGED, BarrierState.FIXED):
        barrier = barrier_transition(barrier=barrier, state=state, actor=w["worker"])
    # The office itself was moved to another since; the rule in force decides.
    roads = office_make("Straßenbau")
    kerbs.rules.update(office=roads)
    barrier = barrier_reopen(barrier=barrier, actor=w["worker"], note="Die Stufe ist noch da")
    assert barrier.state == BarrierState.OPEN
    assert barrier.office == roads
    last = BarrierEvent.objects.filter(barrier=barrier).last()
    assert last is not None and last.office == roads and "Stufe" in last.note
    assert not barrier.follow_ups.filter(answered_at__isnull=True).exists()


def test_only_a_closed_barrier_can_be_reopened() -> None:
    w = world()
    barrier = barrier_make(w["walk"], w["worker"])
    with pytest.raises(ValidationError):
        barrier_reopen(barrier=barrier, actor=w["worker"], note="x")


def test_a_barrier_is_overdue_once_its_states_deadline_has_passed() -> None:
    w = world()
    barrier = barrier_make(w["walk"], w["worker"])
    now = timezone.now()
    assert not barrier.is_overdue(now)
    assert barrier.is_overdue(now + dt.timedelta(days=w["fallback"].days_open + 1))
    barrier = barrier_transition(
        barrier=barrier, state=BarrierState.ACKNOWLEDGED, actor=w["worker"]
    )
    assert not barrier.is_overdue(now + dt.timedelta(days=w["fallback"].days_open + 1))
    assert barrier.is_overdue(now + dt.timedelta(days=w["fallback"].days_acknowledged + 1))
    barrier = barrier_transition(barrier=barrier, state=BarrierState.FIXED, actor=w["worker"])
    assert not barrier.is_overdue(now + dt.timedelta(days=3650))


def test_the_reporter_is_asked_weeks_after_fixed_and_no_reopens() -> None:
    w = world()
    barrier = barrier_make(w["walk"], w["worker"])
    barrier_transition(barrier=barrier, state=BarrierState.ACKNOWLEDGED, actor=w["worker"])
    barrier_transition(barrier=barrier, state=BarrierState.FIXED, actor=w["worker"])
    question = FollowUp.objects.get(barrier=barrier)
    assert question.asked == w["worker"]
    assert follow_ups_queue(today=question.due_on - dt.timedelta(days=1)) == []
    assert follow_ups_queue(today=question.due_on) == [question]
    assert follow_ups_queue(today=question.due_on) == []
    follow_up_answer(follow_up=question, still_fixed=False, comment="Noch da")
    barrier.refresh_from_db()
    assert barrier.state == BarrierState.OPEN
    with pytest.raises(ValidationError):
        follow_up_answer(follow_up=question, still_fixed=True, comment="")


def test_a_reporter_who_confirms_leaves_the_barrier_fixed() -> None:
    w = world()
    barrier = barrier_make(w["walk"], w["worker"])
    barrier_transition(barrier=barrier, state=BarrierState.ACKNOWLEDGED, actor=w["worker"])
    barrier_transition(barrier=barrier, state=BarrierState.FIXED, actor=w["worker"])
    follow_up_answer(follow_up=FollowUp.objects.get(barrier=barrier), still_fixed=True, comment="")
    barrier.refresh_from_db()
    assert barrier.state == BarrierState.FIXED
