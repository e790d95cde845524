"""Writes on time accounts: a helper proposes a transfer of minutes, the helped member (or
a coordinator) confirms or declines it. Confirmation books two immutable movements that
sum to zero, so every group's ledger sums to zero.

Concurrency: confirmation flips the transfer from proposed to confirmed with one
conditional ``UPDATE`` inside the transaction that books the movements; of two concurrent
confirmations only one changes the row, the other books nothing. This holds on SQLite
(one writer at a time) and PostgreSQL (the second ``UPDATE`` waits for the first and then
finds the row no longer proposed). A transfer between two groups is booked the same way,
with its four movements in the same transaction.

Between groups, the helper names the helped member by the member's transfer code (shown
only to that member on their statement): no member list of the other group is shown.
"""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from sozialraum.accounts.models import User

from .access import is_coordinator
from .choices import Category, MemberStatus, TransferStatus
from .models import HelpGroup, Match, Member, Movement, Transfer

#: Characters of a member's transfer code (hex of a keyed hash: 40 bits, not guessable).
TRANSFER_CODE_LENGTH = 10


def transfer_propose(
    *, match: Match, proposer: Member | None, minutes: int, reason: str, acted_by: User
) -> Transfer:
    """The helper of ``match`` (``proposer``, or a coordinator acting for them when
    ``proposer`` is None) records ``minutes`` of help. Raises ``ValidationError`` if the
    group keeps no time accounts or the values are invalid."""
    group = match.post.group
    if not group.time_accounts:
        raise ValidationError(_("This group does not keep time accounts."))
    helper = match.helper
    if proposer is not None and proposer.pk != helper.pk:
        raise ValidationError(_("Only the member who helped records the time."))
    if proposer is None and not is_coordinator(acted_by, group):
        raise PermissionDenied
    transfer = Transfer(
        group=group,
        helper=helper,
        helped=match.helped,
        match=match,
        minutes=minutes,
        category=match.post.category,
        reason=reason,
        acted_by=acted_by,
        trusted_person=proposer is None,
    )
    transfer.full_clean()
    transfer.save()
    return transfer


def transfer_code(member: Member) -> str:
    """The code a member gives a helper of another group so that the helper can record
    time for them: a keyed hash of the member, nothing stored, shown only to the member."""
    digest = salted_hmac("neighbourhood.transfer_code", str(member.pk)).hexdigest()
    code = digest[:TRANSFER_CODE_LENGTH].upper()
    return f"{code[:5]}-{code[5:]}"


def _member_by_code(group: HelpGroup, code: str) -> Member | None:
    wanted = code.strip().upper()
    candidates = Member.objects.filter(
        group=group, status=MemberStatus.VERIFIED, anonymised_at__isnull=True
    ).only("pk", "group_id")
    return next((m for m in candidates.iterator() if transfer_code(m) == wanted), None)


def transfer_propose_across(
    *,
    helper: Member,
    other_group: HelpGroup,
    code: str,
    minutes: int,
    category: str,
    reason: str,
    acted_by: User,
) -> Transfer:
    """``helper`` records ``minutes`` of help for the member of ``other_group`` whose
    transfer code is ``code``. Both groups must keep time accounts and allow transfers
    with other groups. Raises ``ValidationError`` naming the form field otherwise."""
    group = helper.group
    if not (group.time_accounts and group.transfers_between_groups):
        raise ValidationError(_("Your group does not allow transfers with other groups."))
    if other_group.pk == group.pk:
        raise ValidationError({"other_group": _("Please choose another group than your own.")})
    if not (other_group.time_accounts and other_group.transfers_between_groups):
        raise ValidationError(
            {"other_group": _("This group does not allow transfers with other groups.")}
        )
    if not helper.is_verified:
        raise ValidationError(_("Your identity has not been checked by a coordinator yet."))
    helped = _member_by_code(other_group, code)
    if helped is None:
        raise ValidationError({"code": _("No member of this group has this code.")})
    transfer = Transfer(
        group=group,
        helper=helper,
        helped=helped,
        minutes=minutes,
        category=Category(category),
        reason=reason,
        acted_by=acted_by,
        trusted_person=helper.user_id != acted_by.pk,
    )
    transfer.full_clean()
    transfer.save()
    return transfer


def _may_decide(transfer: Transfer, user: User) -> bool:
    """The helped member or a coordinator of the helped member's group."""
    return transfer.helped.user_id == user.pk or is_coordinator(user, transfer.helped.group)


def _movements(transfer: Transfer, now: datetime) -> list[Movement]:
    """The movements of a confirmed transfer: two within a group; between groups four,
    with a clearing movement (no member, naming the other group) in each group."""
    helper_group, helped_group = transfer.group_id, transfer.helped.group_id
    across = transfer.across_groups
    # (group, member or None for clearing, the other group, sign)
    rows: list[tuple[int, int | None, int | None, int]] = [
        (helped_group, transfer.helped_id, helper_group if across else None, -1),
        (helper_group, transfer.helper_id, helped_group if across else None, 1),
    ]
    if across:
        rows += [(helper_group, None, helped_group, -1), (helped_group, None, helper_group, 1)]
    return [
        Movement(
            transfer=transfer,
            group_id=group,
            member_id=member,
            counterpart_group_id=other,
            minutes=sign * transfer.minutes,
            at=now,
        )
        for group, member, other, sign in rows
    ]


def transfer_confirm(*, transfer: Transfer, actor: User) -> Transfer:
    """The helped member or a coordinator of their group confirms: the transfer is booked
    as two movements (minus for the helped, plus for the helper), or four between groups.
    Raises ``PermissionDenied`` for anyone else and ``ValidationError`` if the transfer was
    already decided."""
    if not _may_decide(transfer, actor):
        raise PermissionDenied
    now = timezone.now()
    by_coordinator = transfer.helped.user_id != actor.pk
    with transaction.atomic():
        changed = Transfer.objects.filter(pk=transfer.pk, status=TransferStatus.PROPOSED).update(
            status=TransferStatus.CONFIRMED,
            decided_at=now,
            decided_by=actor,
            decided_by_coordinator=by_coordinator,
        )
        if changed != 1:
            raise ValidationError(_("This time entry has already been decided."))
        Movement.objects.bulk_create(_movements(transfer, now))
    transfer.refresh_from_db()
    return transfer


def transfer_decline(*, transfer: Transfer, actor: User) -> Transfer:
    """The helped member or a coordinator declines: nothing is booked."""
    if not _may_decide(transfer, actor):
        raise PermissionDenied
    changed = Transfer.objects.filter(pk=transfer.pk, status=TransferStatus.PROPOSED).update(
        status=TransferStatus.DECLINED,
        decided_at=timezone.now(),
        decided_by=actor,
        decided_by_coordinator=transfer.helped.user_id != actor.pk,
    )
    if changed != 1:
        raise ValidationError(_("This time entry has already been decided."))
    transfer.refresh_from_db()
    return transfer
