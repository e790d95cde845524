"""A neighbourhood walk in a real browser on a phone-sized screen: planned with a route
clicked on the map, three barriers recorded (one with a photo, one at an offer's place),
the office fixes the one at the offer, and the offer page's accessibility changes.
axe-core finds nothing serious or critical on any page at 375 and 1280 px."""

from __future__ import annotations

from typing import Any

import pytest

from sozialraum.accounts.tests.factories import user_with_role
from sozialraum.barriers.models import Barrier, BarrierState, Walk
from sozialraum.conftest import axe_violations
from sozialraum.directory.tests._pages import offer_make
from sozialraum.lib.access import Role
from sozialraum.lib.tests._browser import sign_in

from .factories import jpeg_bytes, world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 800}
DESK = {"width": 1280, "height": 900}


#: WCAG 1.4.12 text spacing (as the page walk in lib/tests/test_walk_browser.py applies it).
TEXT_SPACING = """
const sheet = new CSSStyleSheet();
sheet.replaceSync(`* { line-height: 1.5 !important; letter-spacing: 0.12em !important;
  word-spacing: 0.16em !important; } p { margin-bottom: 2em !important; }`);
document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
"""

WIDEST = """
[...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > 321)
  .map(e => e.tagName + '.' + e.className + '#' + e.id).slice(0, 5)
"""


def reflows(page: Any, url: str) -> list[str]:
    """What sticks out of a 320 px screen with the text spacing applied."""
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(url)
    page.wait_for_load_state("networkidle")
    page.evaluate(TEXT_SPACING)
    if page.evaluate("document.documentElement.scrollWidth") <= 320:
        return []
    return [f"{url} too wide at 320 px: {page.evaluate(WIDEST)}"]


def visit(page: Any, url: str, problems: list[str]) -> None:
    """Opens ``url`` and audits it at both widths, ending on the phone size."""
    problems += reflows(page, url)
    page.set_viewport_size(DESK)
    page.goto(url)
    page.wait_for_load_state("networkidle")
    for selector in ("[data-map]", "[data-route-map]"):
        if page.locator(selector).count():
            page.wait_for_selector(f"{selector}[data-ready=true]")
    problems += [f"{url} 1280: {v}" for v in axe_violations(page)]
    page.set_viewport_size(PHONE)
    problems += [f"{url} 375: {v}" for v in axe_violations(page)]


def plan_walk(page: Any, live_server: Any, district: Any, problems: list[str]) -> Walk:
    visit(page, f"{live_server.url}/begehungen/neu/", problems)
    page.fill("input[name=title]", "Begehung mit Rollstuhl")
    page.select_option("select[name=district]", str(district.pk))
    page.fill("input[name=walked_on]", "2026-12-05")
    page.fill("input[name=participants]", "6")
    page.fill("input[name=wheelchair_users]", "2")
    page.fill("input[name=blind_participants]", "1")
    page.locator("#route-map").click(position={"x": 100, "y": 100})
    page.locator("#route-map").click(position={"x": 200, "y": 150})
    assert len(page.input_value("textarea[name=route_text]").splitlines()) == 2
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    walk = Walk.objects.filter(title="Begehung mit Rollstuhl").first()
    assert walk is not None, page.locator("main").inner_text()
    assert len(walk.route) == 2
    return walk


def record(page: Any, url: str, fields: dict[str, str], *, photo: Any = None) -> None:
    page.goto(url)
    page.wait_for_selector("[data-route-map][data-ready=true]")
    page.select_option("select[name=kind]", fields["kind"])
    page.locator(f"input[name=severity][value='{fields['severity']}']").check()
    if "position" in fields:
        lat, lon = fields["position"].split(",")
        page.fill("input[name=latitude]", lat)
        page.fill("input[name=longitude]", lon)
    else:
        page.locator("#route-map").click(position={"x": 150, "y": 120})
        assert page.input_value("input[name=latitude]") != ""
    page.fill("textarea[name=notes]", fields["notes"])
    if photo is not None:
        page.set_input_files("input[name=photo_upload]", photo)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()


def facts(page: Any, url: str) -> str:
    page.goto(url)
    return page.locator(".place").first.inner_text()


def test_a_walk_records_three_barriers_from_a_phone_and_a_fix_changes_the_offer(
    page: Any, live_server: Any
) -> None:
    w = world()
    offer = offer_make("Mittagstisch Südermarkt", latitude=54.791, longitude=9.432)
    clerk = user_with_role(Role.WORKER, w["fallback"].organisation)
    problems: list[str] = []
    sign_in(page, live_server, w["worker"])
    walk = plan_walk(page, live_server, w["district"], problems)

    form_url = f"{live_server.url}/begehungen/{walk.pk}/barriere/"
    visit(page, form_url, problems)
    picture = {"name": "stufe.jpg", "mimeType": "image/jpeg", "buffer": jpeg_bytes()}
    record(
        page,
        form_url,
        {"kind": "step", "severity": "2", "position": "54.791,9.432", "notes": "Stufe am Eingang"},
        photo=picture,
    )
    record(page, form_url, {"kind": "poor_light", "severity": "1", "notes": "Dunkler Durchgang"})
    record(
        page,
        form_url,
        {
            "kind": "obstacle",
            "severity": "3",
            "position": "54.785,9.425",
            "notes": "Fahrräder auf dem Gehweg",
        },
    )
    barriers = Barrier.objects.filter(walk=walk)
    assert barriers.count() == 3
    step = barriers.get(kind="step")
    assert step.photo

    offer_url = f"{live_server.url}/angebote/{offer.pk}/"
    before = facts(page, offer_url)
    visit(page, f"{live_server.url}/begehungen/{walk.pk}/", problems)
    visit(page, f"{live_server.url}/begehungen/quartier/{w['district'].slug}/", problems)

    sign_in(page, live_server, clerk)
    visit(page, f"{live_server.url}/begehungen/stellen/", problems)
    barrier_url = f"{live_server.url}/begehungen/barrieren/{step.pk}/"
    for state in (BarrierState.ACKNOWLEDGED, BarrierState.FIXED):
        visit(page, barrier_url, problems)
        page.select_option("select[name=state]", state.value)
        page.locator("main form button[type=submit]").click()
        page.wait_for_load_state()
    step.refresh_from_db()
    assert step.state == BarrierState.FIXED
    after = facts(page, offer_url)
    assert before != after
    place = offer.places.get()
    assert place.step_free_entrance is True
    visit(page, barrier_url, problems)
    assert "\n".join(problems) == ""
