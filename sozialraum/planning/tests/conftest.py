"""A small hand-computed city for the dashboard's tests: Teststadt with the districts
Altstadt (with the quarter Altstadt-Nord) and Berg, their residents, offers, persons
in case work and what residents asked for. Every expected figure in the tests is
worked out by hand from what is created here."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import timezone

from sozialraum.accounts.tests.factories import user_with_role
from sozialraum.civic.models import Idea, IdeaState, Support
from sozialraum.directory.models import Category, Offer, Place, SearchMiss, Wheelchair
from sozialraum.directory.tests.factories import CategoryFactory, OfferFactory, square_district
from sozialraum.districts.models import District, DistrictKind
from sozialraum.districts.tests.factories import DistrictFactory, add_population
from sozialraum.lib.access import Role
from sozialraum.neighbourhood.tests.factories import group_make, match_make, member_make, post_make
from sozialraum.plan.models import GapReason, ReferralGap, ReferralState
from sozialraum.plan.tests.factories import goal_make, person_make, referral_make, worker_of


@dataclass
class SmallCity:
    city: District
    altstadt: District
    nord: District
    berg: District
    meeting: Category
    lunch: Category


def _place(district: District, lat: float, lon: float, **facts: object) -> Place:
    return Place.objects.create(
        name=f"Ort in {district.name}", district=district, latitude=lat, longitude=lon, **facts
    )


def _offer(categories: list[Category], places: list[Place], confirmed: dt.datetime | None) -> Offer:
    offer = OfferFactory.create(last_confirmed_at=confirmed)
    offer.categories.set(categories)
    offer.places.set(places)
    return offer


@pytest.fixture
def small_city(db: None, settings: Any) -> SmallCity:
    settings.DISCLOSURE_MIN_COUNT = 3
    city = DistrictFactory.create(name="Teststadt", slug="teststadt", kind=DistrictKind.CITY)
    # Altstadt: lon 9.40-9.41, lat 54.78-54.79, centre (54.785, 9.405); Berg east of it.
    altstadt = square_district(9.40, 54.78, name="Altstadt", slug="altstadt", parent=city)
    berg = square_district(9.42, 54.78, name="Berg", slug="berg", parent=city)
    nord = DistrictFactory.create(
        name="Altstadt-Nord", slug="altstadt-nord", kind=DistrictKind.QUARTER, parent=altstadt
    )
    add_population(
        altstadt, {2021: {(0, None): 2000, (0, 65): 1500, (65, 80): 400, (80, None): 100}}
    )
    add_population(berg, {2021: {(0, None): 1000, (0, 65): 700, (65, 80): 200, (80, None): 100}})
    meeting = CategoryFactory.create(code="treff", name="Treffpunkt")
    lunch = CategoryFactory.create(code="mittag", name="Mittagstisch")
    now = timezone.now()
    # O1: meeting place at Altstadt's centre, step-free, confirmed.
    _offer([meeting], [_place(altstadt, 54.785, 9.405, step_free_entrance=True)], now)
    # O2: both categories; a place in the quarter (counts in Altstadt; about 580 m from
    # the centre) and a wheelchair-accessible one in Berg (about 510 m from its centre);
    # never confirmed.
    _offer(
        [meeting, lunch],
        [_place(nord, 54.7805, 9.4005), _place(berg, 54.789, 9.429, wheelchair=Wheelchair.YES)],
        None,
    )
    # O3: lunch table near Berg's centre, confirmed two years ago.
    _offer([lunch], [_place(berg, 54.785, 9.426)], now - dt.timedelta(days=730))
    return SmallCity(city, altstadt, nord, berg, meeting, lunch)


@pytest.fixture
def casework(small_city: SmallCity) -> SmallCity:
    """Goals and referrals: d9 goals of three persons in Altstadt (one in the quarter)
    and four in Berg, a d5 goal of one more person in Altstadt; suggested referrals of
    those three Altstadt persons and of one Berg person."""
    altstadt = [
        person_make(district=d) for d in (small_city.altstadt, small_city.altstadt, small_city.nord)
    ]
    berg = [person_make(district=small_city.berg) for _ in range(4)]
    worker = worker_of(altstadt[0])
    for person in altstadt:
        goal = goal_make(person)
        referral_make(person, goal, worker)
    for index, person in enumerate(berg):
        goal = goal_make(person)
        if index == 0:
            referral_make(person, goal, worker)
    goal_make(person_make(district=small_city.altstadt), code="d5")
    for reason in (GapReason.TOO_FAR, GapReason.TOO_FAR, GapReason.TOO_FAR, GapReason.FULL):
        ReferralGap.objects.create(
            district=small_city.berg,
            outcome=ReferralState.NOTHING_FOUND,
            reason=reason,
            month=dt.date(2026, 11, 1),
        )
    return small_city


@pytest.fixture
def residents(small_city: SmallCity) -> SmallCity:
    """Searches, ideas, help requests: three searches for lunch tables and one of words
    only in Altstadt; three ideas in Berg with four supports; in Altstadt three members
    asking for help, one of whom was answered."""
    for _ in range(3):
        SearchMiss.objects.create(
            district=small_city.nord, query_text="essen", filters={"categories": ["mittag"]}
        )
    SearchMiss.objects.create(district=small_city.altstadt, query_text="skat")
    state = IdeaState.objects.get(initial=True)
    ideas = [
        Idea.objects.create(
            district=small_city.berg,
            title=f"Bank {n} (fiktiv)",
            text="Zum Ausruhen.",
            category="seating",
            latitude=54.785,
            longitude=9.425,
            state=state,
        )
        for n in range(3)
    ]
    supporters = [user_with_role(Role.RESIDENT) for _ in range(4)]
    for user in supporters:
        Support.objects.create(idea=ideas[0], user=user)
    group = group_make()
    members = [member_make(group, district=small_city.altstadt) for _ in range(3)]
    posts = [post_make(member) for member in members]
    match_make(posts[0], member_make(group, district=small_city.berg))
    return small_city
