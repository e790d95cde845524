"""Template filters of the plan pages."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils import formats

register = template.Library()


@register.filter
def isodate(value: str | None) -> str:
    """An ISO date or date-time string (as a frozen plan keeps it) in the local format."""
    if not value:
        return "–"
    try:
        day = dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return str(value)
    return str(formats.date_format(day, "DATE_FORMAT"))
