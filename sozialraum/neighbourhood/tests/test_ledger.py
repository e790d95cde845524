"""Time accounts: the helper proposes, the helped (or a coordinator) confirms, and two
immutable movements that sum to zero are booked."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from sozialraum.accounts.tests.factories import signed_in_client
from sozialraum.neighbourhood import ledger, selectors
from sozialraum.neighbourhood.choices import PostKind, TransferStatus
from sozialraum.neighbourhood.models import Match, Member, Movement, Transfer

from .factories import coordinator_of, group_make, match_make, member_make, post_make, user_of

pytestmark = pytest.mark.django_db


def _request_match(**group_fields: Any) -> tuple[Member, Member, Match]:
    """(helped, helper, match) over a request for help."""
    group = group_make(**group_fields)
    helped, helper = member_make(group, name="Frau A."), member_make(group, name="Herr H.")
    return helped, helper, match_make(post_make(helped, kind=PostKind.REQUEST), helper)


def _propose(helper: Member, match: Match, minutes: int = 60) -> Transfer:
    return ledger.transfer_propose(
        match=match,
        proposer=helper,
        minutes=minutes,
        reason="Einkauf",
        acted_by=user_of(helper),
    )


def test_the_helped_member_confirms_and_two_movements_sum_to_zero() -> None:
    helped, helper, match = _request_match()
    transfer = _propose(helper, match)
    url = reverse("neighbourhood:transfer_decide", args=[transfer.pk, "bestaetigen"])
    assert signed_in_client(user_of(helped)).post(url).status_code == 302
    transfer.refresh_from_db()
    assert transfer.status == TransferStatus.CONFIRMED and not transfer.decided_by_coordinator
    assert sorted(Movement.objects.values_list("minutes", flat=True)) == [-60, 60]
    assert selectors.balance(helper) == 60 and selectors.balance(helped) == -60
    assert selectors.ledger_total(match.post.group) == 0


def test_for_an_offer_the_author_is_the_helper() -> None:
    group = group_make()
    author, taker = member_make(group), member_make(group, name="Nehmerin")
    match = match_make(post_make(author, kind=PostKind.OFFER), taker)
    transfer = _propose(author, match, 30)
    assert transfer.helper == author and transfer.helped == taker


def test_only_the_helper_proposes() -> None:
    helped, _helper, match = _request_match()
    with pytest.raises(ValidationError):
        _propose(helped, match)


def test_the_helper_cannot_confirm_their_own_time() -> None:
    _helped, helper, match = _request_match()
    transfer = _propose(helper, match)
    with pytest.raises(PermissionDenied):
        ledger.transfer_confirm(transfer=transfer, actor=user_of(helper))
    assert not Movement.objects.exists()


def test_a_coordinator_confirms_for_the_helped_member() -> None:
    _helped, helper, match = _request_match()
    coordinator = coordinator_of(match.post.group)
    transfer = ledger.transfer_confirm(transfer=_propose(helper, match), actor=coordinator)
    assert transfer.decided_by_coordinator and transfer.decided_by == coordinator


def test_a_coordinator_of_another_group_cannot_confirm() -> None:
    _helped, helper, match = _request_match()
    other = coordinator_of(group_make())
    with pytest.raises(PermissionDenied):
        ledger.transfer_confirm(transfer=_propose(helper, match), actor=other)


def test_a_transfer_is_booked_once() -> None:
    helped, helper, match = _request_match()
    transfer = _propose(helper, match)
    ledger.transfer_confirm(transfer=transfer, actor=user_of(helped))
    with pytest.raises(ValidationError):
        ledger.transfer_confirm(transfer=transfer, actor=user_of(helped))
    assert Movement.objects.count() == 2


def test_a_declined_transfer_books_nothing() -> None:
    helped, helper, match = _request_match()
    transfer = ledger.transfer_decline(transfer=_propose(helper, match), actor=user_of(helped))
    assert transfer.status == TransferStatus.DECLINED
    assert not Movement.objects.exists()


def test_movements_are_immutable() -> None:
    helped, helper, match = _request_match()
    ledger.transfer_confirm(transfer=_propose(helper, match), actor=user_of(helped))
    movement = Movement.objects.first()
    assert movement is not None
    movement.minutes = 1000
    with pytest.raises(ValueError, match="immutable"):
        movement.save()
    with pytest.raises(ValueError, match="immutable"):
        movement.delete()
    assert sorted(Movement.objects.values_list("minutes", flat=True)) == [-60, 60]


def test_a_group_without_time_accounts_records_no_time() -> None:
    _helped, helper, match = _request_match(time_accounts=False)
    with pytest.raises(ValidationError, match="does not keep time accounts"):
        _propose(helper, match)


def test_balances_outside_the_limits_are_flagged_to_the_coordinator() -> None:
    helped, helper, match = _request_match(balance_min=-30, balance_max=600)
    ledger.transfer_confirm(transfer=_propose(helper, match), actor=user_of(helped))
    flags = {row.member.name: row.flag for row in selectors.group_balances(match.post.group)}
    assert flags == {"Frau A.": "low", "Herr H.": ""}
    coordinator = coordinator_of(match.post.group)
    url = reverse("neighbourhood:coordination", args=[match.post.group.organisation.slug])
    page = signed_in_client(coordinator).get(url).content.decode()
    assert "below the lowest balance" in page


def test_the_statement_lists_the_members_bookings() -> None:
    helped, helper, match = _request_match()
    ledger.transfer_confirm(transfer=_propose(helper, match), actor=user_of(helped))
    url = reverse("neighbourhood:statement", args=[match.post.group.organisation.slug])
    page = signed_in_client(user_of(helper)).get(url).content.decode()
    assert "+60" in page and "Einkauf" in page
