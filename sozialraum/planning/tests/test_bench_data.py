"""The planning benchmark's generator (``bench/planning_data.py``) builds a consistent
city, so the benchmark does not rot between its (rare, long) runs."""

from __future__ import annotations

import pytest
from django.db.models import Count, F

from bench.planning_data import generate
from sozialraum.casework.models import Person
from sozialraum.districts.models import District
from sozialraum.plan.models import Goal, Referral, SelfRating
from sozialraum.planning import figures
from sozialraum.planning.figures.supply import OFFERS, RESIDENTS

pytestmark = pytest.mark.django_db


def test_a_tiny_city_is_consistent() -> None:
    generated = generate(scale=0.001)
    counts = generated.counts
    assert (counts["districts"], counts["persons"], counts["offers"]) == (1, 20, 5)
    assert counts["search_misses"] == 50 and counts["residents"] == 250
    children = District.objects.filter(parent=generated.city).values_list("pk", flat=True)
    assert set(children) == {d.pk for d in generated.districts}
    # Every person lives in one of the city's districts, has goals and two self-ratings;
    # every referral belongs to its goal's person.
    assert not Person.objects.exclude(district__parent=generated.city).exists()
    assert Goal.objects.values("person").distinct().count() == 20
    ratings = SelfRating.objects.values("person").annotate(n=Count("pk"))
    assert {row["n"] for row in ratings} == {2}
    assert not Referral.objects.exclude(person=F("goal__person")).exists()


def test_the_dashboard_reads_the_generated_city() -> None:
    generated = generate(scale=0.001)
    area = figures.area_load(city="benchstadt")
    assert area is not None and area.rows == [generated.districts[0].pk]
    board = figures.dashboard(area)
    by_key = {figure.key: figure for figure in board.figures}
    residents = by_key["demography"].cell(figures.CITY, RESIDENTS)
    assert residents is not None and residents.value == 250
    offers = by_key["offer_rates"].cell(figures.CITY, OFFERS)
    assert offers is not None and offers.value == 5
