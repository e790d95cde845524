"""Second-factor presentation: secret text, QR code, code formats."""

from __future__ import annotations

from base64 import b32decode

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from sozialraum.accounts.otp import (
    code_normalise,
    recovery_code_display,
    totp_qr_svg,
    totp_secret,
)
from sozialraum.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_secret_is_base32_of_the_key_in_groups_of_four() -> None:
    device = TOTPDevice.objects.create(user=UserFactory.create(), confirmed=False)
    secret = totp_secret(device)
    assert all(len(group) == 4 for group in secret.split(" "))
    assert b32decode(secret.replace(" ", "")) == device.bin_key


def test_the_qr_code_is_inline_svg_with_an_escaped_title() -> None:
    device = TOTPDevice.objects.create(user=UserFactory.create(), confirmed=False)
    svg = totp_qr_svg(device, "QR <code>")
    assert svg.startswith("<svg")
    assert "<title>QR &lt;code&gt;</title>" in svg
    assert "<?xml" not in svg


def test_codes_are_compared_without_spaces_hyphens_or_capitals() -> None:
    assert code_normalise(" 123 456 ") == "123456"
    assert code_normalise("ABCD-EFGH") == "abcdefgh"


def test_recovery_codes_are_shown_in_two_halves() -> None:
    assert recovery_code_display("abcdefgh") == "abcd-efgh"
