"""Early-warning API (mounted at ``/api/v1/early-warning/``): the quarterly figures per
district for planning (counts only, 1 to 4 suppressed as null) and a team's outreach
list for its members (names only where the member may see them, logged)."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.errors import HttpError

from sozialraum.accounts.roles import CASE_WORK
from sozialraum.lib.access import api_access

from .models import EntryStatus
from .selectors import entry_rows, outreach_list, quarterly_figures, team_for_user
from .views import FIGURE_READERS, LIST_LIMIT

router = Router()


class FiguresQuery(Schema):
    year: int = Field(ge=2000, le=2100)
    quarter: int = Field(ge=1, le=4)


class DistrictFiguresOut(Schema):
    district: str
    slug: str
    entries: int | None = Field(description="Put on an outreach list; null: 1 to 4.")
    signals: dict[str, int | None] = Field(description="Signals per rule code; null: 1 to 4.")
    contacts: int | None
    outcomes: dict[str, int | None] = Field(description="Contacts per outcome; null: 1 to 4.")


class FiguresOut(Schema):
    year: int
    quarter: int
    suppressed_below: int
    districts: list[DistrictFiguresOut]


@router.get(
    "/figures", response=FiguresOut, url_name="early_warning_figures",
    **api_access(FIGURE_READERS),
)  # fmt: skip
def figures(request: HttpRequest, query: Query[FiguresQuery]) -> dict[str, object]:
    from .selectors import SMALL_COUNT

    rows = quarterly_figures(query.year, query.quarter)
    return {
        "year": query.year,
        "quarter": query.quarter,
        "suppressed_below": SMALL_COUNT,
        "districts": [row.__dict__ for row in rows],
    }


class SignalOut(Schema):
    rule: str
    title: str
    reason: str
    basis: str
    detail: str
    observed_on: dt.date


class EntryOut(Schema):
    id: int
    district: str
    status: str
    person_id: int | None = Field(description="Only when the caller may see the person.")
    name: str | None = Field(description="Only when the caller may see the person.")
    address: str | None = Field(description="For a concern without consent: no name.")
    signals: list[SignalOut]


@router.get("/teams/{slug}/entries", response=list[EntryOut], **api_access(CASE_WORK))
def team_entries(request: HttpRequest, slug: str, status: str = "open") -> list[dict[str, object]]:
    if status not in EntryStatus.values:
        raise HttpError(422, f"Unknown status; one of {', '.join(EntryStatus.values)}.")
    try:
        team = team_for_user(request.user, slug[:200])
    except Http404 as error:
        raise HttpError(404, "No such team.") from error
    except PermissionDenied as error:
        raise HttpError(403, "Only members of the team see its list.") from error
    entries = list(outreach_list(team, status=status)[:LIST_LIMIT])
    return [
        {
            "id": row.entry.pk,
            "district": row.entry.district.name,
            "status": row.entry.status,
            "person_id": row.entry.person_id if row.name is not None else None,
            "name": row.name,
            "address": row.entry.address_label or None,
            "signals": [
                {
                    "rule": s.rule.code,
                    "title": s.rule.title,
                    "reason": s.rule.reason,
                    "basis": s.rule.basis,
                    "detail": s.detail,
                    "observed_on": s.observed_on,
                }
                for s in row.signals
            ],
        }
        for row in entry_rows(request.user, entries)
    ]
