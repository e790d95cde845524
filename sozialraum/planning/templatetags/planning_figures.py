"""``{{ figure|compare_row:row }}``: a dashboard figure's cells of one district beside
the city's (see :meth:`sozialraum.planning.figures.Figure.compare`)."""

from __future__ import annotations

from typing import Any

from django import template

from sozialraum.planning.figures import Figure

register = template.Library()


@register.filter
def compare_row(figure: Figure, row: Any) -> list[Any]:
    return figure.compare(row)
