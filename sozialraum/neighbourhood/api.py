"""Neighbourly help API (mounted at ``/api/v1/help-groups/``): the open posts near a
member, as their overview page lists them. For the group's verified members only; each
post carries its district (coarse location), never an address or a member's contact."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from sozialraum.lib.access import SIGNED_IN, api_access

from . import selectors
from .access import group_get, member_of
from .choices import PostKind
from .models import Member, Post

router = Router()


class NearbyPostOut(Schema):
    id: int
    kind: str
    kind_label: str
    category: str
    category_label: str
    district: str = Field(description="The post's district: the only location given.")
    district_slug: str
    text: str
    starts_on: dt.date
    ends_on: dt.date
    times: str
    valid_until: dt.date
    created_at: dt.datetime
    fits: bool = Field(description="A request in a category the member helps with.")
    url: str


def _post(post: Post, member: Member) -> dict[str, Any]:
    return {
        "id": post.pk,
        "kind": post.kind,
        "kind_label": post.get_kind_display(),
        "category": post.category,
        "category_label": post.get_category_display(),
        "district": post.district.name,
        "district_slug": post.district.slug,
        "text": post.text,
        "starts_on": post.starts_on,
        "ends_on": post.ends_on,
        "times": post.times,
        "valid_until": post.valid_until,
        "created_at": post.created_at,
        "fits": post.kind == PostKind.REQUEST and post.category in member.offers,
        "url": post.get_absolute_url(),
    }


@router.get("/{slug}/nearby", response=list[NearbyPostOut], **api_access(SIGNED_IN))
def nearby_endpoint(request: HttpRequest, slug: str) -> list[dict[str, Any]]:
    """Open posts of others near the signed-in member (their district and the districts
    within the distance they go), requests in their categories first."""
    try:
        group = group_get(slug)
    except Http404 as error:
        raise HttpError(404, "There is no such help group.") from error
    member = member_of(request.user, group)
    if member is None:
        raise HttpError(403, "Only members of this help group can see its posts.")
    if not member.is_verified:
        raise HttpError(403, "A coordinator has not checked your identity yet.")
    return [_post(post, member) for post in selectors.posts_nearby(member)]
