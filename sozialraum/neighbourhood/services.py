"""Writes of neighbourly help: signing up, checking identity, posts, matches, messages,
blocks and reports, and deleting a member.

Every write that a coordinator can do for a member takes ``acted_by`` (the signed-in user)
and ``trusted_person`` (true when a coordinator acts for the member); both are stored on
the row. Rate limits count the rows already written, so they hold across processes.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from sozialraum.accounts.models import User
from sozialraum.accounts.services import membership_create, membership_delete, user_create
from sozialraum.districts.models import District
from sozialraum.lib.access import Role

from .access import COORDINATING_ROLES, is_coordinator
from .choices import MemberStatus
from .models import Block, HelpGroup, Match, Member, Message, Post, Report


@dataclass(frozen=True)
class RateLimit:
    """At most ``count`` writes per ``window``."""

    count: int
    window: dt.timedelta


#: Sign-ups from one network address, posts and messages of one member.
SIGNUP_LIMIT = RateLimit(5, dt.timedelta(hours=1))
POST_LIMIT = RateLimit(10, dt.timedelta(days=1))
MESSAGE_LIMIT = RateLimit(30, dt.timedelta(hours=1))

#: The name a deleted member keeps in the ledger and in old conversations.
ANONYMOUS_NAME = "—"


def rate_limit_check(rows: QuerySet[Any], field: str, limit: RateLimit, message: str) -> None:
    """Raises ``ValidationError(message)`` when ``rows`` already hold ``limit.count`` rows
    whose ``field`` (a date-time) lies within the window."""
    since = timezone.now() - limit.window
    if rows.filter(**{f"{field}__gte": since}).count() >= limit.count:
        raise ValidationError(message, code="rate_limited")


def signup_key(remote_address: str) -> str:
    """A keyed hash of the visitor's network address: enough to count sign-ups from one
    address, without storing the address."""
    return hashlib.sha256(f"{settings.SECRET_KEY}:{remote_address}".encode()).hexdigest()


def member_signup(
    *,
    group: HelpGroup,
    name: str,
    district: District | None,
    key: str,
    user: User | None = None,
    email: str = "",
    password: str = "",
) -> Member:
    """A resident joins ``group``: with a new account (``email``, ``password``) or their
    signed-in ``user``. They get the resident role in the group's organisation and a
    membership waiting for a coordinator's identity check; the coordinators are told by
    e-mail. Raises ``ValidationError`` (nothing written) for bad values, a closed group, a
    second sign-up or too many sign-ups from one address (``key``)."""
    if not group.open_for_signup:
        raise ValidationError(_("This group does not take new members at the moment."))
    rate_limit_check(
        Member.objects.filter(signup_key=key),
        "joined_at",
        SIGNUP_LIMIT,
        _("Too many sign-ups from this connection. Please try again in an hour."),
    )
    with transaction.atomic():
        if user is None:
            user = _resident_create(group, name, email, password)
        elif not user.memberships.filter(organisation=group.organisation).exists():
            membership_create(user=user, organisation=group.organisation, role=Role.RESIDENT)
        if Member.objects.filter(group=group, user=user).exists():
            raise ValidationError(_("You are already a member of this group."))
        member = Member(group=group, user=user, name=name, district=district, signup_key=key)
        member.full_clean()
        member.save()
    _coordinators_tell(group, member)
    return member


def _resident_create(group: HelpGroup, name: str, email: str, password: str) -> User:
    if User.objects.filter(Q(username__iexact=email) | Q(email__iexact=email)).exists():
        raise ValidationError(
            {"email": _("An account with this e-mail address exists. Please sign in first.")}
        )
    try:
        return user_create(
            username=email,
            email=email,
            first_name=name,
            password=password,
            memberships=[(group.organisation, Role.RESIDENT)],
        )
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            raise
        raise ValidationError({"password": error.messages}) from error


def _coordinators_tell(group: HelpGroup, member: Member) -> None:
    recipients = sorted(
        set(
            User.objects.filter(
                memberships__organisation=group.organisation,
                memberships__role__in=COORDINATING_ROLES,
            )
            .exclude(email="")
            .values_list("email", flat=True)
        )
    )
    if recipients:
        send_mail(
            _("New member waiting for the identity check: %(group)s") % {"group": group.name},
            _("%(name)s has signed up. Please check their identity in person.")
            % {"name": member.name},
            None,
            recipients,
        )


def member_verify(*, member: Member, actor: User) -> Member:
    """A coordinator of the member's group records that they saw the member's identity in
    person (who and when). Raises ``PermissionDenied`` for anyone else."""
    if not is_coordinator(actor, member.group):
        raise PermissionDenied
    member.status = MemberStatus.VERIFIED
    member.verified_at = timezone.now()
    member.verified_by = actor
    member.save(update_fields=["status", "verified_at", "verified_by"])
    return member


def _require_verified(*members: Member) -> None:
    for member in members:
        if not member.is_verified:
            raise ValidationError(
                _("%(name)s's identity has not been checked by a coordinator yet.")
                % {"name": member.name}
            )


def post_create(*, member: Member, acted_by: User, trusted_person: bool, **fields: Any) -> Post:
    """A verified member posts an offer or a request (a coordinator may post for them as
    their trusted person). Rate limited per member."""
    _require_verified(member)
    rate_limit_check(
        Post.objects.filter(member=member),
        "created_at",
        POST_LIMIT,
        _("You have posted a lot today. Please wait until tomorrow."),
    )
    post = Post(
        group=member.group,
        member=member,
        acted_by=acted_by,
        trusted_person=trusted_person,
        **fields,
    )
    post.full_clean()
    post.save()
    return post


def post_close(*, post: Post) -> None:
    post.closed_at = timezone.now()
    post.save(update_fields=["closed_at"])


def blocked_between(first: Member, second: Member) -> bool:
    return Block.objects.filter(
        Q(blocker=first, blocked=second) | Q(blocker=second, blocked=first)
    ).exists()


def match_create(*, post: Post, member: Member, acted_by: User, trusted_person: bool) -> Match:
    """``member`` answers ``post`` (or a coordinator matches them by hand, recorded as
    trusted person). Both must be verified members of the post's group, the post open, and
    neither may have blocked the other. Answering twice returns the existing match."""
    if member.group_id != post.group_id or member.pk == post.member_id:
        raise ValidationError(_("You cannot answer this post."))
    _require_verified(member, post.member)
    if not post.is_open:
        raise ValidationError(_("This post is no longer open."))
    if blocked_between(member, post.member):
        raise ValidationError(_("You cannot answer this post."))
    match, _created = Match.objects.get_or_create(
        post=post,
        member=member,
        defaults={"acted_by": acted_by, "trusted_person": trusted_person},
    )
    return match


def match_agree(*, match: Match, member: Member) -> Match:
    """``member`` (one of the match's two sides) agrees to share contact details; they
    are shown once both have agreed."""
    now = timezone.now()
    if member.pk == match.post.member_id:
        match.author_agreed_at = match.author_agreed_at or now
    elif member.pk == match.member_id:
        match.member_agreed_at = match.member_agreed_at or now
    else:
        raise PermissionDenied
    match.save(update_fields=["author_agreed_at", "member_agreed_at"])
    return match


def message_send(
    *, match: Match, sender: Member, text: str, acted_by: User, trusted_person: bool
) -> Message:
    """``sender`` (a side of ``match``) writes to the other side. Refused when either has
    blocked the other, and rate limited per sender."""
    if sender.pk not in {m.pk for m in match.sides}:
        raise PermissionDenied
    if blocked_between(sender, match.other_side(sender)):
        raise ValidationError({"text": _("You cannot write to this member.")})
    rate_limit_check(
        Message.objects.filter(sender=sender),
        "sent_at",
        MESSAGE_LIMIT,
        _("You have written many messages. Please wait a little."),
    )
    message = Message(
        match=match, sender=sender, text=text, acted_by=acted_by, trusted_person=trusted_person
    )
    message.full_clean()
    message.save()
    return message


def member_block(*, blocker: Member, blocked: Member) -> Block:
    """``blocker`` stops ``blocked`` from writing to them."""
    block, _created = Block.objects.get_or_create(blocker=blocker, blocked=blocked)
    return block


def report_create(*, match: Match, reporter: Member, reason: str) -> Report:
    """``reporter`` reports the other side of ``match`` to the group's coordinators."""
    report = Report(
        group=match.post.group,
        reporter=reporter,
        about=match.other_side(reporter),
        match=match,
        reason=reason,
    )
    report.full_clean()
    report.save()
    return report


def report_resolve(*, report: Report, actor: User, outcome: str) -> Report:
    """A coordinator of the report's group records what they did about it."""
    if not is_coordinator(actor, report.group):
        raise PermissionDenied
    report.resolved_at = timezone.now()
    report.resolved_by = actor
    report.outcome = outcome
    report.save(update_fields=["resolved_at", "resolved_by", "outcome"])
    return report


def member_anonymise(*, member: Member) -> None:
    """Removes a member's personal data: profile and contact details, the text of their
    posts and messages. The rows stay (anonymised) so conversations and the ledger keep
    their shape; open posts are closed."""
    now = timezone.now()
    with transaction.atomic():
        Post.objects.filter(member=member, closed_at__isnull=True).update(closed_at=now)
        Post.objects.filter(member=member).update(text=ANONYMOUS_NAME, times="")
        Message.objects.filter(sender=member).update(text=ANONYMOUS_NAME)
        Member.objects.filter(pk=member.pk).update(
            user=None,
            name=ANONYMOUS_NAME,
            offers=[],
            available="",
            needs="",
            phone="",
            address="",
            signup_key="",
            anonymised_at=now,
        )


def member_leave(*, member: Member, user: User) -> None:
    """``user`` leaves the group: their member data are anonymised and their resident
    role in the group's organisation ends."""
    with transaction.atomic():
        member_anonymise(member=member)
        for membership in user.memberships.filter(
            organisation_id=member.group.organisation_id, role=Role.RESIDENT
        ):
            membership_delete(membership=membership, actor=user)


def user_help_data_delete(*, user: User) -> None:
    """Anonymises every membership of ``user`` in help groups (before the account goes)."""
    for member in Member.objects.filter(user=user):
        member_anonymise(member=member)
