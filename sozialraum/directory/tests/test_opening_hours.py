"""The opening-hours editor's rows and the OSM syntax, converted both ways."""

from __future__ import annotations

import datetime as dt

from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st
from opening_hours import OpeningHours

from sozialraum.directory.opening_hours import (
    Hours,
    HoursRow,
    hours_describe,
    hours_to_osm,
    osm_to_hours,
)

times = st.builds(dt.time, st.integers(0, 23), st.sampled_from([0, 15, 30, 45]))


@st.composite
def rows(draw: st.DrawFn) -> HoursRow:
    start, end = sorted(draw(st.lists(times, min_size=2, max_size=2, unique=True)))
    days = draw(st.lists(st.integers(0, 6), min_size=1, max_size=7, unique=True))
    return HoursRow(tuple(sorted(days)), start, end)


editors = st.builds(Hours, st.lists(rows(), max_size=6).map(tuple), st.booleans())


def _week(hours: Hours) -> dict[int, set[tuple[dt.time, dt.time]]]:
    week: dict[int, set[tuple[dt.time, dt.time]]] = {}
    for row in hours.rows:
        for day in row.days:
            week.setdefault(day, set()).add((row.start, row.end))
    return week


@given(editors)
def test_editor_rows_to_osm_and_back_keep_every_days_times(hours: Hours) -> None:
    text = hours_to_osm(hours)
    back = osm_to_hours(text)

    assert back is not None
    assert _week(back) == _week(hours)
    assert back.closed_on_holidays == (hours.closed_on_holidays and bool(hours.rows))
    assert hours_to_osm(back) == text
    assert osm_to_hours(hours_to_osm(back)) == back
    if text:
        OpeningHours(text)  # the library that evaluates the search accepts it


def test_a_midday_break_is_one_rule_with_two_spans() -> None:
    hours = Hours(
        (
            HoursRow((0, 1, 2, 3, 4), dt.time(8), dt.time(12)),
            HoursRow((0, 1, 2, 3, 4), dt.time(13), dt.time(16)),
            HoursRow((5,), dt.time(10), dt.time(12)),
        ),
        closed_on_holidays=True,
    )
    assert hours_to_osm(hours) == "Mo-Fr 08:00-12:00,13:00-16:00; Sa 10:00-12:00; PH off"


def test_a_later_rule_for_the_same_day_is_not_shown_as_rows() -> None:
    assert osm_to_hours("Mo-Fr 08:00-16:00; Mo 10:00-12:00") is None


def test_syntax_the_rows_cannot_show_is_left_to_experts() -> None:
    for text in ("sunrise-sunset", "Jan-Mar Mo 10:00-12:00", "Mo 22:00-02:00", "24/7"):
        assert osm_to_hours(text) is None


def test_opening_hours_are_described_in_words() -> None:
    with translation.override("en"):
        text = hours_describe("Mo,Tu 08:00-12:00; PH off")
    assert text == "Mon, Tue: 08:00–12:00; closed on public holidays"
    assert hours_describe("sunrise-sunset") == "sunrise-sunset"
