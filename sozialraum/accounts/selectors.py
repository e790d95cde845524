"""Reads on accounts: a user's memberships and teams, district teams, second-factor status.

:func:`team_for_user` is the access helper for a district team: every page and API path
that shows one team goes through it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from sozialraum.districts.models import GEOMETRY, District
from sozialraum.lib.access import Role

from .models import DistrictTeam, Membership, Organisation, User

# --- The signed-in user ---------------------------------------------------------------------


def user_memberships(user: User) -> QuerySet[Membership]:
    """The user's memberships with their organisations, by organisation name."""
    return user.memberships.select_related("organisation")


def _districts_listed() -> QuerySet[District]:
    """Teams' districts as the pages list them: without their shapes."""
    return District.objects.defer(*GEOMETRY)


def user_teams(user: User) -> QuerySet[DistrictTeam]:
    """The district teams the user belongs to through any membership."""
    return (
        DistrictTeam.objects.filter(members__user=user)
        .distinct()
        .prefetch_related(Prefetch("districts", queryset=_districts_listed()))
    )


def teams_for_start(user: User) -> list[DistrictTeam]:
    """The user's district teams with their districts and members (users and
    organisations), by name, for the start page (three queries)."""
    members = Membership.objects.select_related("user", "organisation").order_by(
        "organisation__name", "user__last_name", "user__first_name", "user__username"
    )
    return list(
        DistrictTeam.objects.filter(members__user=user)
        .distinct()
        .order_by("name")
        .prefetch_related(
            Prefetch("districts", queryset=_districts_listed().order_by("name")),
            Prefetch("members", queryset=members),
        )
    )


@dataclass(frozen=True)
class SecondFactorStatus:
    """What the account page says about the second factor and which actions it offers."""

    enrolled: bool
    required: bool
    recovery_codes_left: int
    last_used: datetime | None

    @property
    def may_disable(self) -> bool:
        return self.enrolled and not self.required

    @property
    def few_codes_left(self) -> bool:
        return self.enrolled and self.recovery_codes_left < 3


def second_factor_status(user: User) -> SecondFactorStatus:
    """The user's second factor. The confirmed authenticator app this session was verified
    with was read for this request already (django-otp's ``user.otp_device``, checked to
    exist, belong to the user and be confirmed); without one, the app is looked up."""
    verified = getattr(user, "otp_device", None)
    if isinstance(verified, TOTPDevice) and verified.confirmed and verified.user_id == user.pk:
        app: TOTPDevice | None = verified
    else:
        app = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return SecondFactorStatus(
        enrolled=app is not None,
        required=user.requires_second_factor,
        recovery_codes_left=recovery_codes_left(user),
        last_used=app.last_used_at if app else None,
    )


def recovery_codes_left(user: User) -> int:
    """How many unused recovery codes the user has."""
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


def totp_device_pending(user: User, pk: object) -> TOTPDevice | None:
    """The user's unconfirmed authenticator app with this primary key, if it still exists."""
    if not isinstance(pk, int):
        return None
    return TOTPDevice.objects.filter(pk=pk, user=user, confirmed=False).first()


# --- District teams -------------------------------------------------------------------------


@dataclass(frozen=True)
class TeamSummary:
    """One line of the team list: the team, who works in it, and whether the user may open
    it."""

    team: DistrictTeam
    organisations: list[Organisation]
    is_member: bool
    may_open: bool


def team_list_for_user(user: User) -> list[TeamSummary]:
    """All district teams with their districts and member organisations (three queries)."""
    members = Membership.objects.select_related("organisation")
    teams = DistrictTeam.objects.prefetch_related(
        Prefetch("districts", queryset=_districts_listed()), Prefetch("members", queryset=members)
    )
    is_admin = Role.ADMIN in user.roles
    summaries = []
    for team in teams:
        member = any(m.user_id == user.pk for m in team.members.all())
        organisations = {m.organisation_id: m.organisation for m in team.members.all()}
        summaries.append(
            TeamSummary(
                team=team,
                organisations=sorted(organisations.values(), key=lambda o: o.name),
                is_member=member,
                may_open=member or is_admin,
            )
        )
    return summaries


def team_for_user(user: User, slug: str) -> DistrictTeam:
    """The team ``slug`` if ``user`` is one of its members or an administrator.

    Raises ``Http404`` if there is no such team and ``PermissionDenied`` otherwise.
    """
    team = DistrictTeam.objects.filter(slug=slug).first()
    if team is None:
        raise Http404(_("There is no such district team."))
    if Role.ADMIN not in user.roles and not team.has_member(user):
        raise PermissionDenied(_("Only members of this district team can see it."))
    return team


@dataclass
class TeamMember:
    user: User
    roles: list[str] = field(default_factory=list)


@dataclass
class OrganisationGroup:
    organisation: Organisation
    members: list[TeamMember] = field(default_factory=list)


def team_members_by_organisation(team: DistrictTeam) -> list[OrganisationGroup]:
    """The team's members grouped by organisation (by name), each with the roles in which
    they belong to the team (one query)."""
    memberships = team.members.select_related("organisation", "user").order_by(
        "organisation__name", "user__last_name", "user__first_name", "user__username", "role"
    )
    groups: dict[int, OrganisationGroup] = {}
    people: dict[tuple[int, int], TeamMember] = {}
    for membership in memberships:
        group = groups.setdefault(
            membership.organisation_id, OrganisationGroup(membership.organisation)
        )
        key = (membership.organisation_id, membership.user_id)
        if key not in people:
            people[key] = TeamMember(membership.user)
            group.members.append(people[key])
        people[key].roles.append(membership.get_role_display())
    return list(groups.values())
