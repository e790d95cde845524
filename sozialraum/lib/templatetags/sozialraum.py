"""Formatting filters for figures: localised numbers and percentages, "–" for no figure."""

from __future__ import annotations

from django import template
from django.utils.formats import number_format

register = template.Library()

MISSING = "–"


@register.filter
def number(value: float | None) -> str:
    """A whole number with the locale's grouping (12.525 in German)."""
    if value is None or value == "":
        return MISSING
    return number_format(round(value), force_grouping=True)


@register.filter
def percent(value: float | None, decimals: int = 1) -> str:
    """A fraction 0..1 as a percentage with the locale's decimal mark (12,3 %)."""
    if value is None or value == "":
        return MISSING
    return f"{number_format(value * 100, decimal_pos=decimals)} %"
