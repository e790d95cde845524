"""The demo's help group in Flensburg: fictional, marked members (the demo resident among
them), posts, a match with shared contact and confirmed time; a second run changes
nothing."""

from __future__ import annotations

import pytest

from sozialraum.demo.services import demo_load
from sozialraum.neighbourhood import selectors
from sozialraum.neighbourhood.choices import MemberStatus
from sozialraum.neighbourhood.demo import demo_help_group_load
from sozialraum.neighbourhood.models import HelpGroup, Match, Member, Movement, Post

pytestmark = pytest.mark.django_db


def test_the_demo_help_group_has_marked_members_posts_and_time_and_loads_once() -> None:
    demo_load(with_offers=False)
    group = HelpGroup.objects.get(organisation__slug="muerwik-hilft")
    names = list(Member.objects.filter(group=group).values_list("name", flat=True))
    assert len(names) == 5 and all("(Demo)" in name for name in names)
    assert Member.objects.filter(group=group, user__username="bewohnerin").get().is_verified
    assert Member.objects.filter(group=group, status=MemberStatus.PENDING).count() == 1
    assert all(p.district.slug.startswith("flensburg-") for p in Post.objects.filter(group=group))
    assert Match.objects.get().contact_shared
    assert Movement.objects.count() == 4 and selectors.ledger_total(group) == 0

    counts = (Member.objects.count(), Post.objects.count(), Movement.objects.count())
    assert demo_help_group_load() == ["help group: already there, left as it is"]
    assert (Member.objects.count(), Post.objects.count(), Movement.objects.count()) == counts
