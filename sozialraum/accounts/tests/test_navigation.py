"""The menu shows each user the entries they may open."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse, set_script_prefix

from sozialraum.accounts.context_processors import menu_url
from sozialraum.accounts.tests.factories import signed_in_client, user_with_role
from sozialraum.lib.access import Role

pytestmark = pytest.mark.django_db


def _menu(client: Client, path: str) -> list[dict[str, object]]:
    response = client.get(path)
    return list(response.context["navigation"])


def test_visitors_see_neither_teams_nor_administration(client: Client) -> None:
    urls = [item["url"] for item in _menu(client, reverse("accounts:login"))]
    assert reverse("accounts:teams") not in urls
    assert reverse("admin:index") not in urls


def test_staff_see_the_district_teams() -> None:
    client = signed_in_client(user_with_role(Role.WORKER))
    menu = _menu(client, reverse("accounts:teams"))
    current = [item["url"] for item in menu if item["current"]]
    assert current == [reverse("accounts:teams")]


def test_administrators_see_the_administration() -> None:
    client = signed_in_client(user_with_role(Role.ADMIN))
    urls = [item["url"] for item in _menu(client, reverse("accounts:home"))]
    assert reverse("admin:index") in urls


def test_menu_addresses_follow_the_script_prefix_they_are_served_under() -> None:
    """The menu's addresses are reversed once per prefix (a deployment below a path)."""
    teams = reverse("accounts:teams")
    assert menu_url("accounts:teams") == teams
    set_script_prefix("/sozialraum/")
    try:
        assert menu_url("accounts:teams") == "/sozialraum" + teams
    finally:
        set_script_prefix("/")
    assert menu_url("accounts:teams") == teams


@pytest.mark.parametrize(
    ("role", "shown"),
    [(Role.WORKER, True), (Role.PROVIDER_EDITOR, True), (Role.PLANNER, True),
     (Role.RESIDENT, False)],
)  # fmt: skip
def test_members_of_organisations_find_the_walks_in_the_menu(role: str, shown: bool) -> None:
    """Walks and barriers are recorded by members of any organisation, not by residents."""
    client = signed_in_client(user_with_role(role))
    walks = reverse("barriers:walks")

    menu = _menu(client, reverse("start"))

    assert (walks in [item["url"] for item in menu]) is shown
    if shown:
        current = [item["url"] for item in _menu(client, walks) if item["current"]]
        assert current == [walks]


def test_the_menu_is_made_once_per_request_and_anew_after_signing_out() -> None:
    """Parts rendered with the request (the person page's sections) reuse the menu; a
    user signed out in the request gets the visitor's menu."""
    from django.contrib.auth.models import AnonymousUser
    from django.test import RequestFactory

    from sozialraum.accounts.context_processors import navigation

    request = RequestFactory().get(reverse("accounts:teams"))
    request.user = user_with_role(Role.WORKER)
    first = navigation(request)
    assert navigation(request) is first
    assert reverse("accounts:teams") in [item["url"] for item in first["navigation"]]

    request.user = AnonymousUser()
    urls = [item["url"] for item in navigation(request)["navigation"]]
    assert reverse("accounts:teams") not in urls
