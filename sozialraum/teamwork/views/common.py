"""What every page of the app shares: the signed-in user and the team-scoped lookups."""

from __future__ import annotations

from typing import Any, TypeVar, cast

from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from sozialraum.accounts.models import DistrictTeam, User

from ..access import team_for_member

M = TypeVar("M", bound=Model)


def user_of(request: HttpRequest) -> User:
    """The signed-in user (only behind an access declaration that requires sign-in)."""
    return cast(User, request.user)


def team_of(request: HttpRequest, slug: str) -> DistrictTeam:
    return team_for_member(request.user, slug)


def owned(queryset: QuerySet[M], team: DistrictTeam, pk: Any, **lookup: Any) -> M:
    """The object ``pk`` among ``team``'s own (404 for another team's)."""
    return get_object_or_404(queryset, pk=pk, **(lookup or {"team": team}))
