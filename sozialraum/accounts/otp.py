"""Presentation helpers for the second factor: the secret as text, the QR code, code formats.

Authenticator apps read an ``otpauth://`` address (from the QR code, or typed in as the
Base32 secret). Recovery codes are stored without separators and shown in two groups of
four, so that they can be read out and typed without errors; input is accepted in either
form and in any case.
"""

from __future__ import annotations

import re
from base64 import b32encode

import segno
from django_otp.plugins.otp_totp.models import TOTPDevice

_SEPARATORS = re.compile(r"[\s\-]+")


def totp_secret(device: TOTPDevice) -> str:
    """The device's secret as Base32 in groups of four, for typing into an app by hand."""
    secret = b32encode(device.bin_key).decode("ascii").rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def totp_qr_svg(device: TOTPDevice, title: str) -> str:
    """The device's ``otpauth://`` address as an inline SVG QR code (no external request).

    The title is escaped by segno and becomes the image's accessible name.
    """
    code = segno.make(device.config_url, error="m")
    return str(code.svg_inline(scale=5, border=4, dark="#000", light="#fff", title=title))


def code_normalise(code: str) -> str:
    """A code as the user typed it, without spaces or hyphens and in lower case."""
    return _SEPARATORS.sub("", code).lower()


def recovery_code_display(token: str) -> str:
    """A stored recovery code as shown to the user: ``abcd-efgh``."""
    middle = len(token) // 2
    return f"{token[:middle]}-{token[middle:]}"
