"""Impact figures on a small hand-computed city: changes of self-ratings per district
(up to the city) and per offer category, with counts and disclosure control."""

from __future__ import annotations

import datetime as dt
import gettext
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import translation

from sozialraum.casework.models import Person
from sozialraum.directory.models import Offer
from sozialraum.directory.tests.factories import CategoryFactory, OfferFactory
from sozialraum.districts.hierarchy import DirectlyIn
from sozialraum.districts.models import District, DistrictKind
from sozialraum.districts.tests.factories import DistrictFactory
from sozialraum.lib.disclosure import Status
from sozialraum.plan.services import self_rating_record
from sozialraum.plan.tests.factories import (
    goal_make,
    life_area,
    person_make,
    referral_make,
    worker_of,
)
from sozialraum.planning.impact import (
    ALL,
    EXPLANATION,
    NO_DISTRICT,
    SATISFACTION,
    SUPPRESSION,
    ImpactTable,
    explanation,
    impact_by_category,
    impact_by_district,
    rating_changes,
)

pytestmark = pytest.mark.django_db

START, MIDDLE, LATEST = dt.date(2025, 1, 10), dt.date(2025, 6, 10), dt.date(2026, 1, 10)
P, S, X = Status.PUBLISHABLE, Status.PRIMARY, Status.SECONDARY


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    """The labels are compared with their English sources (with the app installed, its
    German catalogue would translate them)."""
    with translation.override("en"):
        yield


def _rated(district: District | None, *satisfaction: int, d9: tuple[int, ...] = ()) -> Person:
    """A person in ``district`` rating life satisfaction on START (, MIDDLE), LATEST, and
    participation in d9 with the same ratings (as far as ``d9`` goes)."""
    person = person_make(district=district)
    days = {1: [START], 2: [START, LATEST], 3: [START, MIDDLE, LATEST]}[len(satisfaction)]
    for index, (day, value) in enumerate(zip(days, satisfaction, strict=True)):
        areas = {life_area("d9"): d9[index]} if index < len(d9) else {}
        self_rating_record(
            person=person, rated_on=day, life_satisfaction=value, participation=areas
        )
    return person


@pytest.fixture
def city() -> dict[str, District]:
    """City C -> Bezirke B1 (Stadtteile D1, D2) and B2 (Stadtteil D3)."""
    c = DistrictFactory.create(name="C", kind=DistrictKind.CITY)
    b1 = DistrictFactory.create(name="B1", kind=DistrictKind.BOROUGH, parent=c)
    b2 = DistrictFactory.create(name="B2", kind=DistrictKind.BOROUGH, parent=c)
    d1 = DistrictFactory.create(name="D1", parent=b1)
    d2 = DistrictFactory.create(name="D2", parent=b1)
    d3 = DistrictFactory.create(name="D3", parent=b2)
    return {"C": c, "B1": b1, "B2": b2, "D1": d1, "D2": d2, "D3": d3}


@pytest.fixture
def persons(city: dict[str, District]) -> dict[str, Person]:
    """Satisfaction first -> latest: D1 +3 +1 +2; D2 +5; D3 -1 0 +2 and 2 -> 9 -> 4
    (+2: the latest counts, not the best); p8 in D1 rated once. d9: p1 3 -> 6, p5 2 -> 2."""
    d1, d2, d3 = city["D1"], city["D2"], city["D3"]
    return {
        "p1": _rated(d1, 4, 7, d9=(3, 6)),
        "p2": _rated(d1, 5, 6),
        "p3": _rated(d1, 2, 4),
        "p4": _rated(d2, 3, 8),
        "p5": _rated(d3, 7, 6, d9=(2, 2)),
        "p6": _rated(d3, 5, 5),
        "p7": _rated(d3, 6, 8),
        "p8": _rated(d1, 6),
        "p9": _rated(d3, 2, 9, 4),
    }


def _figures(table: ImpactTable, measure: str) -> dict[str, tuple[object, ...]]:
    """``{row label: (persons, status, mean change, its status)}``."""
    figures: dict[str, tuple[object, ...]] = {}
    for row in table.rows:
        change = table.change(row, measure)
        mean = change.mean_change
        figures[table.labels[row]] = (
            change.persons.value,
            change.persons.status,
            None if mean is None else mean.value,
            None if mean is None else mean.status,
        )
    return figures


def test_changes_run_from_the_first_to_the_latest_rating(persons: dict[str, Person]) -> None:
    changes = rating_changes()
    assert changes[persons["p9"].pk] == {SATISFACTION: 2}
    assert changes[persons["p1"].pk] == {SATISFACTION: 3, "d9": 3}
    assert changes[persons["p5"].pk] == {SATISFACTION: -1, "d9": 0}
    assert persons["p8"].pk not in changes


def test_satisfaction_per_district_is_counted_averaged_and_protected(
    city: dict[str, District], persons: dict[str, Person]
) -> None:
    table = impact_by_district()
    assert [table.labels[row] for row in table.rows] == [
        "D1",
        "D2",
        "D3",
        "B1",
        "B2",
        "C",
        "all persons",
    ]
    # D2 (1 person) is primary; D1 is hidden with it, or B1 - D1 would give D2.
    # B1 = (6 + 5) / 4 = 2.75, B2 = 3 / 4 = 0.75, C = 14 / 8 = 1.75 (rounded half up).
    assert _figures(table, SATISFACTION) == {
        "D1": (3, X, Decimal("2.0"), X),
        "D2": (1, S, Decimal("5.0"), S),
        "D3": (4, P, Decimal("0.8"), P),
        "B1": (4, P, Decimal("2.8"), P),
        "B2": (4, P, Decimal("0.8"), P),
        "C": (8, P, Decimal("1.8"), P),
        "all persons": (8, P, Decimal("1.8"), P),
    }


def test_participation_of_two_persons_is_hidden_everywhere(persons: dict[str, Person]) -> None:
    figures = _figures(impact_by_district(), "d9")
    assert figures["all persons"] == (2, S, Decimal("1.5"), S)
    assert figures["D1"] == (1, S, Decimal("3.0"), S)
    assert figures["D2"] == (0, P, None, None)
    assert {status for _n, status, _m, _s in figures.values()} == {S, P}


def test_a_measure_nobody_rated_twice_shows_zero_persons_and_no_mean(
    persons: dict[str, Person],
) -> None:
    change = impact_by_district().change(ALL, "d1")
    assert change.persons.value == 0 and change.persons.status is P
    assert change.mean_change is None


def test_persons_without_district_and_in_a_district_with_parts_get_rows_of_their_own(
    city: dict[str, District],
) -> None:
    for _ in range(3):
        _rated(None, 5, 8)
        _rated(city["B2"], 4, 4)
        _rated(city["D3"], 1, 2)
    table = impact_by_district()
    labels = {row: table.labels[row] for row in table.rows}
    assert DirectlyIn(city["B2"].pk) in labels and NO_DISTRICT in labels
    figures = _figures(table, SATISFACTION)
    assert figures["no district"] == (3, P, Decimal("3.0"), P)
    assert table.change(DirectlyIn(city["B2"].pk), SATISFACTION).persons.value == 3
    assert table.change(city["B2"].pk, SATISFACTION).persons.value == 6
    assert figures["C"] == (6, P, Decimal("0.5"), P)
    assert figures["all persons"] == (9, P, Decimal("1.3"), P)


def test_categories_count_each_person_in_every_category_referred_to(
    persons: dict[str, Person],
) -> None:
    meeting = CategoryFactory.create(name="Treffpunkt")
    advice = CategoryFactory.create(name="Beratung")
    near, both = OfferFactory.create(), OfferFactory.create()
    near.categories.add(meeting)
    both.categories.add(meeting, advice)
    for name, offer in [("p1", near), ("p2", near), ("p4", near), ("p8", near)]:
        _refer(persons[name], offer)
    for name in ("p3", "p5"):
        _refer(persons[name], both)
    _refer(persons["p1"], both)  # p1 twice in "Treffpunkt": counted once
    table = impact_by_category()
    # Treffpunkt: p1 +3, p2 +1, p3 +2, p4 +5, p5 -1 -> 5 persons, 10 / 5 = 2.0
    # Beratung: p1, p3, p5 -> 3 persons, 4 / 3 = 1.3
    assert _figures(table, SATISFACTION) == {
        "Beratung": (3, P, Decimal("1.3"), P),
        "Treffpunkt": (5, P, Decimal("2.0"), P),
    }
    assert _figures(table, "d9")["Beratung"] == (2, S, Decimal("1.5"), S)


def _refer(person: Person, offer: Offer) -> None:
    referral_make(person, goal_make(person), worker_of(person), offer=offer)


def test_the_persons_counted_can_be_narrowed(persons: dict[str, Person]) -> None:
    table = impact_by_district(persons=Person.objects.filter(pk=persons["p1"].pk))
    assert table.change(ALL, SATISFACTION).persons.value == 1


def test_the_explanation_is_in_german_and_says_what_the_figures_cannot_show() -> None:
    catalogue = Path(__file__).resolve().parents[1] / "locale/de/LC_MESSAGES/django.mo"
    with catalogue.open("rb") as handle:
        german = gettext.GNUTranslations(handle)
    with translation.override("en"):
        sources = [str(text) for text in (*EXPLANATION, SUPPRESSION)]
        labels = [str(impact_by_district().labels[ALL]), "no district", "life satisfaction"]
        joined = " ".join(explanation())
    for source in sources + labels:
        assert german.gettext(source) != source, source
    for words in ("why", "self-ratings", "missing", "Quartier project", "fewer than 3 people"):
        assert words in joined
