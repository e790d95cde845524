"""Template filters of the plan pages."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import template
from django.utils import formats, timezone

from sozialraum.plan.offer_document import facts_above_text
from sozialraum.plan.offer_document import offer_facts as offer_fact_lines

register = template.Library()


def local_day(value: str) -> dt.date:
    """The local (Europe/Berlin) day of an ISO date or date-time string: a frozen plan
    kept its date-times with an offset, older ones in UTC, so the day is taken after
    converting to local time, not from the string's first ten characters."""
    if len(value) <= 10:
        return dt.date.fromisoformat(value)
    moment = dt.datetime.fromisoformat(value)
    return timezone.localtime(moment).date() if timezone.is_aware(moment) else moment.date()


@register.filter
def isodate(value: str | None) -> str:
    """An ISO date or date-time string (as a frozen plan keeps it) in the local format."""
    if not value:
        return "–"
    try:
        day = local_day(str(value))
    except ValueError:
        return str(value)
    return str(formats.date_format(day, "DATE_FORMAT"))


@register.filter
def offer_facts(document: dict[str, Any]) -> list[tuple[str, str]]:
    """Where, when, cost and how to get in touch of an offer in the plan document."""
    return offer_fact_lines(document)


@register.filter
def facts_above(entry: dict[str, Any]) -> str:
    """Where a repeated offer's facts are shown in the plan document."""
    return facts_above_text(entry)
