"""The start page's neighbourly-help section: a resident sees their groups with posts,
contacts and balance."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sozialraum.accounts.tests.factories import signed_in_client
from sozialraum.neighbourhood import ledger

from .factories import group_make, match_make, member_make, post_make, user_of

pytestmark = pytest.mark.django_db


def test_a_resident_sees_their_group_with_posts_contacts_and_balance() -> None:
    group = group_make()
    helped, helper = member_make(group, name="Frau A."), member_make(group, name="Herr H.")
    match = match_make(post_make(helped), helper)
    transfer = ledger.transfer_propose(
        match=match, proposer=helper, minutes=45, reason="Einkauf", acted_by=user_of(helper)
    )
    ledger.transfer_confirm(transfer=transfer, actor=user_of(helped))
    page = signed_in_client(user_of(helped)).get(reverse("start")).content.decode()
    assert group.name in page
    assert "1 open post" in page and "1 contact" in page
    assert "time account: -45 minutes" in page


def test_a_resident_waiting_for_the_check_is_told_so() -> None:
    group = group_make()
    member = member_make(group, verified=False)
    page = signed_in_client(user_of(member)).get(reverse("start")).content.decode()
    assert "Waiting for the identity check." in page
