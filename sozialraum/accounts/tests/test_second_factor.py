"""The second factor at sign-in: who is asked, TOTP and recovery codes, throttling."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice
from pytest_django import Settings

from sozialraum.accounts import services
from sozialraum.accounts.models import User
from sozialraum.accounts.tests.factories import PASSWORD, UserFactory, totp_code, user_with_role
from sozialraum.lib.access import STAFF_ROLES, Role

pytestmark = pytest.mark.django_db

VERIFY = reverse("accounts:second_factor")
SETUP = reverse("accounts:second_factor_setup")
HOME = reverse("accounts:home")
START = reverse("start")


def _password_only(user: User) -> Client:
    """A browser that signed in with the password through the login page."""
    client = Client()
    response = client.post(
        reverse("accounts:login"), {"username": user.username, "password": PASSWORD}
    )
    assert response.status_code == 302
    return client


def _app(user: User) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


def _with_next(url: str, next_url: str) -> str:
    return f"{url}?{urlencode({'next': next_url})}"


@pytest.mark.parametrize("role", sorted(STAFF_ROLES))
def test_staff_without_an_app_are_sent_to_set_one_up_from_any_page(role: str) -> None:
    client = _password_only(user_with_role(role))
    for page in (HOME, reverse("districts:index"), reverse("accounts:teams")):
        response = client.get(page)
        assert response.status_code == 302
        assert response["Location"] == _with_next(SETUP, page)


def test_staff_with_an_app_are_sent_to_enter_a_code_from_any_page() -> None:
    worker = user_with_role(Role.WORKER)
    _app(worker)
    client = _password_only(worker)
    for page in (HOME, reverse("districts:index"), reverse("admin:index")):
        response = client.get(page)
        assert response.status_code == 302
        assert response["Location"] == _with_next(VERIFY, page)


def test_staff_without_an_app_cannot_skip_to_the_code_page() -> None:
    client = _password_only(user_with_role(Role.WORKER))
    response = client.get(VERIFY)
    assert response.status_code == 302
    assert response["Location"].startswith(SETUP)


def test_the_api_answers_403_until_the_second_factor_is_passed() -> None:
    client = _password_only(user_with_role(Role.PLANNER))
    response = client.get(reverse("api:openapi-json"))
    assert response.status_code == 403
    assert json.loads(response.content) == {"detail": "Second factor required."}


def test_htmx_requests_are_redirected_by_the_client() -> None:
    worker = user_with_role(Role.WORKER)
    _app(worker)
    client = _password_only(worker)
    response = client.get(HOME, headers={"HX-Request": "true"})
    assert response.headers["HX-Redirect"].startswith(VERIFY)


def test_signing_out_works_before_the_second_factor(settings: Settings) -> None:
    settings.LOGOUT_REDIRECT_URL = "districts:index"
    client = _password_only(user_with_role(Role.WORKER))
    client.post(reverse("accounts:logout"))
    assert "_auth_user_id" not in client.session


def test_code_from_the_app_passes_the_second_factor_and_follows_next() -> None:
    worker = user_with_role(Role.WORKER)
    device = _app(worker)
    client = _password_only(worker)
    key_before = client.session.session_key
    teams = reverse("accounts:teams")

    response = client.post(VERIFY, {"code": totp_code(device), "next": teams})

    assert response.status_code == 302
    assert response["Location"] == teams
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    assert client.session.session_key != key_before
    assert client.get(teams).status_code == 200


def test_code_with_a_space_in_the_middle_is_accepted() -> None:
    worker = user_with_role(Role.WORKER)
    device = _app(worker)
    client = _password_only(worker)
    code = totp_code(device)

    response = client.post(VERIFY, {"code": f"{code[:3]} {code[3:]}"})

    assert response.status_code == 302
    assert response["Location"] == START


def test_next_address_on_another_site_is_ignored_after_the_code() -> None:
    worker = user_with_role(Role.WORKER)
    device = _app(worker)
    client = _password_only(worker)
    response = client.post(VERIFY, {"code": totp_code(device), "next": "https://evil.example/"})
    assert response["Location"] == START


def test_the_same_app_code_cannot_be_used_twice() -> None:
    worker = user_with_role(Role.WORKER)
    device = _app(worker)
    code = totp_code(device)
    assert _password_only(worker).post(VERIFY, {"code": code}).status_code == 302

    with time_machine.travel(timezone.now() + timedelta(seconds=5)):
        response = _password_only(worker).post(VERIFY, {"code": code})

    assert response.status_code == 200
    assert "That code is not correct." in response.content.decode()


def test_wrong_code_is_counted_and_further_tries_are_slowed_down() -> None:
    worker = user_with_role(Role.WORKER)
    device = _app(worker)
    client = _password_only(worker)
    wrong = f"{(int(totp_code(device)) + 500_000) % 1_000_000:06d}"

    with time_machine.travel(timezone.now(), tick=False) as clock:
        first = client.post(VERIFY, {"code": wrong})
        device.refresh_from_db()
        assert device.throttling_failure_count == 1
        assert "That code is not correct." in first.content.decode()

        hurried = client.post(VERIFY, {"code": totp_code(device)})
        assert "Too many wrong codes. Please wait 1 second and try again." in (
            hurried.content.decode()
        )
        device.refresh_from_db()
        assert device.throttling_failure_count == 1

        clock.shift(2)
        patient = client.post(VERIFY, {"code": totp_code(device)})

    assert patient.status_code == 302
    device.refresh_from_db()
    assert device.throttling_failure_count == 0


def test_code_field_is_labelled_and_ready_for_one_time_codes() -> None:
    worker = user_with_role(Role.WORKER)
    _app(worker)
    content = _password_only(worker).get(VERIFY).content.decode()
    assert '<label for="id_code"' in content
    assert 'autocomplete="one-time-code"' in content
    assert 'inputmode="numeric"' in content
    assert 'aria-describedby="id_code_helptext"' in content


def test_a_recovery_code_works_once_and_only_once() -> None:
    worker = user_with_role(Role.WORKER)
    _app(worker)
    codes = services.recovery_codes_create(user=worker)

    first = _password_only(worker).post(VERIFY, {"recovery-code": codes[0]})
    second = _password_only(worker).post(VERIFY, {"recovery-code": codes[0]})

    assert first.status_code == 302
    assert second.status_code == 200
    assert "That code is not correct." in second.content.decode()


def test_a_recovery_code_is_accepted_without_hyphen_and_in_capitals() -> None:
    worker = user_with_role(Role.WORKER)
    _app(worker)
    code = services.recovery_codes_create(user=worker)[3]

    response = _password_only(worker).post(
        VERIFY, {"recovery-code": code.replace("-", "").upper()}, follow=True
    )

    assert response.redirect_chain[0][0] == START
    assert "You have 9 codes left." in response.content.decode()


def test_a_wrong_recovery_code_keeps_the_recovery_form_open() -> None:
    worker = user_with_role(Role.WORKER)
    _app(worker)
    services.recovery_codes_create(user=worker)

    response = _password_only(worker).post(VERIFY, {"recovery-code": "aaaa-bbbb"})

    content = response.content.decode()
    assert "<details open>" in content
    assert 'aria-describedby="id_recovery-code_helptext id_recovery-code_error"' in content


def test_a_resident_without_an_app_is_not_asked() -> None:
    client = _password_only(user_with_role(Role.RESIDENT))
    assert client.get(HOME).status_code == 200


def test_a_user_without_any_role_is_not_asked() -> None:
    client = _password_only(UserFactory.create())
    assert client.get(HOME).status_code == 200


def test_a_resident_who_set_up_an_app_is_asked() -> None:
    resident = user_with_role(Role.RESIDENT)
    device = _app(resident)
    client = _password_only(resident)

    assert client.get(HOME)["Location"] == _with_next(VERIFY, HOME)
    client.post(VERIFY, {"code": totp_code(device)})
    assert client.get(HOME).status_code == 200


def test_a_verified_user_opening_the_code_page_is_sent_on() -> None:
    worker = user_with_role(Role.WORKER)
    device = _app(worker)
    client = _password_only(worker)
    client.post(VERIFY, {"code": totp_code(device)})

    response = client.get(_with_next(VERIFY, reverse("accounts:teams")))

    assert response["Location"] == reverse("accounts:teams")
