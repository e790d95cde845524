"""District teams: the list for staff, one team for its members and administrators."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import Http404
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django import DjangoAssertNumQueries

from sozialraum.accounts.models import DistrictTeam, Organisation
from sozialraum.accounts.selectors import (
    team_for_user,
    team_list_for_user,
    team_members_by_organisation,
)
from sozialraum.accounts.tests.factories import (
    DistrictTeamFactory,
    MembershipFactory,
    OrganisationFactory,
    signed_in_client,
    user_with_role,
)
from sozialraum.districts.tests.factories import DistrictFactory
from sozialraum.lib.access import Role

pytestmark = pytest.mark.django_db

TEAMS = reverse("accounts:teams")


def _team(organisation: Organisation | None = None, **kwargs: object) -> DistrictTeam:
    team: DistrictTeam = DistrictTeamFactory.create(**kwargs)
    team.districts.set([DistrictFactory.create(), DistrictFactory.create()])
    organisation = organisation or OrganisationFactory.create()
    team.members.set(
        [
            MembershipFactory.create(organisation=organisation),
            MembershipFactory.create(role=Role.COORDINATOR),
        ]
    )
    return team


def test_the_team_list_shows_districts_and_member_organisations() -> None:
    team = _team(name="Stadtteil-Team Nord")
    worker = user_with_role(Role.WORKER)

    content = signed_in_client(worker).get(TEAMS).content.decode()

    assert "Stadtteil-Team Nord" in content
    for district in team.districts.all():
        assert district.name in content
    for membership in team.members.all():
        assert membership.organisation.name in content
    assert team.get_absolute_url() not in content  # not a member: no link


def test_the_team_list_links_the_teams_of_a_member() -> None:
    worker = user_with_role(Role.WORKER)
    team = _team()
    team.members.add(worker.memberships.get())

    content = signed_in_client(worker).get(TEAMS).content.decode()

    assert team.get_absolute_url() in content
    assert "You are a member" in content


def test_the_team_list_needs_the_same_queries_for_few_and_many_teams() -> None:
    client = signed_in_client(user_with_role(Role.WORKER))
    _team()
    client.get(TEAMS)  # the first request also stamps the session
    with CaptureQueriesContext(connection) as few:
        client.get(TEAMS)
    for _more in range(4):
        _team()
    with CaptureQueriesContext(connection) as many:
        client.get(TEAMS)
    assert len(many) == len(few)


def test_team_list_for_user_reads_in_three_queries(
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    worker = user_with_role(Role.WORKER)
    for _number in range(3):
        _team()
    assert worker.roles
    with django_assert_num_queries(3):
        summaries = team_list_for_user(worker)
        [s.team.districts.all()[0].name for s in summaries]
    assert len(summaries) == 3


def test_the_team_list_is_not_for_residents() -> None:
    response = signed_in_client(user_with_role(Role.RESIDENT)).get(TEAMS)
    assert response.status_code == 403


def test_provider_editors_see_the_team_list_as_team_members_do() -> None:
    response = signed_in_client(user_with_role(Role.PROVIDER_EDITOR)).get(TEAMS)
    assert response.status_code == 200


def test_a_member_sees_the_members_grouped_by_organisation_with_roles() -> None:
    city = OrganisationFactory.create(name="Stadt Kiel, Soziale Dienste")
    team = _team(organisation=city)
    member = team.members.filter(organisation=city).get().user
    MembershipFactory.create(user=member, organisation=city, role=Role.COORDINATOR)
    team.members.add(member.memberships.get(role=Role.COORDINATOR))

    response = signed_in_client(member).get(team.get_absolute_url())

    assert response.status_code == 200
    groups = response.context["groups"]
    assert [g.organisation.name for g in groups] == sorted(g.organisation.name for g in groups)
    city_group = next(g for g in groups if g.organisation == city)
    assert [(m.user, sorted(m.roles)) for m in city_group.members] == [
        (member, ["District team coordinator", "Neighbourhood worker"])
    ]
    content = response.content.decode()
    for district in team.districts.all():
        assert reverse("districts:detail", kwargs={"slug": district.slug}) in content


def test_an_administrator_sees_any_team() -> None:
    team = _team()
    response = signed_in_client(user_with_role(Role.ADMIN)).get(team.get_absolute_url())
    assert response.status_code == 200


def test_a_worker_outside_the_team_is_refused() -> None:
    team = _team()
    response = signed_in_client(user_with_role(Role.WORKER)).get(team.get_absolute_url())
    assert response.status_code == 403
    assert "No access to this page" in response.content.decode()


def test_an_unknown_team_is_not_found() -> None:
    url = reverse("accounts:team", kwargs={"slug": "unknown"})
    response = signed_in_client(user_with_role(Role.ADMIN)).get(url)
    assert response.status_code == 404


def test_a_visitor_is_asked_to_sign_in() -> None:
    team = _team()
    response = Client().get(team.get_absolute_url())
    assert response["Location"].startswith(reverse("accounts:login"))


def test_team_for_user_checks_membership() -> None:
    team = _team()
    member = team.members.all()[0].user
    assert team_for_user(member, team.slug) == team
    with pytest.raises(PermissionDenied):
        team_for_user(user_with_role(Role.COORDINATOR), team.slug)
    with pytest.raises(Http404):
        team_for_user(member, "unknown")


def test_team_members_by_organisation_reads_in_one_query(
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    team = _team()
    with django_assert_num_queries(1):
        groups = team_members_by_organisation(team)
        [m.user.display_name for g in groups for m in g.members]
    assert sum(len(g.members) for g in groups) == 2


@pytest.mark.parametrize("path", [reverse("accounts:home"), reverse("start"), TEAMS])
def test_pages_listing_teams_read_no_district_boundary(path: str) -> None:
    coordinator = user_with_role(Role.COORDINATOR)
    team = _team()
    team.members.add(coordinator.memberships.get())

    with CaptureQueriesContext(connection) as queries:
        response = signed_in_client(coordinator).get(path)

    assert response.status_code == 200
    assert team.districts.first().name in response.text  # type: ignore[union-attr]
    sql = "\n".join(query["sql"] for query in queries.captured_queries)
    assert "districts_district" in sql
    assert "boundary" not in sql
