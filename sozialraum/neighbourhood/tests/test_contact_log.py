"""Coordinators' reads of a member's address and phone are logged (the access log, keyed
on the member's user), and the member's Art. 15 export (page and JSON) shows everything
the group keeps about them, including those reads."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse
from django.utils import timezone

from sozialraum.accounts.tests.factories import signed_in_client
from sozialraum.audit.models import AccessLogEntry
from sozialraum.audit.purposes import UserPurpose
from sozialraum.neighbourhood.models import Member

from .factories import coordinator_of, group_make, match_make, member_make, post_make, user_of

pytestmark = pytest.mark.django_db


def _contact_url(member: Member) -> str:
    return reverse("neighbourhood:member_contact", args=[member.group.organisation.slug, member.pk])


def test_a_coordinators_read_of_a_members_contact_is_logged() -> None:
    group = group_make()
    member = member_make(group, phone="0461 777", address="Mürwiker Str. 5")
    coordinator = coordinator_of(group)
    page = signed_in_client(coordinator).get(_contact_url(member)).content.decode()
    assert "0461 777" in page and "Mürwiker Str. 5" in page
    row = AccessLogEntry.objects.get()
    assert (row.user_id, row.subject_user_id, row.person_id) == (
        coordinator.pk,
        member.user_id,
        None,
    )
    assert row.purpose == UserPurpose.NEIGHBOURLY_HELP and row.granted


def test_a_coordinator_of_another_group_reads_no_contact_and_nothing_is_logged() -> None:
    member = member_make(group_make(), phone="0461 777")
    stranger = coordinator_of(group_make())
    response = signed_in_client(stranger).get(_contact_url(member))
    assert response.status_code == 403
    assert "0461 777" not in response.content.decode()
    assert not AccessLogEntry.objects.exists()


def test_a_coordinator_opening_a_match_with_shared_contact_logs_both_sides() -> None:
    group = group_make()
    author, helper = member_make(group), member_make(group)
    match = match_make(post_make(author), helper)
    client = signed_in_client(coordinator_of(group))
    client.get(match.get_absolute_url())
    assert not AccessLogEntry.objects.exists(), "nothing shown before both agree"
    now = timezone.now()
    type(match).objects.filter(pk=match.pk).update(author_agreed_at=now, member_agreed_at=now)
    client.get(match.get_absolute_url())
    logged = set(AccessLogEntry.objects.values_list("subject_user_id", flat=True))
    assert logged == {author.user_id, helper.user_id}


def test_a_member_reading_their_matchs_contact_is_not_a_coordinators_read() -> None:
    group = group_make()
    author, helper = member_make(group), member_make(group)
    match = match_make(post_make(author), helper)
    now = timezone.now()
    type(match).objects.filter(pk=match.pk).update(author_agreed_at=now, member_agreed_at=now)
    signed_in_client(user_of(helper)).get(match.get_absolute_url())
    assert not AccessLogEntry.objects.exists()


def test_the_members_export_names_the_coordinators_reads_on_the_page_and_in_json() -> None:
    group = group_make()
    member = member_make(group, name="Frau K.", phone="0461 555")
    signed_in_client(coordinator_of(group)).get(_contact_url(member))
    client = signed_in_client(user_of(member))
    slug = group.organisation.slug
    page = client.get(reverse("neighbourhood:my_data", args=[slug])).content.decode()
    assert "Who of the coordinators read your address and phone" in page
    assert group.organisation.name in page and "0461 555" in page
    response = client.get(reverse("neighbourhood:my_data_json", args=[slug]))
    assert response["Content-Disposition"].startswith("attachment")
    sections = json.loads(response.content)["sections"]
    assert sections["help_member"]["records"][0]["phone"] == "0461 555"
    reads = sections["help_contact_reads"]["records"]
    assert [r["organisation"] for r in reads] == [group.organisation.name]
    assert set(sections) >= {"help_posts", "help_messages", "help_transfers", "help_movements"}


def test_another_member_cannot_download_my_data() -> None:
    member = member_make(group_make())
    stranger = member_make(group_make())
    url = reverse("neighbourhood:my_data_json", args=[member.group.organisation.slug])
    assert signed_in_client(user_of(stranger)).get(url).status_code == 404
