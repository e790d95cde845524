"""Ideas API (mounted at ``/api/v1/ideas/``): the public ideas of a district, one idea
with its published answers, and the demand by theme per district (counts of ideas and
supports by category) for the planning office's dashboard. Public, like the pages: an
idea carries no personal data unless its author chose to show their name."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema

from sozialraum.districts.models import GEOMETRY, District
from sozialraum.lib.access import PUBLIC, api_access

from . import selectors
from .models import Idea, IdeaCategory

router = Router()

#: The most ideas one page of the list returns.
MAX_LIMIT = 200


class AnswerOut(Schema):
    state: str
    text: str
    published_at: dt.datetime


class IdeaOut(Schema):
    id: int
    title: str
    text: str
    category: str
    category_label: str
    district: str
    district_slug: str
    author: str = Field(
        description="The author's name if they chose to show it, else 'resident from <district>'."
    )
    latitude: float
    longitude: float
    address: str
    state: str
    state_label: str
    supports: int
    flagged: bool = Field(description="Supports reached the planning office's threshold.")
    created_at: dt.datetime
    has_photo: bool


class IdeaDetailOut(IdeaOut):
    answers: list[AnswerOut]


class IdeaPage(Schema):
    count: int
    items: list[IdeaOut]


class ListFilter(Schema):
    district: str = Field(description="The district's slug; its parts' ideas are included.")
    category: IdeaCategory | None = None
    limit: int = Field(50, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0)


class DemandOut(Schema):
    district: str
    district_slug: str
    category: str
    category_label: str
    ideas: int
    supports: int


def _idea(idea: Idea) -> dict[str, Any]:
    return {
        "id": idea.pk,
        "title": idea.title,
        "text": idea.text,
        "category": idea.category,
        "category_label": str(idea.get_category_display()),
        "district": idea.district.name,
        "district_slug": idea.district.slug,
        "author": idea.author_label,
        "latitude": idea.latitude,
        "longitude": idea.longitude,
        "address": idea.address,
        "state": idea.state.key,
        "state_label": idea.state.name,
        "supports": idea.support_count,  # type: ignore[attr-defined]
        "flagged": idea.flagged_at is not None,
        "created_at": idea.created_at,
        "has_photo": idea.has_photo,  # type: ignore[attr-defined]
    }


def _district(slug: str) -> District:
    return get_object_or_404(District.objects.defer(*GEOMETRY), slug=slug)


@router.get("/", response=IdeaPage, **api_access(PUBLIC))
def ideas_list(request: HttpRequest, filters: Query[ListFilter]) -> dict[str, Any]:
    """The ideas of a district (and its parts), newest first."""
    place = _district(filters.district)
    ideas = selectors.district_ideas(place, category=filters.category or "")
    count = Idea.objects.filter(selectors.in_district(place))
    if filters.category:
        count = count.filter(category=filters.category)
    items = list(ideas[filters.offset : filters.offset + filters.limit])
    return {"count": count.count(), "items": [_idea(i) for i in items]}


@router.get("/demand", response=list[DemandOut], **api_access(PUBLIC))
def ideas_demand(request: HttpRequest, district: str | None = None) -> list[dict[str, Any]]:
    """Demand by theme: per district and category, the ideas (withdrawn ones left out) and
    their supports; with ``district``, that district and its parts only."""
    place = _district(district) if district else None
    return [row.__dict__ for row in selectors.demand_by_theme(place)]


@router.get("/{int:idea_id}", response=IdeaDetailOut, **api_access(PUBLIC))
def idea_detail(request: HttpRequest, idea_id: int) -> dict[str, Any]:
    """One idea with the city's published answers (drafts are never shown)."""
    idea = selectors.idea_public(idea_id)
    answers = [
        {"state": a.state.name, "text": a.text, "published_at": a.published_at}
        for a in selectors.answers_public(idea)
    ]
    return {**_idea(idea), "answers": answers}
