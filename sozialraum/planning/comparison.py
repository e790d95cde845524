"""Comparing the city's districts by one figure: a choropleth map (the districts'
boundaries coloured by the chosen rate, with a legend) and a table of the same figure per
district with the count behind it.

The figure is a column of the dashboard's offer rates (:mod:`.figures.supply`), so map
and table show exactly the protected cells the dashboard shows: a withheld cell is ``.``
in the table and on the map, is not coloured (hatched like a district without a figure)
and does not move the class breaks. Classes and colours are the district pages'
(:mod:`sozialraum.districts.maps`), drawn by the shared map island.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Final

from django.conf import settings
from django.urls import reverse
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from sozialraum.districts.maps import class_breaks, colour_for, legend
from sozialraum.districts.models import District
from sozialraum.lib.disclosure import Cell
from sozialraum.lib.templatetags.disclosure import disclosed_text

from .figures import CITY, Dashboard, Figure
from .figures.supply import PER_ALL, PER_OLDER, PER_OLDEST, SHARE_ACCESSIBLE, SHARE_STALE

#: The rates a planner can compare on the map, the first by default.
MAP_COLUMNS: Final = (PER_OLDER, PER_ALL, PER_OLDEST, SHARE_ACCESSIBLE, SHARE_STALE)
RATES_KEY: Final = "offer_rates"


@dataclass(frozen=True)
class Line:
    """One district of the comparison table."""

    slug: str
    name: str
    cell: Cell | None


@dataclass(frozen=True)
class Comparison:
    column: str
    label: str
    unit: str
    choices: list[tuple[str, str]]
    lines: list[Line]
    city: Line
    map: dict[str, Any]

    @property
    def any_suppressed(self) -> bool:
        return any(line.cell is not None and line.cell.suppressed for line in self.lines)


def _shown(value: float) -> str:
    return number_format(value, decimal_pos=1, force_grouping=True)


def comparison(dashboard: Dashboard, column: str | None) -> Comparison:
    """The districts compared by ``column`` of the offer rates (the first of
    :data:`MAP_COLUMNS` when it is none of them); one query for the boundaries, the
    simplified ones only."""
    rates = _rates(dashboard)
    column = column if column in MAP_COLUMNS else MAP_COLUMNS[0]
    area = dashboard.area
    lines = [Line(d.slug, d.name, rates.cell(d.pk, column)) for d in area.districts]
    cells = {d.pk: rates.cell(d.pk, column) for d in area.districts}
    breaks = class_breaks([float(c.value) for c in cells.values() if c and not c.suppressed])
    shapes = (
        District.objects.filter(pk__in=area.rows, boundary_display__isnull=False)
        .only("pk", "name", "slug", "kind", "boundary_display")
        .order_by("name", "pk")
    )
    features = []
    for shape in shapes:
        cell = cells[shape.pk]
        published = None if cell is None or cell.suppressed else float(cell.value)
        features.append(
            shape.feature(
                url=reverse("planning:district", args=[shape.slug]),
                fill=colour_for(published, breaks),
                share=_("no figures") if cell is None else disclosed_text(cell, 1),
                no_data=published is None,
            )
        )
    label = str(rates.column_labels[column])
    no_data = _("no figures or withheld (.)")
    return Comparison(
        column=column,
        label=label,
        unit=rates.unit,
        choices=[(c, str(rates.column_labels[c])) for c in MAP_COLUMNS if c in rates.column_labels],
        lines=lines,
        city=Line(area.city.slug, area.city.name, rates.cell(CITY, column)),
        map={
            "outline": [],
            "children": features,
            "choropleth": bool(breaks),
            "legend": [entry.__dict__ for entry in legend(breaks, _shown, no_data)]
            if breaks
            else [],
            "tiles": {"url": settings.MAP_TILE_URL, "attribution": settings.MAP_TILE_ATTRIBUTION},
            "labels": {"share": label},
        },
    )


def _rates(dashboard: Dashboard) -> Figure:
    return next(figure for figure in dashboard.figures if figure.key == RATES_KEY)
