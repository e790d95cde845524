"""The figures over time on the city and district pages and a measure's effect: per year,
hand-computed on the small city, each cell through disclosure control."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sozialraum.accounts.tests.factories import signed_in_client, user_with_role
from sozialraum.civic.models import Idea, IdeaState
from sozialraum.lib.access import Role
from sozialraum.plan.models import Goal
from sozialraum.planning.figures import CITY, area_load
from sozialraum.planning.figures.demand import ideas_figure
from sozialraum.planning.figures.timeline import (
    GOALS,
    IDEAS,
    OFFER_RATE,
    OFFERS,
    OLDER,
    REFERRALS,
    Timeline,
    timeline,
)
from sozialraum.planning.models import Measure

from .conftest import SmallCity

pytestmark = pytest.mark.django_db


def _values(over_time: Timeline, key: str, row: Any) -> dict[int, Any]:
    figure = over_time.figures[key]
    cells = {year: figure.cell(row, year) for year in over_time.years}
    return {y: "." if c.suppressed else c.value for y, c in cells.items() if c is not None}


@pytest.fixture
def history(casework: SmallCity) -> SmallCity:
    """Berg's four persons set their goals in 2024; Altstadt's four persons in this year
    (three with d9 goals, one with a d5 goal)."""
    Goal.objects.filter(person__district=casework.berg).update(
        created_at=dt.datetime(2024, 5, 1, 12, tzinfo=dt.UTC)
    )
    return casework


def test_the_years_are_those_the_data_holds(history: SmallCity) -> None:
    area = area_load()
    assert area is not None
    over_time = timeline(area)
    now = timezone.localdate().year
    assert over_time.years == (2021, 2024, now)
    altstadt, berg = history.altstadt.pk, history.berg.pk
    assert _values(over_time, GOALS, altstadt) == {2021: 0, 2024: 0, now: 4}
    assert _values(over_time, GOALS, berg) == {2021: 0, 2024: 4, now: 0}
    assert _values(over_time, GOALS, CITY) == {2021: 0, 2024: 4, now: 4}
    # Referrals this year: three persons in Altstadt, one in Berg (withheld, and so is
    # a second cell of the year, else the city's four would give it away).
    referrals = {row: _values(over_time, REFERRALS, row)[now] for row in (altstadt, berg, CITY)}
    assert referrals[berg] == "." and "." in (referrals[altstadt], referrals[CITY])


def test_residents_offers_and_their_rate_per_year(small_city: SmallCity) -> None:
    area = area_load()
    assert area is not None
    over_time = timeline(area)
    now = timezone.localdate().year
    assert over_time.years == (2021, now)
    assert _values(over_time, OLDER, small_city.altstadt.pk) == {2021: 500}
    assert _values(over_time, OLDER, CITY) == {2021: 800}
    # The three offers entered the directory this year; the one in both counts in both.
    assert _values(over_time, OFFERS, CITY) == {2021: 0, now: 4}
    # Offers per 1,000 residents 65+, the latest official figure (2021) standing in.
    assert _values(over_time, OFFER_RATE, small_city.berg.pk) == {
        2021: Decimal("0.0"),
        now: Decimal("6.7"),
    }
    assert _values(over_time, OFFER_RATE, CITY)[now] == Decimal("5.0")


def _row(page: str, title: str) -> str:
    start = page.index(title)
    return page[start : page.index("</tr>", start)]


def test_the_district_page_shows_its_figures_per_year(history: SmallCity) -> None:
    client = signed_in_client(user_with_role(Role.PLANNER))
    page = client.get(reverse("planning:district", args=["berg"])).content.decode()
    assert "Die wichtigsten Zahlen je Jahr: Berg" in page
    cells = _row(page, "Personen mit einem neuen Ziel").split('<td class="num">')[1:]
    assert [cell.strip()[:1] for cell in cells] == ["0", "4", "0"]
    referrals = _row(page, "Personen mit einer neuen Vermittlung")
    assert "<abbr" in referrals  # Berg's single person is withheld


def test_a_measures_effect_shows_its_figures_before_and_after_the_decision(
    history: SmallCity,
) -> None:
    measure = Measure.objects.create(
        title="Treffpunkt Nord (fiktiv)",
        reason="Befunde.",
        owner="Sozialplanung",
        decided_on=dt.date(2025, 3, 1),
        figures=[GOALS],
    )
    measure.districts.set([history.nord])  # a quarter: its district's figures
    page = signed_in_client(user_with_role(Role.PLANNER)).get(measure.get_absolute_url())
    text = page.content.decode()
    effect = text[text.index('id="section-effect"') :]
    assert "Die wichtigsten Zahlen je Jahr: Altstadt" in effect
    assert "Die wichtigsten Zahlen je Jahr: Teststadt, zum Vergleich" in effect
    assert effect.count("vorher") == 2 * 2 and effect.count("nachher") == 2
    goals = _row(effect, "Personen mit einem neuen Ziel")
    assert [c.strip()[:1] for c in goals.split('<td class="num">')[1:]] == ["0", "0", "4"]
    assert "Personen mit einer neuen Vermittlung" not in effect  # not linked


@pytest.mark.parametrize("role", [None, Role.WORKER, Role.RESIDENT])
def test_only_the_planning_office_sees_a_measures_effect(history: SmallCity, role: str) -> None:
    measure = Measure.objects.create(
        title="Treffpunkt Nord (fiktiv)", reason="r", owner="o", figures=[GOALS]
    )
    measure.districts.set([history.altstadt])
    client = signed_in_client(user_with_role(role)) if role else Client()
    page = client.get(measure.get_absolute_url())
    assert page.status_code == 200
    assert 'id="section-effect"' not in page.content.decode()


def test_a_planner_links_a_measure_to_figures_and_unknown_ones_are_refused(
    small_city: SmallCity,
) -> None:
    client = signed_in_client(user_with_role(Role.PLANNER))
    data = {
        "title": "Mittagstisch (fiktiv)",
        "districts": [small_city.berg.pk],
        "reason": "r",
        "owner": "o",
        "status": "decided",
        "decided_on": "2026-01-15",
        "figures": [GOALS, OFFER_RATE],
    }
    assert client.post(reverse("planning:measure_add"), data).status_code == 302
    assert Measure.objects.get().figures == [GOALS, OFFER_RATE]
    response = client.post(reverse("planning:measure_add"), {**data, "figures": ["salary"]})
    assert response.status_code == 200 and Measure.objects.count() == 1
    assert "salary" in response.content.decode()


def test_a_withheld_year_cannot_be_recomputed_from_the_dashboards_all_time_figure(
    small_city: SmallCity,
) -> None:
    """Berg: one idea last year, five this year; the dashboard publishes six for all time,
    so this year's five must be withheld too (else 6 - 5 gives the one away)."""
    state = IdeaState.objects.get(initial=True)
    now = timezone.localdate().year
    for year, count in ((now - 1, 1), (now, 5)):
        for n in range(count):
            Idea.objects.create(
                district=small_city.berg,
                title=f"Bank {year}-{n} (fiktiv)",
                text="Zum Ausruhen.",
                category="seating",
                latitude=54.785,
                longitude=9.425,
                state=state,
                created_at=dt.datetime(year, 3, 1, 12, tzinfo=dt.UTC),
            )
    area = area_load()
    assert area is not None
    ideas = _values(timeline(area), IDEAS, small_city.berg.pk)
    assert ideas[now - 1] == "." and ideas[now] == "."
    all_time = ideas_figure(area).cell(small_city.berg.pk, "ideas")
    assert all_time is not None and all_time.published == 6
