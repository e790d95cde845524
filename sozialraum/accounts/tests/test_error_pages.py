"""Friendly pages for 403, 404 and 500."""

from __future__ import annotations

import pytest
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.views.defaults import server_error

from sozialraum.accounts.tests.factories import (
    DistrictTeamFactory,
    signed_in_client,
    user_with_role,
)
from sozialraum.lib.access import Role

pytestmark = pytest.mark.django_db


def test_the_403_page_explains_and_links_to_the_account() -> None:
    team = DistrictTeamFactory.create()
    response = signed_in_client(user_with_role(Role.WORKER)).get(team.get_absolute_url())
    content = response.content.decode()
    assert response.status_code == 403
    assert "No access to this page" in content
    assert "ask an administrator" in content


def test_the_404_page_uses_the_site_layout(client: Client) -> None:
    response = client.get("/this/does/not/exist/")
    assert response.status_code == 404
    content = response.content.decode()
    assert "Page not found" in content
    assert 'class="site-header"' in content


def test_the_500_page_renders_without_request_or_context_processors() -> None:
    response = server_error(RequestFactory().get("/"))
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()


def test_the_500_page_needs_no_context_at_all() -> None:
    assert "Something went wrong" in render_to_string("500.html")
