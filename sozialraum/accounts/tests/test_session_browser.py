"""Time limits in a real browser (WCAG 2.2.1): a dialog warns before the idle sign-out and
before the end of the session's lifetime, "stay signed in" extends the session, and what was
typed survives a sign-out and is filled in again after signing in.

The browser's clock is moved with Playwright's ``page.clock``, the server's with
time-machine (the live server runs in this process).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import time_machine
from django.utils import timezone
from pytest_django import Settings

from sozialraum.accounts.models import User
from sozialraum.accounts.tests.factories import PASSWORD, user_with_role
from sozialraum.conftest import axe_violations
from sozialraum.lib.access import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOTS = Path("/tmp")
DRAFT_KEYS = "Object.keys(sessionStorage).filter(key => key.startsWith('sozialraum-draft'))"


@pytest.fixture
def server_clock(settings: Settings) -> Iterator[time_machine.Traveller]:
    settings.SESSION_IDLE_TIMEOUT = 300
    settings.SESSION_ABSOLUTE_LIFETIME = 3600
    with time_machine.travel(timezone.now(), tick=True) as traveller:
        yield traveller


@pytest.fixture
def editor() -> User:
    return user_with_role(Role.PROVIDER_EDITOR)


def _sign_in(page: Any, user: User) -> None:
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()


def _signed_in_at(page: Any, user: User, path: str) -> None:
    page.goto(f"/konto/anmelden/?next={path}")
    _sign_in(page, user)
    assert page.url.endswith(path)


def test_the_idle_warning_opens_as_a_focused_dialog_and_stay_signed_in_extends(
    page: Any, server_clock: time_machine.Traveller, editor: User
) -> None:
    page.clock.install()
    _signed_in_at(page, editor, "/konto/")
    dialog = page.locator("#session-dialog")
    assert not dialog.is_visible()

    page.clock.fast_forward(181_000)  # 3 minutes: 2 before the 5-minute idle sign-out
    assert dialog.is_visible()
    assert page.locator("#session-dialog-title").inner_text() == "Ihre Sitzung läuft bald ab"
    assert "Möchten Sie angemeldet bleiben?" in page.locator("#session-dialog-text").inner_text()
    stay = page.get_by_role("button", name="Angemeldet bleiben")
    assert stay.evaluate("node => node === document.activeElement")
    assert axe_violations(page) == []
    page.screenshot(path=str(SCREENSHOTS / "a11y-forms-session-warning.png"))

    server_clock.shift(181)
    stay.click()
    # A polled predicate string would be eval'd, which the Content-Security-Policy refuses.
    page.locator("#session-dialog").wait_for(state="hidden")
    page.clock.run_for(100)  # the status region is filled a moment later, to be announced
    assert page.locator("#session-status").inner_text() == "Sie bleiben angemeldet."
    page.clock.fast_forward(150_000)  # the warning's new time is 3 minutes after extending
    assert not dialog.is_visible()

    server_clock.shift(200)  # 381 s since the page loaded, 200 s since "stay signed in"
    page.reload()
    assert page.locator("h1").inner_text() != "Anmelden"
    assert page.get_by_role("button", name="Abmelden").count() == 1


def test_without_stay_signed_in_the_session_ends_after_the_idle_timeout(
    page: Any, server_clock: time_machine.Traveller, editor: User
) -> None:
    _signed_in_at(page, editor, "/konto/")
    server_clock.shift(301)
    page.reload()
    assert "/konto/anmelden/" in page.url
    assert page.get_by_role("button", name="Abmelden").count() == 0


def test_the_lifetime_warning_says_it_cannot_be_extended(
    page: Any, settings: Settings, editor: User
) -> None:
    settings.SESSION_IDLE_TIMEOUT = 1800
    settings.SESSION_ABSOLUTE_LIFETIME = 600
    page.clock.install()
    _signed_in_at(page, editor, "/konto/")

    page.clock.fast_forward(481_000)

    assert page.locator("#session-dialog").is_visible()
    text = page.locator("#session-dialog-text").inner_text()
    assert "kann nicht verlängert werden" in text
    assert "Bitte speichern Sie jetzt Ihre Eingaben" in text
    assert page.get_by_role("button", name="Angemeldet bleiben").is_hidden()
    understood = page.get_by_role("button", name="Verstanden")
    assert understood.evaluate("node => node === document.activeElement")
    page.screenshot(path=str(SCREENSHOTS / "a11y-forms-session-lifetime.png"))


def test_what_was_typed_survives_the_idle_sign_out_and_returns_after_signing_in(
    page: Any, server_clock: time_machine.Traveller, editor: User
) -> None:
    _signed_in_at(page, editor, "/angebote/neu/")
    page.fill("input[name=name]", "Mittagstisch im Hafenhaus")
    server_clock.shift(32 * 60)

    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()

    assert "/konto/anmelden/" in page.url
    message = page.locator(".messages").inner_text()
    assert message == (
        "Ihre Sitzung wurde nach 5 Minuten ohne Aktivität beendet. Bitte melden Sie sich erneut an."
    )
    _sign_in(page, editor)
    assert page.url.endswith("/angebote/neu/")
    assert page.input_value("input[name=name]") == "Mittagstisch im Hafenhaus"
    page.locator("#session-status", has_text="wieder eingesetzt").wait_for(state="attached")
    assert "wieder eingesetzt" in page.locator("#session-status").inner_text()


def test_a_draft_is_not_filled_in_when_the_page_is_opened_again_normally(
    page: Any, editor: User
) -> None:
    _signed_in_at(page, editor, "/angebote/neu/")
    page.fill("input[name=name]", "Nur angefangen")
    page.goto("/konto/")
    page.goto("/angebote/neu/")
    assert page.input_value("input[name=name]") == ""


def test_signing_out_clears_the_drafts_of_the_tab(page: Any, editor: User) -> None:
    _signed_in_at(page, editor, "/angebote/neu/")
    page.fill("input[name=name]", "Mittagstisch")
    assert page.evaluate(DRAFT_KEYS) != []

    page.get_by_role("button", name="Abmelden").click()
    page.wait_for_load_state()

    assert page.evaluate(DRAFT_KEYS) == []
