"""The gates to a help group's data: who coordinates a group, who is a member, who may
open a match. Every page and API path goes through these; none reads a bare row by id.

A coordinator's read of a member's contact details (address and phone) is written to the
access log (:func:`contact_read_log`), which the member reads in their Art. 15 export.

A coordinator of a group is a user with the role coordinator or administrator in the
group's organisation; a coordinator of group A has no rights in group B.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404

from sozialraum.accounts.models import Membership
from sozialraum.audit.models import AccessAction
from sozialraum.audit.purposes import UserPurpose
from sozialraum.audit.services import access_log_write
from sozialraum.districts.models import geometry_fields
from sozialraum.lib.access import Role

from .models import HelpGroup, Match, Member

#: The roles in a group's organisation that coordinate the group.
COORDINATING_ROLES = (Role.COORDINATOR, Role.ADMIN)


def is_coordinator(user: Any, group: HelpGroup) -> bool:
    """Whether ``user`` coordinates ``group`` (a superuser operates the platform, not a
    group, and gets no rights in it)."""
    if not getattr(user, "is_authenticated", False):
        return False
    return Membership.objects.filter(
        user=user, organisation_id=group.organisation_id, role__in=COORDINATING_ROLES
    ).exists()


def coordinated_groups(user: Any) -> list[HelpGroup]:
    """The groups ``user`` coordinates."""
    return list(
        HelpGroup.objects.filter(
            organisation__memberships__user=user,
            organisation__memberships__role__in=COORDINATING_ROLES,
        )
        .select_related("organisation")
        .distinct()
    )


def group_get(slug: str) -> HelpGroup:
    """The group with the organisation's short name ``slug``, or 404."""
    group = HelpGroup.objects.select_related("organisation").filter(organisation__slug=slug)
    found = group.first()
    if found is None:
        raise Http404
    return found


def group_for_coordinator(user: Any, slug: str) -> HelpGroup:
    """The group ``slug`` if ``user`` coordinates it; 404 if there is none, 403 if
    ``user`` coordinates another group (or none)."""
    group = group_get(slug)
    if not is_coordinator(user, group):
        raise PermissionDenied
    return group


def member_of(user: Any, group: HelpGroup) -> Member | None:
    """``user``'s membership in ``group`` (not anonymised), if any."""
    if not getattr(user, "is_authenticated", False):
        return None
    member = Member.objects.filter(group=group, user=user, anonymised_at__isnull=True).first()
    if member is not None:
        member.group = group
    return member


def member_for_coordinator(user: Any, slug: str, pk: int) -> tuple[HelpGroup, Member]:
    """A member of group ``slug`` for its coordinator (403 for others, 404 if the member
    belongs to another group)."""
    group = group_for_coordinator(user, slug)
    member = Member.objects.filter(group=group, pk=pk, anonymised_at__isnull=True).first()
    if member is None:
        raise Http404
    return group, member


@dataclass(frozen=True)
class MatchView:
    """A match as one reader sees it: the side they act for and whether they act as the
    group's coordinator (a trusted person for a member without a smartphone)."""

    match: Match
    member: Member | None
    coordinator: bool


def match_for_user(user: Any, pk: int) -> MatchView:
    """The match ``pk`` for one of its two members or a coordinator of its group; 404 if
    there is none, 403 for anyone else."""
    match = (
        Match.objects.select_related(
            "post__member__user", "post__group__organisation", "member__user", "post__district"
        )
        .defer(*geometry_fields("post__district"))
        .filter(pk=pk)
        .first()
    )
    if match is None:
        raise Http404
    side = next((m for m in match.sides if m.user_id == user.pk), None)
    if side is not None:
        return MatchView(match, side, coordinator=False)
    if is_coordinator(user, match.post.group):
        return MatchView(match, None, coordinator=True)
    raise PermissionDenied


def contact_read_log(reader: Any, members: list[Member]) -> None:
    """Logs that coordinator ``reader`` read the contact details of ``members`` (one row
    per member still linked to a user)."""
    access_log_write(
        user=reader,
        subject_user_ids=[m.user_id for m in members if m.user_id is not None],
        action=AccessAction.VIEW,
        purpose=UserPurpose.NEIGHBOURLY_HELP,
        granted=True,
    )
