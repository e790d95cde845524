"""The planner's dashboard figures (C12), every one passed through disclosure control.

:func:`dashboard` reads everything in a number of queries that does not grow with the
number of districts (each figure is one or two ``GROUP BY`` queries over all districts);
every output (page, print view, CSV, JSON API) renders the :class:`Dashboard` it returns.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from sozialraum.lib.replica import on_replica

from .base import CITY, Area, Figure, area_load
from .demand import (
    barriers_figure,
    early_warning_figure,
    gap_reasons_figure,
    goals_figure,
    help_requests_figure,
    ideas_figure,
    referrals_figure,
    search_misses_figure,
)
from .supply import demography_figure, supply_figures

__all__ = ["CITY", "Area", "Dashboard", "Figure", "Section", "area_load", "dashboard"]


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    figures: tuple[Figure, ...]


@dataclass(frozen=True)
class Dashboard:
    """The figures of every compared district and the city, in sections."""

    area: Area
    sections: tuple[Section, ...]

    @property
    def figures(self) -> Iterator[Figure]:
        for section in self.sections:
            yield from section.figures

    @property
    def any_suppressed(self) -> bool:
        return any(figure.any_suppressed for figure in self.figures)

    def csv_text(self, row: Any | None = None) -> str:
        """One line per cell: figure, district, column, value (``.`` when withheld),
        status (``publishable`` or ``suppressed``) and the persons or items behind it
        (empty when withheld); only ``row`` and the city when a row is given."""
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(
            [
                "figure",
                "unit",
                "district",
                "district_name",
                "column",
                "column_name",
                "value",
                "status",
                "count",
            ]
        )
        for figure in self.figures:
            for figure_row in figure.rows:
                if row is not None and figure_row not in (row, CITY):
                    continue
                for column in figure.columns:
                    cell = figure.cell(figure_row, column)
                    if cell is None:
                        continue
                    writer.writerow(
                        [
                            figure.key,
                            figure.unit,
                            self.area.slug(figure_row),
                            self.area.label(figure_row),
                            column,
                            figure.column_labels[column],
                            cell.as_csv(),
                            cell.public_status,
                            "" if cell.suppressed else cell.count,
                        ]
                    )
        return out.getvalue()

    def as_json(self, row: Any) -> dict[str, Any]:
        """The figures of ``row`` and of the city, cell by cell."""
        return {
            "district": {"slug": self.area.slug(row), "name": self.area.label(row)},
            "city": {"slug": self.area.city.slug, "name": self.area.city.name},
            "figures": [_figure_json(figure, row) for figure in self.figures],
        }


def _figure_json(figure: Figure, row: Any) -> dict[str, Any]:
    def cells(of: Any) -> dict[str, Any]:
        return {
            str(column): {**cell.as_json(), "count": None if cell.suppressed else cell.count}
            for column in figure.columns
            if (cell := figure.cell(of, column)) is not None
        }

    return {
        "key": figure.key,
        "title": figure.title,
        "unit": figure.unit,
        "columns": {str(column): label for column, label in figure.column_labels.items()},
        "district": cells(row),
        "city": cells(CITY),
    }


@on_replica
def dashboard(area: Area) -> Dashboard:
    """Every figure of the dashboard for ``area`` (read on the replica, if any)."""
    demography = demography_figure(area)
    supply = supply_figures(area, demography)
    return Dashboard(
        area=area,
        sections=(
            Section("demography", _("Demography"), (demography,)),
            Section(
                "supply",
                _("Supply"),
                (supply.rates, supply.by_category, supply.per_1000_65, supply.gaps),
            ),
            Section(
                "demand",
                _("Demand"),
                (
                    goals_figure(area),
                    referrals_figure(area),
                    gap_reasons_figure(area),
                    search_misses_figure(area),
                    ideas_figure(area),
                    help_requests_figure(area),
                    early_warning_figure(area),
                    barriers_figure(area),
                ),
            ),
        ),
    )
