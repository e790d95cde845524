"""Reads of neighbourly help: nearby posts, a member's matches, balances and statements.

Nearness is measured between district centres (the middle of each district's bounding
box): a post is near when its district is the member's own or its centre lies within the
distance the member goes. Lists read no district geometry.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Q, QuerySet, Sum
from django.utils import timezone

from sozialraum.districts.models import District, geometry_fields
from sozialraum.lib.geo import haversine_m

from .choices import PostKind, TransferStatus
from .models import HelpGroup, Match, Member, Movement, Post, Transfer

#: How many posts the nearby list shows.
NEARBY_SHOWN = 30


def _centre(district: District) -> tuple[float, float] | None:
    if district.min_lat is None or district.max_lat is None:
        return None
    assert district.min_lon is not None and district.max_lon is not None
    return (district.min_lat + district.max_lat) / 2, (district.min_lon + district.max_lon) / 2


def districts_near(district_id: int | None, radius_km: int) -> list[int]:
    """The ids of the districts whose centre lies within ``radius_km`` of the centre of
    district ``district_id`` (always including it); all districts when it is None. Reads
    the bounding boxes only, never a boundary."""
    boxes = list(District.objects.only("id", "min_lat", "min_lon", "max_lat", "max_lon"))
    home = next((d for d in boxes if d.pk == district_id), None)
    if home is None:
        return [d.pk for d in boxes]
    centre = _centre(home)
    near = [home.pk]
    for other in boxes:
        there = _centre(other)
        close = centre and there and haversine_m(*centre, *there) <= radius_km * 1000
        if other.pk != home.pk and close:
            near.append(other.pk)
    return near


def open_posts(group: HelpGroup) -> QuerySet[Post]:
    return (
        Post.objects.filter(
            group=group, closed_at__isnull=True, valid_until__gte=timezone.localdate()
        )
        .select_related("member", "district")
        .defer(*geometry_fields("district"))
    )


def posts_nearby(member: Member) -> list[Post]:
    """Open posts of others near ``member``: first the requests they can help with (their
    categories), then the rest, newest first within each."""
    near = districts_near(member.district_id, member.radius_km)
    posts = list(
        open_posts(member.group).filter(district_id__in=near).exclude(member=member)[:NEARBY_SHOWN]
    )
    offers = set(member.offers)

    def fits(post: Post) -> bool:
        return post.kind == PostKind.REQUEST and post.category in offers

    return sorted(posts, key=lambda post: not fits(post))


def matches_for_member(member: Member) -> QuerySet[Match]:
    """Every match ``member`` is a side of."""
    return (
        Match.objects.filter(Q(post__member=member) | Q(member=member))
        .select_related("post__member", "member", "post__district")
        .defer(*geometry_fields("post__district"))
    )


def balance(member: Member) -> int:
    """The member's balance in minutes (the sum of their movements)."""
    total = Movement.objects.filter(member=member).aggregate(total=Sum("minutes"))["total"]
    return int(total or 0)


@dataclass(frozen=True)
class Balance:
    member: Member
    minutes: int
    flag: str


def group_balances(group: HelpGroup) -> list[Balance]:
    """Every member's balance in ``group`` (one query), flagged outside the limits."""
    members = Member.objects.filter(group=group).annotate(total=Sum("movements__minutes"))
    return [
        Balance(m, int(m.total or 0), group.balance_flag(int(m.total or 0)))
        for m in members.order_by("name", "pk")
    ]


def ledger_total(group: HelpGroup | None = None) -> int:
    """The sum of all movements (of one group): zero, always."""
    rows = Movement.objects.all() if group is None else Movement.objects.filter(group=group)
    return int(rows.aggregate(total=Sum("minutes"))["total"] or 0)


@dataclass(frozen=True)
class Clearing:
    other_group: str
    minutes: int


def clearing_balances(group: HelpGroup) -> list[Clearing]:
    """The sum of ``group``'s clearing movements per other group (transfers between
    groups): what the group's members received from (minus) or gave to (plus) each."""
    rows = (
        Movement.objects.filter(group=group, member__isnull=True)
        .values("counterpart_group__organisation__name")
        .annotate(total=Sum("minutes"))
        .order_by("counterpart_group__organisation__name")
    )
    return [Clearing(r["counterpart_group__organisation__name"], int(r["total"])) for r in rows]


def statement(member: Member) -> QuerySet[Movement]:
    """The member's movements; those of a transfer between groups name the other group."""
    return Movement.objects.filter(member=member).select_related(
        "transfer", "counterpart_group__organisation"
    )


def transfers_to_confirm(member: Member) -> QuerySet[Transfer]:
    return Transfer.objects.filter(helped=member, status=TransferStatus.PROPOSED).select_related(
        "helper", "group__organisation"
    )


def transfers_from_other_groups(group: HelpGroup) -> QuerySet[Transfer]:
    """Transfers from members of other groups to members of ``group`` that wait for a
    decision (``group``'s coordinators may decide them)."""
    return (
        Transfer.objects.filter(helped__group=group, status=TransferStatus.PROPOSED)
        .exclude(group=group)
        .select_related("helper", "helped", "group__organisation")
    )


def groups_for_transfers(group: HelpGroup) -> QuerySet[HelpGroup]:
    """The other groups whose members can be helped by members of ``group``."""
    return (
        HelpGroup.objects.filter(time_accounts=True, transfers_between_groups=True)
        .exclude(pk=group.pk)
        .select_related("organisation")
        .only("pk", "organisation__name", "organisation__slug")
    )
