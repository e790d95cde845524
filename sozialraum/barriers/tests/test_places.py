"""A barrier at an offer's place changes the place's accessibility with the walk as
source; the provider confirms or rejects; the offer page shows it."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sozialraum.barriers.models import BarrierState, PlaceReport, ReportStatus
from sozialraum.barriers.places import places_near, report_review
from sozialraum.barriers.services import barrier_transition
from sozialraum.directory.models import Place
from sozialraum.directory.tests._pages import offer_make

from .factories import barrier_make, world

pytestmark = pytest.mark.django_db

AT_PLACE = (54.79, 9.43)
#: About 60 m north of the place: not at it.
FURTHER = (54.79054, 9.43)


def _place() -> Place:
    return offer_make(latitude=AT_PLACE[0], longitude=AT_PLACE[1]).places.get()


def test_only_places_within_30_metres_are_near() -> None:
    place = _place()
    assert places_near(54.79015, 9.43) == [place]
    assert places_near(*FURTHER) == []


def test_a_step_at_the_place_makes_its_entrance_not_step_free_pending_review() -> None:
    w = world()
    place = _place()
    barrier_make(w["walk"], w["worker"], kind="step", height_cm=12, position=AT_PLACE)
    place.refresh_from_db()
    assert place.step_free_entrance is False
    assert place.wheelchair == "limited"
    reports = PlaceReport.objects.filter(place=place)
    assert {r.field: r.previous for r in reports} == {
        "step_free_entrance": None,
        "wheelchair": "yes",
    }
    assert {r.status for r in reports} == {ReportStatus.PENDING}


def test_a_barrier_further_away_leaves_the_place_alone() -> None:
    w = world()
    place = _place()
    barrier_make(w["walk"], w["worker"], kind="step", position=FURTHER)
    place.refresh_from_db()
    assert place.step_free_entrance is None
    assert not PlaceReport.objects.exists()


def test_a_lowered_kerb_is_no_barrier_for_the_place() -> None:
    w = world()
    place = _place()
    barrier_make(w["walk"], w["worker"], kind="kerb", kerb_shape="lowered", position=AT_PLACE)
    place.refresh_from_db()
    assert place.step_free_entrance is None


def test_fixing_the_barrier_makes_the_entrance_step_free_and_restores_wheelchair() -> None:
    w = world()
    place = _place()
    barrier = barrier_make(w["walk"], w["worker"], kind="step", position=AT_PLACE)
    barrier_transition(barrier=barrier, state=BarrierState.ACKNOWLEDGED, actor=w["worker"])
    barrier_transition(barrier=barrier, state=BarrierState.FIXED, actor=w["worker"])
    place.refresh_from_db()
    assert place.step_free_entrance is True
    assert place.wheelchair == "yes"


def test_the_provider_rejecting_a_report_puts_the_fact_back() -> None:
    w = world()
    place = _place()
    barrier_make(w["walk"], w["worker"], kind="no_accessible_toilet", position=AT_PLACE)
    report = PlaceReport.objects.get(place=place)
    report_review(report, user=w["worker"], accept=False)
    place.refresh_from_db()
    assert place.accessible_toilet is True
    assert PlaceReport.objects.get().status == ReportStatus.REJECTED


def test_the_offer_page_shows_the_walks_report_and_the_changed_fact() -> None:
    from django.test import Client

    w = world()
    offer = offer_make(latitude=AT_PLACE[0], longitude=AT_PLACE[1])
    barrier_make(w["walk"], w["worker"], kind="no_hearing_loop", position=AT_PLACE)
    page = Client().get(reverse("directory:detail", kwargs={"pk": offer.pk}))
    text = page.content.decode()
    assert "gemeldet von einer Sozialraumbegehung" in text
    assert "vom Träger noch nicht bestätigt" in text
