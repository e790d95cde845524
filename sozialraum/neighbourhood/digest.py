"""The digest of new nearby posts: one e-mail per member listing the open posts that
appeared near them, in the categories they help with, since their last digest.

A member gets a digest when they are verified, still linked to an account with an e-mail
address, and have chosen at least one category. "Near" is what the member's overview
shows (:func:`.selectors.districts_near`); a post appears once, in the first digest after
it was posted (or after the member's identity check, for older posts nothing is sent).
The e-mail names the kind, the category, the district and the dates of each post, and
links to it; never an address. Every digest sent is recorded (:class:`.models.Digest`),
so running the command again sends nothing twice.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from .choices import MemberStatus
from .models import Digest, Member, Post
from .selectors import districts_near, open_posts


@dataclass(frozen=True)
class DigestRun:
    """What one run did: e-mails sent and the posts they listed."""

    sent: int
    posts: int


def digest_members() -> list[Member]:
    """The members who get digests (see the module's description)."""
    members = Member.objects.filter(
        status=MemberStatus.VERIFIED, anonymised_at__isnull=True, user__isnull=False
    ).exclude(user__email="")
    return [m for m in members.select_related("user", "group__organisation") if m.offers]


def digest_posts(
    member: Member, since: dt.datetime, until: dt.datetime, near: list[int]
) -> list[Post]:
    """Open posts of others in districts ``near``, in ``member``'s categories, posted
    after ``since`` and up to ``until``, oldest first."""
    return list(
        open_posts(member.group)
        .filter(
            district_id__in=near,
            category__in=member.offers,
            created_at__gt=since,
            created_at__lte=until,
        )
        .exclude(member=member)
        .order_by("created_at", "pk")
    )


def _since(member: Member, last: dt.datetime | None) -> dt.datetime:
    return last or member.verified_at or member.joined_at


def _mail_text(member: Member, posts: list[Post], base_url: str) -> tuple[str, str]:
    subject = _("New posts near you: %(group)s") % {"group": member.group.name}
    lines = [
        _("Hello %(name)s,") % {"name": member.name},
        "",
        _("there are new posts near you in the categories you help with:"),
        "",
    ]
    for post in posts:
        lines.append(
            f"- {post.get_kind_display()} · {post.get_category_display()} · "
            f"{post.district.name} · {post.starts_on:%d.%m.} – {post.ends_on:%d.%m.%Y}"
        )
        lines.append(f"  {base_url}{post.get_absolute_url()}")
    lines += [
        "",
        _("You get this e-mail because you are a member of %(group)s.")
        % {"group": member.group.name},
    ]
    return subject, "\n".join(lines)


def digests_send(*, base_url: str = "", now: dt.datetime | None = None) -> DigestRun:
    """Sends every member their digest of posts up to ``now`` and records it. ``base_url``
    (e.g. ``https://sozialraum.example``) makes the links absolute."""
    until = now or timezone.now()
    nears: dict[tuple[int | None, int], list[int]] = {}
    sent = listed = 0
    for member in digest_members():
        key = (member.district_id, member.radius_km)
        if key not in nears:
            nears[key] = districts_near(*key)
        count = _member_digest(member, until, nears[key], base_url)
        if count:
            sent, listed = sent + 1, listed + count
    return DigestRun(sent=sent, posts=listed)


def _member_digest(member: Member, until: dt.datetime, near: list[int], base_url: str) -> int:
    """One member's digest, in one transaction holding the member's row, so two runs at
    once cannot list a post twice; a failed e-mail leaves no record (tried again next
    time). Returns how many posts it listed."""
    assert member.user is not None
    with transaction.atomic():
        Member.objects.select_for_update().filter(pk=member.pk).values_list("pk").first()
        last = Digest.objects.filter(member=member).aggregate(last=Max("until"))["last"]
        posts = digest_posts(member, _since(member, last), until, near)
        if not posts:
            return 0
        digest = Digest.objects.create(member=member, until=until)
        digest.posts.set(posts)
        subject, body = _mail_text(member, posts, base_url)
        send_mail(subject, body, None, [member.user.email])
    return len(posts)
