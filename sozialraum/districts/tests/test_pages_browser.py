"""The district pages in a real browser, signed in as each demo role: they render, the map
draws without a tile server, and axe-core finds no serious or critical violations.

Set SCREENSHOTS=<folder> to keep a screenshot of each page.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from sozialraum.conftest import axe_violations
from sozialraum.demo.services import DEMO_PASSWORD, USERS, demo_load

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CITY = "/quartiere/flensburg/"
DISTRICT = "/quartiere/flensburg-nordstadt/"
KIEL_DISTRICT = "/quartiere/kiel-gaarden-ost/"


@pytest.fixture
def demo() -> None:
    demo_load(with_offers=False)


def _sign_in(page: Any, username: str) -> None:
    page.goto("/konto/anmelden/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    if "/zweiter-faktor/" in page.url:
        device = TOTPDevice.objects.get(user__username=username, confirmed=True)
        code = f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"
        page.locator("input[name=code]").first.fill(code)
        page.locator("main form button[type=submit]").first.click()
        page.wait_for_load_state()
    assert "/anmelden/" not in page.url and "/zweiter-faktor/" not in page.url, page.url


def _check(page: Any, path: str, name: str) -> None:
    response = page.goto(path)
    assert response is not None and response.status == 200, path
    assert page.locator("html").get_attribute("lang") == "de"
    if page.locator("[data-map]").count():
        page.wait_for_selector("[data-map][data-ready=true]")
        assert page.locator(".leaflet-interactive").count() > 0, "shapes drawn"
    folder = os.environ.get("SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)
    assert axe_violations(page) == [], path


@pytest.mark.parametrize("username", [row[0] for row in USERS])
def test_each_role_signs_in_and_reads_the_district_pages(
    page: Any, demo: None, username: str
) -> None:
    _sign_in(page, username)
    assert page.locator("form[action='/konto/abmelden/']").count() == 1, "signed in"
    for path, name in ((CITY, "city"), (DISTRICT, "district")):
        _check(page, path, f"{username}-{name}")


def test_anonymous_visitor_reads_overview_district_and_sign_in_pages(page: Any, demo: None) -> None:
    for path, name in (
        ("/", "index"), (CITY, "city"), (DISTRICT, "district"),
        (KIEL_DISTRICT, "kiel-district"), ("/konto/anmelden/", "login"),
    ):  # fmt: skip
        _check(page, path, f"anonymous-{name}")


def test_city_overview_works_on_a_phone_sized_screen(page: Any, demo: None) -> None:
    page.set_viewport_size({"width": 375, "height": 740})
    _check(page, CITY, "phone-city")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375 + 1, "no sideways scrolling of the page itself"


def test_skip_link_moves_focus_to_the_main_content(page: Any, demo: None) -> None:
    page.goto(DISTRICT)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_projection_assumptions_are_changed_by_keyboard_and_the_page_stays_accessible(
    page: Any, demo: None
) -> None:
    page.goto("/quartiere/kiel-wik/")
    assert page.locator("#projection-flag").count() == 1, "no migration does not fit Wik"
    assert page.locator("#projection-breaks li").count() >= 1, "its 80+ broke in 2019"
    page.get_by_label("Wanderungssaldo je 1.000 Einwohner und Jahr").fill("20")
    page.get_by_label("Wanderungssaldo je 1.000 Einwohner und Jahr").press("Enter")
    page.wait_for_load_state()
    assert "net_migration_rate=20" in page.url
    assert page.locator(".projection-basis").inner_text().count("20,0") == 1
    assert axe_violations(page) == []
    page.get_by_label("Kinder je Frau (zusammengefasste Geburtenziffer)").fill("9")
    page.get_by_role("button", name="Neu berechnen").click()
    page.wait_for_load_state()
    assert page.locator("#error-summary").count() == 1, "the error is named"
    assert axe_violations(page) == []
