"""Every dashboard figure against hand-computed values on the small city of
``conftest.py`` (residents 3,000; offers O1-O3; persons in case work; residents' asks),
with the city's row the sum of its districts' and small counts withheld."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from typing import Any

import pytest

from sozialraum.barriers.models import Barrier, BarrierState
from sozialraum.barriers.tests.factories import office_make
from sozialraum.earlywarning.models import Contact, ContactKind, Entry, EntryStatus, Outcome
from sozialraum.lib.disclosure import Status
from sozialraum.planning.figures import CITY, Figure, area_load, dashboard
from sozialraum.planning.figures.base import Area
from sozialraum.planning.figures.demand import (
    FREE_TEXT,
    barriers_figure,
    early_warning_figure,
    gap_reasons_figure,
    goals_figure,
    help_requests_figure,
    ideas_figure,
    referrals_figure,
    search_misses_figure,
)
from sozialraum.planning.figures.supply import demography_figure, supply_figures

from .conftest import SmallCity

pytestmark = pytest.mark.django_db


def _values(figure: Figure, area: Area, column: Any) -> dict[str, Any]:
    """``{district slug or "city": published value or "."}`` of one column."""
    result = {}
    for row in figure.rows:
        cell = figure.cell(row, column)
        key = "city" if row == CITY else area.slug(row)
        result[key] = None if cell is None else ("." if cell.suppressed else cell.value)
    return result


def _area() -> Area:
    area = area_load()
    assert area is not None
    return area


def test_the_area_compares_the_citys_districts_and_counts_quarters_in_theirs(
    small_city: SmallCity,
) -> None:
    area = _area()
    assert [d.slug for d in area.districts] == ["altstadt", "berg"]
    assert area.leaf(small_city.nord.pk) == small_city.altstadt.pk
    assert area.leaf(small_city.city.pk) is None


def test_demography_gives_residents_65_and_80_plus_and_the_city_as_their_sum(
    small_city: SmallCity,
) -> None:
    area = _area()
    figure = demography_figure(area)
    assert _values(figure, area, "residents") == {"altstadt": 2000, "berg": 1000, "city": 3000}
    assert _values(figure, area, "65+") == {"altstadt": 500, "berg": 300, "city": 800}
    assert _values(figure, area, "80+") == {"altstadt": 100, "berg": 100, "city": 200}
    projected = figure.cell(small_city.altstadt.pk, "projected")
    assert projected is not None and projected.status is Status.PUBLISHABLE


def test_offers_count_in_every_district_of_their_places_by_category(small_city: SmallCity) -> None:
    area = _area()
    supply = supply_figures(area, demography_figure(area))
    meeting, lunch = small_city.meeting.pk, small_city.lunch.pk
    assert _values(supply.by_category, area, meeting) == {"altstadt": 2, "berg": 1, "city": 3}
    assert _values(supply.by_category, area, lunch) == {"altstadt": 1, "berg": 2, "city": 3}


def test_rates_per_1000_and_the_accessible_and_stale_shares(small_city: SmallCity) -> None:
    area = _area()
    rates = supply_figures(area, demography_figure(area)).rates
    assert _values(rates, area, "offers") == {"altstadt": 2, "berg": 2, "city": 4}
    assert _values(rates, area, "per_1000") == {
        "altstadt": Decimal("1.0"),
        "berg": Decimal("2.0"),
        "city": Decimal("1.3"),
    }
    assert _values(rates, area, "per_1000_65")["city"] == Decimal("5.0")
    assert _values(rates, area, "per_1000_80") == {
        "altstadt": Decimal("20.0"),
        "berg": Decimal("20.0"),
        "city": Decimal("20.0"),
    }
    assert _values(rates, area, "share_accessible") == {
        "altstadt": Decimal("50.00"),
        "berg": Decimal("50.00"),
        "city": Decimal("50.00"),
    }
    assert _values(rates, area, "share_stale") == {
        "altstadt": Decimal("50.00"),
        "berg": Decimal("100.00"),
        "city": Decimal("75.00"),
    }
    cell = rates.cell(small_city.altstadt.pk, "per_1000")
    assert cell is not None and cell.count == 2


def test_per_1000_older_residents_by_category(small_city: SmallCity) -> None:
    area = _area()
    figure = supply_figures(area, demography_figure(area)).per_1000_65
    assert _values(figure, area, small_city.lunch.pk) == {
        "altstadt": Decimal("2.0"),
        "berg": Decimal("6.7"),
        "city": Decimal("3.8"),
    }


def test_a_category_is_a_gap_without_an_offer_within_500_m_of_the_centre(
    small_city: SmallCity,
) -> None:
    area = _area()
    gaps = supply_figures(area, demography_figure(area)).gaps
    assert _values(gaps, area, small_city.meeting.pk) == {"altstadt": 0, "berg": 1, "city": 1}
    assert _values(gaps, area, small_city.lunch.pk) == {"altstadt": 1, "berg": 0, "city": 1}


def test_goals_count_persons_per_life_area_and_withhold_a_single_person(
    casework: SmallCity,
) -> None:
    area = _area()
    figure = goals_figure(area)
    assert _values(figure, area, "d9") == {"altstadt": 3, "berg": 4, "city": 7}
    assert _values(figure, area, "d5") == {"altstadt": ".", "berg": 0, "city": "."}


def test_referrals_by_outcome_hide_a_second_cell_that_would_give_away_the_first(
    casework: SmallCity,
) -> None:
    area = _area()
    suggested = _values(referrals_figure(area), area, "suggested")
    assert suggested["berg"] == "."
    assert "." in (suggested["altstadt"], suggested["city"])
    assert _values(referrals_figure(area), area, "in_use") == {
        "altstadt": 0,
        "berg": 0,
        "city": 0,
    }


def test_gap_reasons_count_the_anonymous_records(casework: SmallCity) -> None:
    area = _area()
    figure = gap_reasons_figure(area)
    assert _values(figure, area, "too_far") == {"altstadt": 0, "berg": 3, "city": 3}
    assert _values(figure, area, "full") == {"altstadt": 0, "berg": ".", "city": "."}


def test_searches_that_found_nothing_by_the_category_searched_in(residents: SmallCity) -> None:
    area = _area()
    figure = search_misses_figure(area)
    assert _values(figure, area, "mittag") == {"altstadt": 3, "berg": 0, "city": 3}
    assert _values(figure, area, FREE_TEXT) == {"altstadt": ".", "berg": 0, "city": "."}
    assert figure.column_labels["mittag"] == "Mittagstisch"


def test_ideas_and_their_supports(residents: SmallCity) -> None:
    area = _area()
    figure = ideas_figure(area)
    assert _values(figure, area, "ideas") == {"altstadt": 0, "berg": 3, "city": 3}
    assert _values(figure, area, "supported") == {"altstadt": 0, "berg": 4, "city": 4}
    assert _values(figure, area, "flagged") == {"altstadt": 0, "berg": 0, "city": 0}


def test_help_requests_asked_and_left_unanswered(residents: SmallCity) -> None:
    area = _area()
    figure = help_requests_figure(area)
    assert _values(figure, area, "asked") == {"altstadt": 3, "berg": 0, "city": 3}
    assert _values(figure, area, "unanswered") == {"altstadt": ".", "berg": 0, "city": "."}


def test_early_warning_load_and_outreach_outcomes(small_city: SmallCity) -> None:
    from sozialraum.accounts.tests.factories import DistrictTeamFactory

    team = DistrictTeamFactory.create()
    entries = [
        Entry.objects.create(team=team, district=small_city.berg, address_label=f"Weg {n}")
        for n in range(4)
    ]
    Entry.objects.filter(pk=entries[0].pk).update(status=EntryStatus.DONE)
    for entry in entries[:3]:
        Contact.objects.create(entry=entry, kind=ContactKind.VISIT, outcome=Outcome.ADVICE)
    area = _area()
    figure = early_warning_figure(area)
    assert _values(figure, area, "all") == {"altstadt": 0, "berg": 4, "city": 4}
    assert _values(figure, area, "open") == {"altstadt": 0, "berg": 3, "city": 3}
    assert _values(figure, area, "advice") == {"altstadt": 0, "berg": 3, "city": 3}


def test_barriers_open_and_fixed_are_public_and_never_withheld(small_city: SmallCity) -> None:
    office = office_make("Tiefbau (Demo)", fallback=True)
    for state in (BarrierState.OPEN, BarrierState.PLANNED, BarrierState.FIXED):
        Barrier.objects.create(
            district=small_city.altstadt,
            kind="step",
            latitude=54.785,
            longitude=9.405,
            state=state,
            office=office,
        )
    area = _area()
    figure = barriers_figure(area)
    assert _values(figure, area, "open") == {"altstadt": 2, "berg": 0, "city": 2}
    assert _values(figure, area, "fixed") == {"altstadt": 1, "berg": 0, "city": 1}


def test_the_csv_has_a_line_per_cell_with_withheld_ones_as_a_dot(casework: SmallCity) -> None:
    area = _area()
    rows = list(csv.reader(io.StringIO(dashboard(area).csv_text(casework.altstadt.pk))))
    assert rows[0] == [
        "figure", "unit", "district", "district_name", "column", "column_name", "value",
        "status", "count",
    ]  # fmt: skip
    goals = {(row[2], row[4]): row[6:] for row in rows if row[0] == "goals"}
    assert goals[("altstadt", "d5")] == [".", "suppressed", ""]
    assert goals[("altstadt", "d9")] == ["3", "publishable", "3"]
    assert goals[("teststadt", "d9")] == ["7", "publishable", "7"]
    assert not any(row[2] == "berg" for row in rows)


def test_the_json_shows_no_value_or_count_of_a_withheld_cell(casework: SmallCity) -> None:
    area = _area()
    data = dashboard(area).as_json(casework.altstadt.pk)
    goals = next(f for f in data["figures"] if f["key"] == "goals")
    assert goals["district"]["d9"] == {"value": 3, "status": "publishable", "count": 3}
    assert goals["district"]["d5"] == {"value": None, "status": "suppressed", "count": None}
    assert goals["city"]["d9"]["value"] == 7
