"""Test data for neighbourly help: groups, verified members, posts, matches."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from sozialraum.accounts.models import Organisation, OrganisationKind, User
from sozialraum.accounts.tests.factories import OrganisationFactory, UserFactory, user_with_role
from sozialraum.directory.tests.factories import square_district
from sozialraum.districts.models import District
from sozialraum.lib.access import Role
from sozialraum.neighbourhood.choices import Category, MemberStatus, PostKind
from sozialraum.neighbourhood.models import HelpGroup, Match, Member, Post


def group_make(*, time_accounts: bool = True, **fields: Any) -> HelpGroup:
    organisation = OrganisationFactory.create(kind=OrganisationKind.VOLUNTEER_GROUP)
    return HelpGroup.objects.create(
        organisation=organisation, time_accounts=time_accounts, **fields
    )


def coordinator_of(group: HelpGroup) -> User:
    return user_with_role(Role.COORDINATOR, group.organisation)


def district_make(lon: float = 9.43, lat: float = 54.78, **fields: Any) -> District:
    return square_district(lon, lat, size=0.01, **fields)


def member_make(
    group: HelpGroup,
    *,
    verified: bool = True,
    district: District | None = None,
    name: str = "Nachbarin",
    **fields: Any,
) -> Member:
    user = UserFactory.create()
    organisation: Organisation = group.organisation
    user.memberships.create(organisation=organisation, role=Role.RESIDENT)
    now = timezone.now()
    return Member.objects.create(
        group=group,
        user=user,
        name=name,
        district=district,
        status=MemberStatus.VERIFIED if verified else MemberStatus.PENDING,
        verified_at=now if verified else None,
        **fields,
    )


def post_make(
    member: Member,
    *,
    kind: str = PostKind.REQUEST,
    category: str = Category.SHOPPING,
    district: District | None = None,
    **fields: Any,
) -> Post:
    today = timezone.localdate()
    district = district or member.district or district_make()
    values: dict[str, Any] = {
        "text": "Einkauf am Donnerstag",
        "starts_on": today,
        "ends_on": today + dt.timedelta(days=3),
        "valid_until": today + dt.timedelta(days=7),
        **fields,
    }
    return Post.objects.create(
        group=member.group,
        member=member,
        kind=kind,
        category=category,
        district=district,
        acted_by=member.user,
        **values,
    )


def match_make(post: Post, member: Member) -> Match:
    return Match.objects.create(post=post, member=member, acted_by=member.user)


def user_of(member: Member) -> User:
    """The member's user (a test member always has one)."""
    assert member.user is not None
    return member.user
