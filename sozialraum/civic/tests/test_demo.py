"""The demo ideas: three in Flensburg districts, supported, one answered "planned";
a second run changes nothing."""

from __future__ import annotations

import pytest

from sozialraum.accounts.models import Organisation
from sozialraum.accounts.tests.factories import OrganisationFactory, user_with_role
from sozialraum.civic.demo import IDEAS, NEIGHBOURS_ORGANISATION, demo_ideas_load
from sozialraum.civic.models import Idea, Support
from sozialraum.directory.tests.factories import square_district
from sozialraum.lib.access import Role

from .factories import city_organisation

pytestmark = pytest.mark.django_db


def _demo_world() -> None:
    for number, row in enumerate(IDEAS):
        square_district(9.40 + number * 0.02, 54.78, slug=row[0], name=row[0])
    neighbours: Organisation = OrganisationFactory.create(slug=NEIGHBOURS_ORGANISATION)
    resident = user_with_role(Role.RESIDENT, neighbours)
    resident.username = "bewohnerin"
    resident.save()
    planner = user_with_role(Role.PLANNER, city_organisation())
    planner.username = "planung"
    planner.save()


def test_the_demo_ideas_are_fictional_supported_answered_and_loaded_once() -> None:
    _demo_world()
    first = demo_ideas_load()
    second = demo_ideas_load()
    assert Idea.objects.count() == len(IDEAS)
    assert all("(fiktiv)" in idea.title for idea in Idea.objects.all())
    assert Support.objects.count() == sum(row[5] for row in IDEAS)
    assert Idea.objects.filter(state__key="planned").count() == 1
    assert all("created" in line for line in first)
    assert all("already there" in line for line in second)


def test_without_the_demo_users_no_idea_is_created() -> None:
    assert demo_ideas_load() == ["civic: demo users missing, no ideas created"]
    assert Idea.objects.count() == 0
