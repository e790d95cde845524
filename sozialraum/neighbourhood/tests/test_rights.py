"""A member's rights: they see everything the group keeps about them (Art. 15), and
leaving deletes their profile, contact details and the text of their posts and messages;
public pages show no member."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from sozialraum.accounts.models import Membership
from sozialraum.accounts.tests.factories import signed_in_client
from sozialraum.neighbourhood import ledger, selectors, services
from sozialraum.neighbourhood.models import Member, Message, Movement, Post

from .factories import group_make, match_make, member_make, post_make, user_of

pytestmark = pytest.mark.django_db


def _story() -> tuple[Member, Member]:
    group = group_make()
    helped = member_make(group, name="Frau A.", phone="0461 111", address="Weg 1")
    helper = member_make(group, name="Herr H.", phone="0461 222", address="Weg 2")
    match = match_make(post_make(helped, text="Einkauf bitte"), helper)
    services.message_send(
        match=match,
        sender=helped,
        text="Danke sehr!",
        acted_by=user_of(helped),
        trusted_person=False,
    )
    transfer = ledger.transfer_propose(
        match=match, proposer=helper, minutes=60, reason="Einkauf", acted_by=user_of(helper)
    )
    ledger.transfer_confirm(transfer=transfer, actor=user_of(helped))
    return helped, helper


def test_a_member_sees_everything_the_group_keeps_about_them() -> None:
    helped, _helper = _story()
    url = reverse("neighbourhood:my_data", args=[helped.group.organisation.slug])
    page = signed_in_client(user_of(helped)).get(url).content.decode()
    for own in ("Frau A.", "0461 111", "Weg 1", "Einkauf bitte", "Danke sehr!", "60"):
        assert own in page
    assert "0461 222" not in page and "Weg 2" not in page


def test_leaving_deletes_the_members_texts_and_contact_but_keeps_the_ledger() -> None:
    helped, helper = _story()
    user = user_of(helped)
    url = reverse("neighbourhood:my_data", args=[helped.group.organisation.slug])
    assert signed_in_client(user).post(url).status_code == 302
    helped.refresh_from_db()
    assert helped.user is None and helped.anonymised_at is not None
    assert (helped.name, helped.phone, helped.address) == (services.ANONYMOUS_NAME, "", "")
    assert Post.objects.get(member=helped).text == services.ANONYMOUS_NAME
    assert Post.objects.get(member=helped).closed_at is not None
    assert Message.objects.get(sender=helped).text == services.ANONYMOUS_NAME
    assert not Membership.objects.filter(user=user, organisation=helped.group.organisation)
    assert Movement.objects.count() == 2 and selectors.ledger_total(helped.group) == 0
    assert selectors.balance(helper) == 60


def test_another_member_cannot_read_my_data() -> None:
    helped, _helper = _story()
    stranger = member_make(group_make())
    url = reverse("neighbourhood:my_data", args=[helped.group.organisation.slug])
    assert signed_in_client(user_of(stranger)).get(url).status_code == 404


def test_the_public_list_of_groups_shows_no_member() -> None:
    helped, _helper = _story()
    page = Client().get(reverse("neighbourhood:groups")).content.decode()
    assert helped.group.name in page
    assert "Frau A." not in page and "Herr H." not in page
