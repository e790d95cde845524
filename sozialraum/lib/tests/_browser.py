"""Shared steps of the lib's browser tests."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from sozialraum.accounts.tests.factories import signed_in_client


def sign_in(page: Any, live_server: Any, user: Any) -> None:
    """Hands the browser a session past the second factor (the sign-in pages have their
    own browser tests)."""
    client = signed_in_client(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )
