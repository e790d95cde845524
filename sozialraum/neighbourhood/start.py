"""The start page's "Neighbourly help" sections: for residents their groups with posts,
contacts, time to confirm and balance; for coordinators the groups they coordinate with
the members waiting and the open reports. Registered in :class:`~.apps.NeighbourhoodConfig`.
"""

from __future__ import annotations

from typing import Any, cast

from django.db.models import Count, Q
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from sozialraum.accounts.models import User
from sozialraum.accounts.start import StartSection, start_section_register
from sozialraum.lib.access import Role, roles

from . import selectors
from .access import COORDINATING_ROLES, coordinated_groups
from .choices import MemberStatus
from .models import HelpGroup, Member


def _memberships(request: HttpRequest) -> dict[str, Any]:
    user = cast(User, request.user)
    members = Member.objects.filter(user=user, anonymised_at__isnull=True)
    rows = []
    for member in members.select_related("group__organisation"):
        rows.append(
            {
                "member": member,
                "group": member.group,
                "posts": selectors.open_posts(member.group).filter(member=member).count(),
                "matches": selectors.matches_for_member(member).count(),
                "to_confirm": selectors.transfers_to_confirm(member).count(),
                "balance": selectors.balance(member) if member.group.time_accounts else None,
            }
        )
    return {"rows": rows}


def _coordination(request: HttpRequest) -> dict[str, Any]:
    ids = [group.pk for group in coordinated_groups(request.user)]
    groups = (
        HelpGroup.objects.filter(pk__in=ids)
        .select_related("organisation")
        .annotate(
            pending=Count("members", filter=Q(members__status=MemberStatus.PENDING), distinct=True),
            open_reports=Count(
                "reports", filter=Q(reports__resolved_at__isnull=True), distinct=True
            ),
        )
    )
    return {"groups": groups}


def register() -> None:
    start_section_register(
        StartSection(
            key="neighbourly_help",
            title=_("Neighbourly help"),
            template="neighbourhood/start/member.html",
            audience=roles(Role.RESIDENT),
            order=15,
            context=_memberships,
        )
    )
    start_section_register(
        StartSection(
            key="neighbourly_help_coordination",
            title=_("Coordinating neighbourly help"),
            template="neighbourhood/start/coordination.html",
            audience=roles(*COORDINATING_ROLES),
            order=16,
            context=_coordination,
        )
    )
