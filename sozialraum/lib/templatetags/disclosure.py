"""Showing protected figures (``sozialraum.lib.disclosure``): a suppressed cell as ``.``
(DIN 55301) with its meaning as the abbreviation's title, and the legend under a table.

``{% load disclosure %}``, then ``{{ cell|disclosed }}`` (HTML), ``{{ cell|disclosed_text }}``
(plain text, for PDFs and attributes), with an optional number of decimals
(``{{ cell|disclosed:1 }}``), and ``{% disclosure_legend %}`` or
``{% disclosure_legend table %}`` (the latter only when the table hides a cell).
"""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from sozialraum.lib.disclosure import SUPPRESSED_SYMBOL, Cell, ProtectedTable

register = template.Library()


@register.filter
def disclosed_text(cell: Cell, decimals: int = 0) -> str:
    """The figure with the locale's grouping and decimal mark, or ``.``."""
    if cell.suppressed:
        return SUPPRESSED_SYMBOL
    return number_format(cell.value, decimal_pos=decimals, force_grouping=True)


@register.filter
def disclosed(cell: Cell, decimals: int = 0) -> SafeString:
    """As :func:`disclosed_text`; a suppressed figure is an ``abbr`` whose title says why."""
    if cell.suppressed:
        return format_html('<abbr title="{}">{}</abbr>', _meaning(), SUPPRESSED_SYMBOL)
    return format_html("{}", disclosed_text(cell, decimals))


def _meaning() -> str:
    return gettext("figure withheld to protect individuals")


@register.inclusion_tag("includes/disclosure_legend.html")
def disclosure_legend(table: ProtectedTable | None = None) -> dict[str, Any]:
    """The legend of ``.``; given a table, shown only when that table hides a cell."""
    return {
        "show": table is None or table.any_suppressed,
        "symbol": SUPPRESSED_SYMBOL,
        "meaning": _meaning(),
        "min_count": settings.DISCLOSURE_MIN_COUNT,
    }
