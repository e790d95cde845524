"""Showing offers: opening hours in words, prices, accessibility facts."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django import template
from django.utils.dates import WEEKDAYS
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

register = template.Library()

_DAYS = ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su")
_DAY_PART = r"(?:Mo|Tu|We|Th|Fr|Sa|Su|PH)(?:-(?:Mo|Tu|We|Th|Fr|Sa|Su))?"
_DAYS_RE = re.compile(rf"^{_DAY_PART}(?:,{_DAY_PART})*$")
_TIMES_RE = re.compile(r"^\d\d:\d\d-\d\d:\d\d(?:,\d\d:\d\d-\d\d:\d\d)*$")


def _day_name(code: str) -> str:
    return _("public holidays") if code == "PH" else str(WEEKDAYS[_DAYS.index(code)])


def _days_text(spec: str) -> str:
    parts = []
    for part in spec.split(","):
        first, _dash, last = part.partition("-")
        if last:
            parts.append(
                _("%(first)s to %(last)s") % {"first": _day_name(first), "last": _day_name(last)}
            )
        else:
            parts.append(_day_name(first))
    return ", ".join(parts)


def _times_text(spec: str) -> str:
    if spec in {"off", "closed"}:
        return _("closed")
    if not _TIMES_RE.match(spec):
        raise ValueError(spec)
    return ", ".join(span.replace("-", "–") for span in spec.split(","))


@register.simple_tag
def opening_hours_rows(value: str) -> list[tuple[str, str]]:
    """Simple OpenStreetMap opening hours as (days, times) rows in words, e.g.
    ("Monday to Friday", "08:00–16:00"); an empty list if the rule is too intricate to put
    in words safely (the page then shows the rule as it is)."""
    if value.strip() == "24/7":
        return [(_("every day"), _("around the clock"))]
    rows = []
    for rule in filter(None, (r.strip() for r in value.split(";"))):
        days, _space, times = rule.partition(" ")
        if not _DAYS_RE.match(days) or not times:
            return []
        try:
            rows.append((_days_text(days), _times_text(times.strip())))
        except ValueError:
            return []
    return rows


@register.filter
def euros(amount: Decimal | None) -> str:
    """3 -> "3,00 €" (German decimal mark through the locale)."""
    if amount is None:
        return "–"
    return f"{number_format(amount, decimal_pos=2)} €"


@register.filter
def yes_no_unknown(value: Any) -> str:
    if value is None or value == "":
        return _("not known")
    return _("yes") if value else _("no")


#: Place facts as (field, symbol, plain label), in the order pages show them.
_ACCESS_FACTS = (
    ("step_free_entrance", "⤒", gettext_noop("Entrance without steps")),
    ("accessible_toilet", "🚻", gettext_noop("Toilet for wheelchair users")),
    ("hearing_loop", "👂", gettext_noop("Hearing loop for hearing aids")),
    ("easy_language_material", "📖", gettext_noop("Information in easy-to-read language")),
    ("guide_dogs_welcome", "🐕", gettext_noop("Guide dogs welcome")),
    ("disabled_parking", "🅿", gettext_noop("Parking for disabled people")),
)


@register.simple_tag
def accessibility_facts(place: Any) -> list[tuple[str, str]]:
    """Every accessibility fact of the place as (label, "yes"/"no"/"not known")."""
    facts = [
        (_("Wheelchair"), place.get_wheelchair_display() if place.wheelchair else _("not known"))
    ]
    facts += [
        (_(label), yes_no_unknown(getattr(place, field))) for field, _s, label in _ACCESS_FACTS
    ]
    return facts


@register.simple_tag
def accessibility_badges(place: Any) -> list[tuple[str, str]]:
    """The facts that hold for the place, as (symbol, label), for the result list."""
    if place is None:
        return []
    badges = []
    if place.wheelchair == "yes":
        badges.append(("♿", _("Usable with a wheelchair")))
    elif place.wheelchair == "limited":
        badges.append(("♿", _("Partly usable with a wheelchair")))
    badges += [
        (symbol, _(label)) for field, symbol, label in _ACCESS_FACTS if getattr(place, field)
    ]
    return badges


@register.filter
def distance(metres: float | None) -> str:
    """850 -> "850 m", 2300 -> "2,3 km"."""
    if metres is None:
        return ""
    if metres < 1000:
        return f"{round(metres / 10) * 10:.0f} m"
    return f"{number_format(metres / 1000, decimal_pos=1)} km"


@register.simple_tag
def language_label(code: str) -> str:
    """The language's own name ("Türkçe" for tr), or the code if unknown."""
    from sozialraum.directory.forms import language_name

    return language_name(code)
