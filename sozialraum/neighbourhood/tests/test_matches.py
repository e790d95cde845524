"""Matched members write inside the platform; address and phone appear only when both
agree; a blocked member cannot write; reports reach the coordinators' queue; a
coordinator acts for a member as trusted person, recorded as such."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from sozialraum.accounts.tests.factories import signed_in_client
from sozialraum.neighbourhood import services
from sozialraum.neighbourhood.models import Match, Member, Message, Report

from .factories import coordinator_of, group_make, match_make, member_make, post_make, user_of

pytestmark = pytest.mark.django_db

ADDRESS = "Mürwiker Straße 12"
PHONE = "0461 123456"


def _pair() -> tuple[Member, Member, Match]:
    group = group_make()
    author = member_make(group, name="Frau A.", address=ADDRESS, phone=PHONE)
    helper = member_make(group, name="Herr H.", address="Twedter Plack 3", phone="0461 999")
    return author, helper, match_make(post_make(author), helper)


def _page(member: Member, match: Match) -> str:
    assert member.user is not None
    response = signed_in_client(user_of(member)).get(match.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def _agree(member: Member, match: Match) -> None:
    assert member.user is not None
    url = reverse("neighbourhood:match_agree", args=[match.pk])
    assert signed_in_client(user_of(member)).post(url).status_code == 302


def test_an_address_is_never_shown_before_both_agree() -> None:
    author, helper, match = _pair()
    post_page = signed_in_client(user_of(helper)).get(match.post.get_absolute_url())
    assert ADDRESS not in post_page.content.decode()
    assert ADDRESS not in _page(helper, match) and PHONE not in _page(helper, match)
    _agree(helper, match)
    assert ADDRESS not in _page(helper, match) and PHONE not in _page(helper, match)
    _agree(author, match)
    assert ADDRESS in _page(helper, match) and PHONE in _page(helper, match)
    assert "Twedter Plack 3" in _page(author, match)


def test_a_member_agreeing_alone_does_not_reveal_the_other_side() -> None:
    author, _helper, match = _pair()
    _agree(author, match)
    assert "Twedter Plack 3" not in _page(author, match)


def test_matched_members_write_to_each_other() -> None:
    author, helper, match = _pair()
    url = reverse("neighbourhood:match_message", args=[match.pk])
    response = signed_in_client(user_of(helper)).post(url, {"text": "Ich kann am Donnerstag."})
    assert response.status_code == 302
    assert "Ich kann am Donnerstag." in _page(author, match)


def test_a_blocked_member_cannot_message() -> None:
    author, helper, match = _pair()
    block_url = reverse("neighbourhood:match_block", args=[match.pk])
    assert signed_in_client(user_of(author)).post(block_url).status_code == 302
    url = reverse("neighbourhood:match_message", args=[match.pk])
    response = signed_in_client(user_of(helper)).post(url, {"text": "Hallo?"})
    assert response.status_code == 200
    assert "You cannot write to this member." in response.content.decode()
    assert not Message.objects.exists()
    with pytest.raises(ValidationError):
        services.message_send(
            match=match,
            sender=helper,
            text="Hallo?",
            acted_by=user_of(helper),
            trusted_person=False,
        )


def test_a_blocked_member_cannot_answer_the_blockers_posts() -> None:
    author, helper, _match = _pair()
    services.member_block(blocker=author, blocked=helper)
    with pytest.raises(ValidationError):
        services.match_create(
            post=post_make(author),
            member=helper,
            acted_by=user_of(helper),
            trusted_person=False,
        )


def test_messages_are_rate_limited() -> None:
    _author, helper, match = _pair()
    for _number in range(services.MESSAGE_LIMIT.count):
        services.message_send(
            match=match,
            sender=helper,
            text="Hallo",
            acted_by=user_of(helper),
            trusted_person=False,
        )
    with pytest.raises(ValidationError, match="many messages"):
        services.message_send(
            match=match,
            sender=helper,
            text="Hallo",
            acted_by=user_of(helper),
            trusted_person=False,
        )


def test_another_member_cannot_open_the_match() -> None:
    author, _helper, match = _pair()
    stranger = member_make(author.group, name="Dritte")
    response = signed_in_client(user_of(stranger)).get(match.get_absolute_url())
    assert response.status_code == 403


def test_a_coordinator_of_another_group_cannot_open_the_match() -> None:
    _author, _helper, match = _pair()
    other = coordinator_of(group_make())
    assert signed_in_client(other).get(match.get_absolute_url()).status_code == 403


def test_a_report_reaches_the_moderation_queue_and_is_dealt_with() -> None:
    author, helper, match = _pair()
    coordinator = coordinator_of(author.group)
    url = reverse("neighbourhood:match_report", args=[match.pk])
    signed_in_client(user_of(author)).post(url, {"reason": "Unfreundliche Nachrichten"})
    report = Report.objects.get()
    assert report.about == helper and report.reporter == author
    client = signed_in_client(coordinator)
    page = client.get(reverse("neighbourhood:coordination", args=[author.group.organisation.slug]))
    assert "Unfreundliche Nachrichten" in page.content.decode()
    resolve = reverse(
        "neighbourhood:report_resolve", args=[author.group.organisation.slug, report.pk]
    )
    client.post(resolve, {"outcome": "Gespräch geführt"})
    report.refresh_from_db()
    assert report.resolved_by == coordinator and report.outcome == "Gespräch geführt"


def test_a_coordinator_writes_for_a_member_as_trusted_person() -> None:
    author, helper, match = _pair()
    coordinator = coordinator_of(author.group)
    url = reverse("neighbourhood:match_message", args=[match.pk])
    response = signed_in_client(coordinator).post(
        url, {"text": "Frau A. sagt: gern!", "for_member": author.pk}
    )
    assert response.status_code == 302
    message = Message.objects.get()
    assert message.sender == author and message.acted_by == coordinator
    assert message.trusted_person is True
    assert "written by a trusted person" in _page(helper, match)


def test_a_coordinator_matches_by_hand_as_trusted_person() -> None:
    group = group_make()
    coordinator = coordinator_of(group)
    author, helper = member_make(group), member_make(group, name="Herr H.")
    post = post_make(author)
    url = reverse("neighbourhood:hand_match", args=[group.organisation.slug])
    response = signed_in_client(coordinator).post(url, {"post": post.pk, "member": helper.pk})
    assert response.status_code == 302
    match = Match.objects.get()
    assert match.member == helper and match.trusted_person and match.acted_by == coordinator


def test_an_unverified_member_cannot_be_matched() -> None:
    group = group_make()
    author, pending = member_make(group), member_make(group, verified=False)
    with pytest.raises(ValidationError, match="not been checked"):
        services.match_create(
            post=post_make(author),
            member=pending,
            acted_by=user_of(pending),
            trusted_person=False,
        )
    assert not Match.objects.exists()
