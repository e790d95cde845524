"""Pooled-budget API (mounted at ``/api/v1/budgets/``): the protected shares spent in the
Quartier and on individual cases, per district and per year, for planners. Every figure is
``{"value": ..., "status": "publishable" | "suppressed"}`` (a suppressed value is null)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema

from sozialraum.lib.access import api_access

from .access import PLANNING
from .models import FIRST_YEAR, LAST_YEAR
from .selectors import ShareRow, shares_by_district, shares_by_year, targets

router = Router()


class Figure(Schema):
    value: Decimal | None = Field(description="null when suppressed.")
    status: str = Field(description="publishable or suppressed.")


class ShareOut(Schema):
    row: str = Field(description="The district's name, or the year.")
    quartier: Figure = Field(
        description="Euros spent on social-space offers and work beyond the case."
    )
    cases: Figure = Field(description="Euros spent on individual cases.")
    total: Figure
    share_percent: Figure = Field(description="Per cent of the total spent in the Quartier.")


class SharesOut(Schema):
    year: int
    target_percent: Decimal | None = Field(
        description="The city's target share for the year, if set."
    )
    districts: list[ShareOut]
    years: list[ShareOut]


class SharesQuery(Schema):
    year: int = Field(ge=FIRST_YEAR, le=LAST_YEAR)


def _figure(cell: Any, places: int) -> dict[str, Any]:
    data = cell.as_json()
    if data["value"] is not None:
        data["value"] = round(Decimal(data["value"]), places)
    return data


def _share(row: ShareRow) -> dict[str, Any]:
    return {
        "row": row.label,
        "quartier": _figure(row.quartier, 2),
        "cases": _figure(row.cases, 2),
        "total": _figure(row.total, 2),
        "share_percent": _figure(row.share, 1),
    }


@router.get("/shares", response=SharesOut, url_name="budget_shares", **api_access(PLANNING))
def shares(request: HttpRequest, query: Query[SharesQuery]) -> dict[str, Any]:
    """The year's shares by district (up to the city) and every year's for the whole
    installation, protected like the planning pages."""
    return {
        "year": query.year,
        "target_percent": targets().get(query.year),
        "districts": [_share(row) for row in shares_by_district(query.year)],
        "years": [_share(row) for row in shares_by_year()],
    }
