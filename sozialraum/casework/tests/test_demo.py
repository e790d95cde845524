"""The demo's fictional persons: marked, placed in Flensburg, shared with the team."""

from __future__ import annotations

import pytest

from sozialraum.accounts.models import DistrictTeam, Organisation, User
from sozialraum.accounts.tests.factories import (
    DistrictTeamFactory,
    OrganisationFactory,
    user_with_role,
)
from sozialraum.audit.purposes import Purpose
from sozialraum.casework.access import person_for_user
from sozialraum.casework.demo import PERSONS, load_demo_persons
from sozialraum.casework.models import Person
from sozialraum.directory.tests.factories import square_district
from sozialraum.lib.access import Role

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_setting() -> tuple[Organisation, User, DistrictTeam]:
    organisation = OrganisationFactory.create(slug="stadt-flensburg-soziales")
    worker = user_with_role(Role.WORKER, organisation)
    User.objects.filter(pk=worker.pk).update(username="lotsin")
    team = DistrictTeamFactory.create(slug="stadtteil-team-nordstadt")
    for number, (slug, _fields) in enumerate(PERSONS):
        square_district(9.40 + number * 0.02, 54.78, slug=slug)
    return organisation, worker, team


def test_demo_persons_are_fictional_placed_and_shared_with_the_team(
    demo_setting: tuple[Organisation, User, DistrictTeam],
) -> None:
    organisation, _worker, team = demo_setting
    lines = load_demo_persons()

    persons = list(Person.objects.order_by("pk"))
    assert len(persons) == len(PERSONS) == len(lines)
    for person, (slug, _fields) in zip(persons, PERSONS, strict=True):
        assert "(fiktiv)" in person.name and "erfunden" in person.communication_needs
        assert person.organisation == organisation
        assert person.district is not None and person.district.slug == slug
        assert person.consents.get().shared_with_team == team
    member = user_with_role(Role.COORDINATOR)
    team.members.add(member.memberships.get())
    assert person_for_user(member, persons[0].pk, purpose=Purpose.DISTRICT_TEAM) == persons[0]


def test_loading_the_demo_persons_twice_adds_nothing(
    demo_setting: tuple[Organisation, User, DistrictTeam],
) -> None:
    load_demo_persons()

    assert load_demo_persons() == []
    assert Person.objects.count() == len(PERSONS)


def test_without_the_demo_accounts_nothing_is_loaded() -> None:
    assert load_demo_persons() == [
        "demo persons: skipped (demo organisation, worker or team missing)"
    ]
    assert not Person.objects.exists()
