"""Planning API: a district's dashboard figures and the city's, after disclosure control
(a withheld cell has ``value`` null and ``status`` ``suppressed``; ``count`` is the
number of persons or items behind a published figure)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from sozialraum.lib.access import api_access

from . import figures
from .access import DASHBOARD

router = Router()


class PlanningCellOut(Schema):
    value: float | None = Field(None, description="Null when withheld.")
    status: str = Field(description="publishable or suppressed")
    count: int | None = Field(None, description="Persons or items behind the figure.")


class PlanningFigureOut(Schema):
    key: str
    title: str
    unit: str
    columns: dict[str, str]
    district: dict[str, PlanningCellOut]
    city: dict[str, PlanningCellOut]


class PlanningPlaceOut(Schema):
    slug: str
    name: str


class PlanningFiguresOut(Schema):
    district: PlanningPlaceOut
    city: PlanningPlaceOut
    figures: list[PlanningFigureOut]


@router.get(
    "/{slug}/figures", response=PlanningFiguresOut, url_name="planning_figures",
    **api_access(DASHBOARD),
)  # fmt: skip
def district_figures(request: HttpRequest, slug: str) -> dict[str, Any]:
    """The figures of one of the city's districts beside the city's."""
    area = figures.area_load(district=slug)
    row = next((d.pk for d in area.districts if d.slug == slug), None) if area else None
    if area is None or row is None:
        raise HttpError(404, "No district of the city with this short name.")
    return figures.dashboard(area).as_json(row)
