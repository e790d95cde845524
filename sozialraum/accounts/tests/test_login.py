"""Signing in and out: Django's views with our templates, Argon2, safe redirects."""

from __future__ import annotations

from typing import Any

import pytest
from django.conf import settings as django_settings
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import reverse
from pytest_django import Settings

from sozialraum.accounts.middleware import LAST_SEEN, STARTED
from sozialraum.accounts.tests.factories import PASSWORD, UserFactory, user_with_role
from sozialraum.lib.access import Role

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")


def _sign_in(client: Client, username: str, password: str = PASSWORD, **extra: str) -> Any:
    return client.post(LOGIN, {"username": username, "password": password, **extra})


def test_login_page_labels_its_fields_and_names_their_autocomplete(client: Client) -> None:
    content = client.get(LOGIN).content.decode()
    assert '<label for="id_username"' in content
    assert '<label for="id_password"' in content
    assert 'autocomplete="username"' in content
    assert 'autocomplete="current-password"' in content
    assert reverse("accounts:password_reset") in content


def test_passwords_are_stored_with_argon2() -> None:
    user = UserFactory.create()
    assert user.password.startswith("argon2")
    assert user.check_password(PASSWORD)


def test_signing_in_gives_the_session_a_new_key(client: Client) -> None:
    client.get(LOGIN)
    before = client.session.session_key
    assert before

    response = _sign_in(client, UserFactory.create().username)

    assert response.status_code == 302
    assert client.session.session_key != before


def test_signing_in_starts_the_session_clock(client: Client) -> None:
    _sign_in(client, UserFactory.create().username)
    assert client.session[STARTED] == client.session[LAST_SEEN]


def test_resident_lands_on_the_page_given_as_next(client: Client) -> None:
    resident = user_with_role(Role.RESIDENT)
    response = _sign_in(client, resident.username, next="/konto/passwort/")
    assert response.status_code == 302
    assert response["Location"] == "/konto/passwort/"


def test_a_next_address_on_another_site_is_ignored(client: Client) -> None:
    response = _sign_in(client, UserFactory.create().username, next="https://evil.example/konto/")
    assert response["Location"] == reverse("start")


def test_a_protocol_relative_next_address_is_ignored(client: Client) -> None:
    response = _sign_in(client, UserFactory.create().username, next="//evil.example/")
    assert response["Location"] == reverse("start")


def test_wrong_password_shows_an_error_and_signs_nobody_in(client: Client) -> None:
    response = _sign_in(client, UserFactory.create().username, password="wrong")
    assert response.status_code == 200
    assert response.context["form"].errors
    assert "_auth_user_id" not in client.session


def test_inactive_user_cannot_sign_in(client: Client) -> None:
    user = UserFactory.create(is_active=False)
    _sign_in(client, user.username)
    assert "_auth_user_id" not in client.session


def test_signed_in_user_opening_the_login_page_is_sent_on(client: Client) -> None:
    client.force_login(UserFactory.create())
    response = client.get(LOGIN)
    assert response.status_code == 302
    assert response["Location"] == reverse("start")


def test_sign_out_does_not_work_by_get(client: Client) -> None:
    client.force_login(UserFactory.create())
    response = client.get(reverse("accounts:logout"))
    assert response.status_code == 405
    assert "_auth_user_id" in client.session


def test_the_page_after_sign_out_exists() -> None:
    assert resolve_url(django_settings.LOGOUT_REDIRECT_URL)


def test_sign_out_by_post_ends_the_session(client: Client, settings: Settings) -> None:
    settings.LOGOUT_REDIRECT_URL = "districts:index"
    client.force_login(UserFactory.create())
    before = client.session.session_key

    response = client.post(reverse("accounts:logout"), follow=True)

    assert "_auth_user_id" not in client.session
    assert client.session.session_key != before
    assert response.redirect_chain == [(reverse("districts:index"), 302)]
    assert not response.context["user"].is_authenticated
    assert "You have signed out." in response.content.decode()


def test_sign_out_is_protected_against_cross_site_requests() -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(UserFactory.create())
    response = client.post(reverse("accounts:logout"))
    assert response.status_code == 403
    assert "_auth_user_id" in client.session
