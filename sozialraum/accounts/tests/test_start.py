"""The start page: everyone lands there after sign-in and sees a section per role held."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from sozialraum.accounts.start import _SECTIONS
from sozialraum.accounts.tests.factories import (
    PASSWORD,
    DistrictTeamFactory,
    MembershipFactory,
    UserFactory,
    signed_in_client,
    user_with_role,
)
from sozialraum.directory.tests.factories import square_district
from sozialraum.lib.access import Role

pytestmark = pytest.mark.django_db

START = reverse("start")
LOGIN = reverse("accounts:login")


def _sections(client: Client) -> list[str]:
    response = client.get(START)
    assert response.status_code == 200
    return [rendered.section.key for rendered in response.context["sections"]]


@pytest.mark.parametrize("role", list(Role.values))
def test_every_role_lands_on_the_start_page_after_sign_in(client: Client, role: str) -> None:
    user = user_with_role(role)

    response = client.post(LOGIN, {"username": user.username, "password": PASSWORD})

    assert response.status_code == 302
    # Staff pass the second factor first; it sends them on to the same start page.
    assert response["Location"] == START or response["Location"].endswith(
        "?next=" + START.replace("/", "%2F")
    )


def test_visitors_are_sent_to_sign_in(client: Client) -> None:
    response = client.get(START)
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)


def test_a_resident_sees_the_search_and_no_staff_section() -> None:
    client = signed_in_client(user_with_role(Role.RESIDENT))
    sections = _sections(client)
    # Other parts may register sections for residents (neighbourly help); none for staff.
    staff = {
        s.key
        for s in _SECTIONS.values()
        if s.audience.roles is not None and Role.RESIDENT not in s.audience.roles
    }
    assert not staff & set(sections)
    # Search, my district and saved offers (directory), my ideas (civic).
    assert {"search", "my-district", "saved-offers", "ideas"} <= set(sections)
    assert not {"offers", "districts", "administration"} & set(sections)
    assert reverse("directory:search") in client.get(START).content.decode()


def test_a_user_without_a_role_is_shown_the_search() -> None:
    client = signed_in_client(UserFactory.create())
    response = client.get(START)
    assert response.context["sections"] == []
    assert reverse("directory:search") in response.content.decode()


def test_a_planner_sees_the_districts_of_their_teams_without_members() -> None:
    planner = user_with_role(Role.PLANNER)
    colleague = user_with_role(Role.WORKER)
    colleague.last_name = "Kollegin"
    colleague.save()
    district = square_district(9.43, 54.79, name="Altstadt", slug="altstadt")
    team = DistrictTeamFactory.create(name="Team Altstadt")
    team.districts.add(district)
    team.members.add(planner.memberships.get(), colleague.memberships.get())

    client = signed_in_client(planner)
    content = client.get(START).content.decode()

    # planning's section: every organisation role; budgets': planners, providers, admins
    assert _sections(client) == ["districts", "planning", "barriers", "budgets"]
    assert district.get_absolute_url() in content and team.get_absolute_url() in content
    assert "Kollegin" not in content


def test_a_coordinator_also_sees_the_members_of_their_teams() -> None:
    coordinator = user_with_role(Role.COORDINATOR)
    colleague = user_with_role(Role.WORKER)
    colleague.last_name = "Kollegin"
    colleague.save()
    team = DistrictTeamFactory.create()
    team.members.add(coordinator.memberships.get(), colleague.memberships.get())

    content = signed_in_client(coordinator).get(START).content.decode()

    assert "Kollegin" in content


def test_an_administrator_sees_the_administration_links() -> None:
    client = signed_in_client(user_with_role(Role.ADMIN))
    assert _sections(client) == ["planning", "barriers", "budgets", "administration"]
    assert reverse("admin:accounts_organisation_changelist") in client.get(START).content.decode()


def test_a_user_with_several_roles_sees_each_roles_section() -> None:
    user = user_with_role(Role.PLANNER)
    MembershipFactory.create(user=user, role=Role.ADMIN)
    assert _sections(signed_in_client(user)) == [
        "districts",
        "planning",
        "barriers",
        "budgets",
        "administration",
    ]


def test_the_districts_section_reads_a_bounded_number_of_queries(
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    coordinator = user_with_role(Role.COORDINATOR)
    for number in range(5):
        team = DistrictTeamFactory.create()
        team.members.add(coordinator.memberships.get(), MembershipFactory.create())
        team.districts.add(square_district(9.4 + number / 100, 54.79))
    client = signed_in_client(coordinator)

    # 15, one for early warning's section, two for the team-work section (the user's open
    # tasks and teams, each one query), one for the districts of the user's walks, one for
    # the planning section (the measures in the districts of the user's teams).
    with django_assert_max_num_queries(20):
        assert client.get(START).status_code == 200


def test_the_api_link_is_not_in_a_residents_or_visitors_menu(client: Client) -> None:
    api = reverse("api:openapi-view")
    resident = signed_in_client(user_with_role(Role.RESIDENT))
    worker = signed_in_client(user_with_role(Role.WORKER))

    def menu(c: Client, path: str = START) -> list[str]:
        return [item["url"] for item in c.get(path).context["navigation"]]

    assert api not in menu(resident)
    assert api not in menu(client, LOGIN)
    assert api in menu(worker)
