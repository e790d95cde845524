"""The digest command e-mails each member the new open posts near them in the categories
they help with, records what it sent, and sends nothing twice."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from sozialraum.neighbourhood.choices import Category
from sozialraum.neighbourhood.digest import digests_send
from sozialraum.neighbourhood.models import Digest, Member, Post

from .factories import district_make, group_make, member_make, post_make

pytestmark = pytest.mark.django_db

SECRET_ADDRESS = "Geheimweg 5"


def _neighbourhood() -> tuple[Member, Member, list[Post]]:
    """A gardener in Mürwik and a neighbour posting near, far, and off their categories;
    returns the gardener, the neighbour and the posts the gardener should get."""
    group = group_make()
    home = district_make(9.43, 54.78, name="Mürwik")
    near = district_make(9.45, 54.78, name="Sandberg")
    far = district_make(9.60, 54.90, name="Weit weg")
    gardener = member_make(
        group, district=home, radius_km=2, offers=[Category.GARDEN, Category.SHOPPING]
    )
    neighbour = member_make(group, name="Frau N.", address=SECRET_ADDRESS, district=home)
    wanted = [
        post_make(neighbour, district=home, category=Category.SHOPPING),
        post_make(neighbour, district=near, category=Category.GARDEN),
    ]
    post_make(neighbour, district=far, category=Category.GARDEN)
    post_make(neighbour, district=home, category=Category.DRIVING)
    post_make(gardener, district=home, category=Category.GARDEN)
    post_make(neighbour, district=home, category=Category.GARDEN, closed_at=timezone.now())
    return gardener, neighbour, wanted


def test_a_member_gets_the_new_nearby_posts_in_their_categories() -> None:
    gardener, _neighbour, wanted = _neighbourhood()
    run = digests_send(base_url="https://sozialraum.example")
    assert (run.sent, run.posts) == (1, 2)
    (message,) = mail.outbox
    assert gardener.user is not None and message.to == [gardener.user.email]
    for post in wanted:
        assert f"https://sozialraum.example{post.get_absolute_url()}" in message.body
    assert "Sandberg" in message.body and "Weit weg" not in message.body
    assert SECRET_ADDRESS not in message.body
    digest = Digest.objects.get(member=gardener)
    assert set(digest.posts.all()) == set(wanted)


def test_running_again_sends_nothing_twice_and_later_only_the_new_post() -> None:
    gardener, neighbour, _wanted = _neighbourhood()
    digests_send()
    digests_send()
    assert len(mail.outbox) == 1
    later = timezone.now() + dt.timedelta(minutes=5)
    fresh = post_make(neighbour, category=Category.GARDEN, created_at=later)
    digests_send(now=later + dt.timedelta(minutes=1))
    assert len(mail.outbox) == 2
    assert fresh.get_absolute_url() in mail.outbox[1].body
    assert list(Digest.objects.filter(member=gardener).order_by("until")[1].posts.all()) == [fresh]


def test_posts_from_before_the_identity_check_are_not_sent() -> None:
    gardener, _neighbour, _wanted = _neighbourhood()
    Member.objects.filter(pk=gardener.pk).update(
        verified_at=timezone.now() + dt.timedelta(minutes=1)
    )
    digests_send(now=timezone.now() + dt.timedelta(minutes=2))
    assert mail.outbox == []


def test_unverified_members_without_categories_or_e_mail_get_no_digest() -> None:
    gardener, _neighbour, _wanted = _neighbourhood()
    group = gardener.group
    home = gardener.district
    member_make(group, verified=False, district=home, offers=[Category.GARDEN])
    member_make(group, district=home, offers=[])
    no_mail = member_make(group, district=home, offers=[Category.GARDEN])
    assert no_mail.user is not None
    no_mail.user.email = ""
    no_mail.user.save()
    assert digests_send().sent == 1
    assert Digest.objects.count() == 1


def test_the_command_prints_a_one_line_summary() -> None:
    _neighbourhood()
    out = io.StringIO()
    call_command("help_digest", "--base-url", "https://x.example/", stdout=out)
    assert out.getvalue() == "1 digest(s) sent, listing 2 post(s).\n"
    assert "https://x.example/nachbarschaftshilfe/" in mail.outbox[0].body


def test_a_failed_e_mail_leaves_no_record_and_is_sent_next_time(monkeypatch: Any) -> None:
    _neighbourhood()

    def refuse(*args: object, **kwargs: object) -> None:
        raise OSError("mail server away")

    monkeypatch.setattr("sozialraum.neighbourhood.digest.send_mail", refuse)
    with pytest.raises(OSError):
        digests_send()
    assert not Digest.objects.exists()
    monkeypatch.undo()
    assert digests_send().sent == 1
