"""Who may do what with walks and barriers: the one gate per entity (STYLE.md rule 6).

- Pages of walks and barriers: members of organisations (every role but resident).
- A walk: read and record barriers on it as a member of its organisation (or an
  administrator of any organisation, as for the directory).
- A barrier's state: members of its office's organisation, or administrators.
- Reopening: those, and members of the walk's organisation, and its reporter.
- The district barrier map and table and the Open311 reads are public: barriers are in
  public space and carry no name; photos only for signed-in members of organisations.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from sozialraum.lib.access import ORGANISATION_ROLES, Role, roles

from .models import Barrier, FollowUp, Walk

#: The audience of walk and barrier pages.
TEAM = roles(*sorted(ORGANISATION_ROLES))

#: Who reviews what walks reported about the places of their offers.
REVIEWERS = roles(Role.PROVIDER_EDITOR, Role.ADMIN)


def _organisation_ids(user: Any) -> set[int]:
    """The organisations of all the user's memberships (read once per request)."""
    return set(user.organisation_ids_with(frozenset(Role.values)))


def _is_admin(user: Any) -> bool:
    return Role.ADMIN in user.roles


def walks_for_user(user: Any) -> QuerySet[Walk]:
    """The walks of the user's organisations (every walk for administrators)."""
    walks = Walk.objects.select_related("district", "organisation")
    return walks if _is_admin(user) else walks.filter(organisation__in=_organisation_ids(user))


def walk_for_user(user: Any, pk: int) -> Walk:
    """The walk ``pk`` if the user's organisation holds it: 404 if none, 403 if foreign."""
    walk = get_object_or_404(Walk.objects.select_related("district", "organisation"), pk=pk)
    if not (_is_admin(user) or walk.organisation_id in _organisation_ids(user)):
        raise PermissionDenied
    return walk


def barrier_get(pk: int) -> Barrier:
    """A barrier for reading (barriers are public facts; pages still declare audiences)."""
    return get_object_or_404(
        Barrier.objects.select_related("office", "district", "walk").defer("photo"), pk=pk
    )


def can_move(user: Any, barrier: Barrier) -> bool:
    """Whether the user works for the barrier's office (or administers)."""
    return _is_admin(user) or barrier.office.organisation_id in _organisation_ids(user)


def can_reopen(user: Any, barrier: Barrier) -> bool:
    walk_org = barrier.walk.organisation_id if barrier.walk else None
    return (
        can_move(user, barrier)
        or barrier.reporter_id == user.pk
        or (walk_org is not None and walk_org in _organisation_ids(user))
    )


def follow_up_for_user(user: Any, pk: int) -> FollowUp:
    """A question to answer: only the user it asks (404 for everyone else)."""
    return get_object_or_404(
        FollowUp.objects.select_related("barrier", "barrier__office"), pk=pk, asked=user
    )
