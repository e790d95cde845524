"""The start page's "Neighbourly help" section: for residents their groups with posts,
contacts, time to confirm and balance. Registered in :class:`~.apps.NeighbourhoodConfig`.
(Coordinators reach their group's coordination page from the group's page.)
"""

from __future__ import annotations

from typing import Any, cast

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from sozialraum.accounts.models import User
from sozialraum.accounts.start import StartSection, start_section_register
from sozialraum.lib.access import Role, roles

from . import selectors
from .models import Member


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
