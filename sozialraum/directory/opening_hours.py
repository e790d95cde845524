"""Opening hours as the editor shows them (rows of weekdays with a time span) and as the
directory stores them (OpenStreetMap ``opening_hours`` syntax), converted both ways.

:func:`hours_to_osm` is exact: it collects each weekday's spans (a later OSM rule for the
same day would replace an earlier one, so days with the same spans share one rule) and
writes one rule per group of days. :func:`osm_to_hours` reads back what it writes, and
every other text that uses only weekdays, ``HH:MM-HH:MM`` spans and ``PH off``; anything
else (months, weeks, "sunrise", comments, ...) returns None and stays with the experts.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

#: Weekdays as OpenStreetMap spells them, Monday first.
DAYS: tuple[str, ...] = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
HOLIDAYS_CLOSED = "PH off"

_SPAN = r"(\d\d):(\d\d)-(\d\d):(\d\d)"
_DAY = "|".join(DAYS)
_DAYS = rf"(?:{_DAY})(?:-(?:{_DAY}))?(?:,(?:{_DAY})(?:-(?:{_DAY}))?)*"
_RULE = re.compile(rf"^({_DAYS}) ({_SPAN}(?:,{_SPAN})*)$")


@dataclass(frozen=True, order=True)
class HoursRow:
    """One row of the editor: the weekdays (indexes into :data:`DAYS`) open from ``start``
    to ``end`` (the same day; ``start`` before ``end``)."""

    days: tuple[int, ...]
    start: dt.time
    end: dt.time


@dataclass(frozen=True)
class Hours:
    """What the editor holds: its rows, and whether the offer is closed on public
    holidays."""

    rows: tuple[HoursRow, ...]
    closed_on_holidays: bool = False


def _schedule(rows: tuple[HoursRow, ...]) -> dict[int, tuple[tuple[dt.time, dt.time], ...]]:
    """Each weekday's spans, sorted and without repeats."""
    spans: dict[int, set[tuple[dt.time, dt.time]]] = {}
    for row in rows:
        for day in row.days:
            spans.setdefault(day, set()).add((row.start, row.end))
    return {day: tuple(sorted(found)) for day, found in sorted(spans.items())}


def _day_list(days: list[int]) -> str:
    """Weekday indexes as OSM days, runs of three or more as ranges: "Mo-We,Fr"."""
    parts: list[str] = []
    run: list[int] = []
    for day in [*days, None]:
        if day is not None and run and day == run[-1] + 1:
            run.append(day)
            continue
        if run:
            if len(run) >= 3:
                parts.append(f"{DAYS[run[0]]}-{DAYS[run[-1]]}")
            else:
                parts.extend(DAYS[d] for d in run)
        run = [day] if day is not None else []
    return ",".join(parts)


def _span(start: dt.time, end: dt.time) -> str:
    return f"{start:%H:%M}-{end:%H:%M}"


def hours_to_osm(hours: Hours) -> str:
    """The editor's rows in OSM ``opening_hours`` syntax ("" for no rows)."""
    groups: dict[tuple[tuple[dt.time, dt.time], ...], list[int]] = {}
    for day, spans in _schedule(hours.rows).items():
        groups.setdefault(spans, []).append(day)
    rules = [
        f"{_day_list(days)} {','.join(_span(*span) for span in spans)}"
        for spans, days in sorted(groups.items(), key=lambda item: item[1][0])
    ]
    if rules and hours.closed_on_holidays:
        rules.append(HOLIDAYS_CLOSED)
    return "; ".join(rules)


def _days_of(text: str) -> tuple[int, ...] | None:
    days: list[int] = []
    for part in text.split(","):
        first, _dash, last = part.partition("-")
        start, end = DAYS.index(first), DAYS.index(last or first)
        if end < start:
            return None  # wrapping ranges ("Sa-Mo") are for experts
        days.extend(range(start, end + 1))
    return tuple(sorted(set(days))) if len(set(days)) == len(days) else None


def _spans_of(text: str) -> list[tuple[dt.time, dt.time]] | None:
    spans = []
    for part in text.split(","):
        start_text, end_text = part.split("-")
        try:
            start = dt.time.fromisoformat(start_text)
            end = dt.time.fromisoformat(end_text)
        except ValueError:
            return None
        if end <= start:
            return None
        spans.append((start, end))
    return spans


def osm_to_hours(text: str) -> Hours | None:
    """The editor's rows for an OSM text, or None if the editor cannot show it exactly.
    Each day may be named in one rule only (a later rule would replace an earlier one)."""
    rules = [rule.strip() for rule in text.split(";") if rule.strip()]
    closed = HOLIDAYS_CLOSED in rules
    rows: list[HoursRow] = []
    seen: set[int] = set()
    for rule in (r for r in rules if r != HOLIDAYS_CLOSED):
        match = _RULE.match(rule)
        days = _days_of(match.group(1)) if match else None
        spans = _spans_of(match.group(2)) if match else None
        if days is None or spans is None or seen & set(days):
            return None
        seen.update(days)
        rows.extend(HoursRow(days, start, end) for start, end in spans)
    if closed and not rows:
        return None
    return Hours(tuple(rows), closed)


def hours_describe(text: str) -> str:
    """Opening hours as a German (or current language) sentence for people: "Mo, Di:
    08:00–12:00; an Feiertagen geschlossen". Texts the editor cannot read stay as given."""
    hours = osm_to_hours(text) if text else None
    if hours is None:
        return text
    names = [str(_(name)) for name in ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")]
    groups: dict[tuple[int, ...], list[str]] = {}
    for row in hours.rows:
        groups.setdefault(row.days, []).append(f"{row.start:%H:%M}–{row.end:%H:%M}")
    parts = [
        f"{', '.join(names[d] for d in days)}: {', '.join(spans)}" for days, spans in groups.items()
    ]
    if hours.closed_on_holidays:
        parts.append(str(_("closed on public holidays")))
    return "; ".join(parts)
