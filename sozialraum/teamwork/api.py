"""Team-work API (mounted at ``/api/v1/teams/``): the hours the team's organisations spent
on its Quartier projects, per organisation, district and quarter (the figures a pooled
budget is planned from). Only the team's members (case-work roles) may read them."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from sozialraum.accounts.roles import CASE_WORK
from sozialraum.lib.access import api_access

from .access import team_for_member
from .selectors import hours_summary

router = Router()


class HoursOut(Schema):
    organisation: str
    district: str
    year: int
    quarter: int = Field(ge=1, le=4)
    hours: Decimal = Field(description="Hours summed over the quarter, two decimals.")


@router.get("/{slug}/hours", response=list[HoursOut], **api_access(CASE_WORK))
def hours_endpoint(request: HttpRequest, slug: str) -> list[dict[str, Any]]:
    """Hours per organisation, district and quarter on the team's projects."""
    try:
        team = team_for_member(request.user, slug)
    except Http404 as error:
        raise HttpError(404, "There is no such district team.") from error
    except PermissionDenied as error:
        raise HttpError(403, "Only members of this district team can see its work.") from error
    return [
        {
            "organisation": row.organisation,
            "district": row.district,
            "year": row.year,
            "quarter": row.quarter,
            "hours": row.hours,
        }
        for row in hours_summary(team)
    ]
