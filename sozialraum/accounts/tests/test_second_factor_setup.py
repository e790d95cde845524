"""Setting up an authenticator app, recovery codes, and switching the second factor off."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from sozialraum.accounts import services
from sozialraum.accounts.models import User
from sozialraum.accounts.otp import totp_secret
from sozialraum.accounts.tests.factories import (
    PASSWORD,
    signed_in_client,
    totp_code,
    user_with_role,
)
from sozialraum.lib.access import Role

pytestmark = pytest.mark.django_db

SETUP = reverse("accounts:second_factor_setup")
CODES = reverse("accounts:recovery_codes")
DISABLE = reverse("accounts:second_factor_disable")
HOME = reverse("accounts:home")


def _signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _pending(user: User) -> TOTPDevice:
    return TOTPDevice.objects.get(user=user, confirmed=False)


def test_setup_page_shows_a_qr_code_and_the_secret_for_typing() -> None:
    worker = user_with_role(Role.WORKER)
    client = _signed_in(worker)

    content = client.get(SETUP).content.decode()

    device = _pending(worker)
    assert "<svg" in content
    assert "<title>QR code for your authenticator app</title>" in content
    assert totp_secret(device) in content
    assert 'autocomplete="one-time-code"' in content
    assert 'inputmode="numeric"' in content


def test_setup_page_is_never_cached() -> None:
    response = _signed_in(user_with_role(Role.WORKER)).get(SETUP)
    assert "no-store" in response.headers["Cache-Control"]


def test_reloading_the_setup_page_keeps_the_secret() -> None:
    worker = user_with_role(Role.WORKER)
    client = _signed_in(worker)
    client.get(SETUP)
    first = _pending(worker)

    client.get(SETUP)

    assert _pending(worker).pk == first.pk


def test_confirming_the_app_passes_the_second_factor_and_shows_codes_once() -> None:
    worker = user_with_role(Role.WORKER)
    client = _signed_in(worker)
    client.get(SETUP)
    device = _pending(worker)

    response = client.post(SETUP, {"code": totp_code(device)})

    assert response["Location"] == CODES
    device.refresh_from_db()
    assert device.confirmed
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    shown = client.get(CODES)
    assert len(shown.context["codes"]) == 10
    assert shown.context["codes"][0] in shown.content.decode()
    assert client.get(CODES).context["codes"] is None
    assert client.get(HOME).status_code == 200


def test_a_wrong_code_leaves_the_app_unconfirmed() -> None:
    worker = user_with_role(Role.WORKER)
    client = _signed_in(worker)
    client.get(SETUP)
    device = _pending(worker)
    wrong = f"{(int(totp_code(device)) + 1) % 1_000_000:06d}"

    response = client.post(SETUP, {"code": wrong})

    assert response.status_code == 200
    assert "That code is not correct." in response.content.decode()
    assert not TOTPDevice.objects.filter(user=worker, confirmed=True).exists()


def test_letters_instead_of_digits_are_explained() -> None:
    client = _signed_in(user_with_role(Role.WORKER))
    client.get(SETUP)
    response = client.post(SETUP, {"code": "abcdef"})
    assert "Please enter the six digits your app shows." in response.content.decode()


def test_a_user_with_an_app_must_pass_it_before_setting_up_another() -> None:
    worker = user_with_role(Role.WORKER)
    TOTPDevice.objects.create(user=worker, name="old phone", confirmed=True)
    client = _signed_in(worker)

    response = client.get(SETUP)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:second_factor"))
    assert not TOTPDevice.objects.filter(user=worker, confirmed=False).exists()


def test_moving_to_a_new_phone_replaces_the_old_app_once_confirmed() -> None:
    worker = user_with_role(Role.WORKER)
    client = signed_in_client(worker)
    old = TOTPDevice.objects.get(user=worker)
    assert "keeps working" in client.get(SETUP).content.decode()
    new = _pending(worker)
    assert TOTPDevice.objects.filter(pk=old.pk).exists()

    client.post(SETUP, {"code": totp_code(new)})

    assert list(TOTPDevice.objects.filter(user=worker)) == [new]
    assert client.get(HOME).status_code == 200


def test_new_recovery_codes_replace_the_old_ones() -> None:
    worker = user_with_role(Role.WORKER)
    client = signed_in_client(worker)
    old = services.recovery_codes_create(user=worker)

    response = client.post(CODES, follow=True)

    new = response.context["codes"]
    assert len(new) == 10
    assert not set(old) & set(new)
    assert StaticToken.objects.filter(device__user=worker).count() == 10


def test_a_session_verified_by_recovery_code_survives_new_codes() -> None:
    worker = user_with_role(Role.WORKER)
    TOTPDevice.objects.create(user=worker, name="phone", confirmed=True)
    code = services.recovery_codes_create(user=worker)[0]
    client = _signed_in(worker)
    client.post(reverse("accounts:second_factor"), {"recovery-code": code})

    client.post(CODES)

    assert client.get(HOME).status_code == 200


def test_recovery_codes_need_an_app_first() -> None:
    response = _signed_in(user_with_role(Role.RESIDENT)).get(CODES)
    assert response["Location"] == SETUP


def test_a_resident_can_switch_the_second_factor_off_with_the_password() -> None:
    resident = user_with_role(Role.RESIDENT)
    device, _codes = services.second_factor_provision(user=resident)
    client = _signed_in(resident)
    client.post(reverse("accounts:second_factor"), {"code": totp_code(device)})

    response = client.post(DISABLE, {"password": PASSWORD})

    assert response["Location"] == HOME
    assert not TOTPDevice.objects.filter(user=resident).exists()
    assert not StaticDevice.objects.filter(user=resident).exists()
    assert client.get(HOME).status_code == 200


def test_a_wrong_password_keeps_the_second_factor_on() -> None:
    resident = user_with_role(Role.RESIDENT)
    device, _codes = services.second_factor_provision(user=resident)
    client = _signed_in(resident)
    client.post(reverse("accounts:second_factor"), {"code": totp_code(device)})

    response = client.post(DISABLE, {"password": "not my password"})

    assert "That is not your current password." in response.content.decode()
    assert TOTPDevice.objects.filter(user=resident).exists()


@pytest.mark.parametrize("role", [Role.WORKER, Role.ADMIN])
def test_staff_are_told_they_cannot_switch_it_off_and_posting_is_refused(role: str) -> None:
    user = user_with_role(role)
    client = signed_in_client(user)

    page = client.get(DISABLE)
    refused = client.post(DISABLE, {"password": PASSWORD})

    assert page.status_code == 200
    assert "It cannot be switched off." in page.content.decode()
    assert refused.status_code == 403
    assert TOTPDevice.objects.filter(user=user).exists()


def test_a_resident_without_second_factor_has_nothing_to_switch_off() -> None:
    response = _signed_in(user_with_role(Role.RESIDENT)).get(DISABLE)
    assert response["Location"] == HOME


def test_a_setup_whose_app_was_removed_starts_over_with_a_new_secret() -> None:
    worker = user_with_role(Role.WORKER)
    client = _signed_in(worker)
    client.get(SETUP)
    device = _pending(worker)
    code = totp_code(device)
    TOTPDevice.objects.filter(pk=device.pk).delete()

    with time_machine.travel(timezone.now() + timedelta(seconds=1)):
        response = client.post(SETUP, {"code": code})

    assert response.status_code == 200
    assert _pending(worker).pk != device.pk
