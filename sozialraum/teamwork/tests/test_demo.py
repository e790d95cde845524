"""The demo's team work: a conference with tasks (one overdue) and projects with hours
for the demo team in Flensburg, marked as fictional, loaded once however often run."""

from __future__ import annotations

import pytest

from sozialraum.accounts.tests.factories import DistrictTeamFactory, MembershipFactory
from sozialraum.districts.tests.factories import DistrictFactory
from sozialraum.lib.access import Role
from sozialraum.teamwork.demo import TEAM_SLUG, load_demo_teamwork
from sozialraum.teamwork.models import Conference, HoursEntry, Project, Task

pytestmark = pytest.mark.django_db


def _demo_team() -> None:
    team = DistrictTeamFactory.create(slug=TEAM_SLUG)
    for slug in ("flensburg-nordstadt", "flensburg-neustadt"):
        team.districts.add(DistrictFactory.create(slug=slug))
    for username, slug, role in (
        ("koordination", "wohlfahrt-nord", Role.COORDINATOR),
        ("lotsin", "stadt-flensburg-soziales", Role.WORKER),
    ):
        team.members.add(
            MembershipFactory.create(user__username=username, organisation__slug=slug, role=role)
        )


def test_the_demo_team_work_is_loaded_once_and_marked() -> None:
    _demo_team()
    first = load_demo_teamwork()
    second = load_demo_teamwork()
    assert len(first) == 3
    assert second == []
    conference = Conference.objects.get()
    assert "(Demo)" in conference.title
    assert Task.objects.count() == 2
    assert sum(task.is_overdue() for task in Task.objects.all()) == 1
    assert all("(Demo)" in p.title for p in Project.objects.all())
    assert HoursEntry.objects.count() == 3


def test_without_the_demo_team_nothing_is_loaded() -> None:
    assert load_demo_teamwork() == ["demo team work: skipped (demo team or users missing)"]
    assert not Conference.objects.exists()
