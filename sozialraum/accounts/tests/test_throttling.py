"""Login throttling with django-axes: locked by user name and address together."""

from __future__ import annotations

from typing import Any

import pytest
import time_machine
from axes.models import AccessAttempt
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sozialraum.accounts.models import User
from sozialraum.accounts.tests.factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")
OFFICE = "203.0.113.10"
HOME = "198.51.100.20"


def _attempt(user: User, password: str, address: str) -> tuple[Any, bool]:
    """One sign-in from a fresh browser: the response and whether it signed the user in."""
    client = Client()
    data = {"username": user.username, "password": password}
    response = client.post(LOGIN, data, REMOTE_ADDR=address)
    return response, "_auth_user_id" in client.session


def _fail_until_locked(user: User, address: str) -> Any:
    response = None
    for _attempt_number in range(settings.AXES_FAILURE_LIMIT):
        response, _signed_in = _attempt(user, "wrong password", address)
    assert response is not None
    return response


def test_failed_attempts_up_to_the_limit_lock_the_name_at_that_address() -> None:
    user = UserFactory.create()

    last_failure = _fail_until_locked(user, OFFICE)
    response, signed_in = _attempt(user, PASSWORD, OFFICE)

    assert last_failure.status_code == 429
    assert response.status_code == 429  # django-axes' default: "Too Many Requests"
    assert not signed_in
    assert "Sign-in paused" in response.content.decode()


def test_attempts_below_the_limit_do_not_lock() -> None:
    user = UserFactory.create()
    for _attempt_number in range(settings.AXES_FAILURE_LIMIT - 1):
        _attempt(user, "wrong password", OFFICE)

    response, signed_in = _attempt(user, PASSWORD, OFFICE)

    assert response.status_code == 302
    assert signed_in


def test_another_user_at_the_same_address_can_still_sign_in() -> None:
    locked, colleague = UserFactory.create(), UserFactory.create()
    _fail_until_locked(locked, OFFICE)

    response, signed_in = _attempt(colleague, PASSWORD, OFFICE)

    assert response.status_code == 302
    assert signed_in


def test_the_same_user_from_another_address_can_still_sign_in() -> None:
    user = UserFactory.create()
    _fail_until_locked(user, OFFICE)

    response, signed_in = _attempt(user, PASSWORD, HOME)

    assert response.status_code == 302
    assert signed_in


def test_a_successful_sign_in_clears_earlier_failures() -> None:
    user = UserFactory.create()
    for _attempt_number in range(settings.AXES_FAILURE_LIMIT - 1):
        _attempt(user, "wrong password", OFFICE)
    _attempt(user, PASSWORD, OFFICE)

    assert not AccessAttempt.objects.filter(username=user.username).exists()


def test_locked_out_page_says_when_to_try_again() -> None:
    user = UserFactory.create()
    _fail_until_locked(user, OFFICE)

    response, _signed_in = _attempt(user, PASSWORD, OFFICE)

    minutes = round(settings.AXES_COOLOFF_TIME * 60)
    content = response.content.decode()
    assert f"Please try again in {minutes} minutes." in content
    assert reverse("accounts:password_reset") in content


def test_lock_ends_after_the_cool_off_time() -> None:
    user = UserFactory.create()
    with time_machine.travel(timezone.now(), tick=False) as clock:
        _fail_until_locked(user, OFFICE)
        clock.shift(settings.AXES_COOLOFF_TIME * 3600 + 1)
        response, signed_in = _attempt(user, PASSWORD, OFFICE)

    assert response.status_code == 302
    assert signed_in
