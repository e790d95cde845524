"""Writes on time accounts: a helper proposes a transfer of minutes, the helped member (or
a coordinator) confirms or declines it. Confirmation books two immutable movements that
sum to zero, so every group's ledger sums to zero.

Concurrency: confirmation flips the transfer from proposed to confirmed with one
conditional ``UPDATE`` inside the transaction that books the movements; of two concurrent
confirmations only one changes the row, the other books nothing. This holds on SQLite
(one writer at a time) and PostgreSQL (the second ``UPDATE`` waits for the first and then
finds the row no longer proposed).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sozialraum.accounts.models import User

from .access import is_coordinator
from .choices import TransferStatus
from .models import Match, Member, Movement, Transfer


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


def _may_decide(transfer: Transfer, user: User) -> bool:
    return transfer.helped.user_id == user.pk or is_coordinator(user, transfer.group)


def transfer_confirm(*, transfer: Transfer, actor: User) -> Transfer:
    """The helped member or a coordinator confirms: the transfer is booked as two
    movements (minus for the helped, plus for the helper). Raises ``PermissionDenied`` for
    anyone else and ``ValidationError`` if the transfer was already decided."""
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
        Movement.objects.bulk_create(
            [
                Movement(
                    transfer=transfer,
                    group_id=transfer.group_id,
                    member_id=transfer.helped_id,
                    minutes=-transfer.minutes,
                    at=now,
                ),
                Movement(
                    transfer=transfer,
                    group_id=transfer.group_id,
                    member_id=transfer.helper_id,
                    minutes=transfer.minutes,
                    at=now,
                ),
            ]
        )
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
