"""The one access helper for a district team's shared work: every page and API path of
this app reads the team through :func:`team_for_member`.

Who may: a user whose membership with a case-work role (worker, coordinator,
administrator) belongs to the team, the same memberships through which a consent shared
with the team reaches a reader (:func:`sozialraum.casework.access.consent_recipient_filter`).
An administrator of an organisation outside the team sees nothing of it.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from sozialraum.accounts.models import DistrictTeam, Membership, Organisation, User
from sozialraum.accounts.roles import CASE_WORK_ROLES
from sozialraum.lib.access import Role


def team_memberships(team: DistrictTeam) -> QuerySet[Membership]:
    """The team's memberships with a case-work role."""
    return Membership.objects.filter(teams=team, role__in=CASE_WORK_ROLES)


def is_team_member(user: Any, team: DistrictTeam) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return team_memberships(team).filter(user=user).exists()


def is_team_lead(user: Any, team: DistrictTeam) -> bool:
    """Whether ``user`` leads ``team``: a coordinator's membership belongs to it."""
    if not getattr(user, "is_authenticated", False):
        return False
    return team_memberships(team).filter(user=user, role=Role.COORDINATOR).exists()


def may_edit_hours(user: Any, recorded_by_id: int | None, *, lead: bool) -> bool:
    """Who corrects an hours entry: who recorded it, or a lead of the project's team
    (``lead``: :func:`is_team_lead`, read once per page)."""
    return lead or (recorded_by_id is not None and recorded_by_id == getattr(user, "pk", None))


def team_for_member(user: Any, slug: str) -> DistrictTeam:
    """The team ``slug`` if ``user`` works in it with a case-work role.

    Raises ``Http404`` for an unknown team and ``PermissionDenied`` for anyone else.
    """
    team = DistrictTeam.objects.filter(slug=slug).first()
    if team is None:
        raise Http404(_("There is no such district team."))
    if not is_team_member(user, team):
        raise PermissionDenied(_("Only members of this district team can see its work."))
    return team


def team_member_users(team: DistrictTeam) -> QuerySet[User]:
    """The users who may own the team's tasks and take part in its conferences."""
    return (
        User.objects.filter(memberships__in=team_memberships(team))
        .distinct()
        .order_by("last_name", "first_name", "username")
    )


def team_organisations(team: DistrictTeam) -> QuerySet[Organisation]:
    """The organisations the team's members act for."""
    return Organisation.objects.filter(memberships__teams=team).distinct().order_by("name")


def teams_of_user(user: Any) -> QuerySet[DistrictTeam]:
    """The teams ``user`` works in with a case-work role."""
    return (
        DistrictTeam.objects.filter(members__user=user, members__role__in=CASE_WORK_ROLES)
        .distinct()
        .order_by("name")
    )
