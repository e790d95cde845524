"""The Mitmach-Kommune in a real browser: a resident proposes a bench, two neighbours
support it, the city answers "planned" and the author sees the answer on their start
page; axe-core finds no serious or critical violation on any page, on a desktop and a
phone-sized screen, and no page scrolls sideways."""

from __future__ import annotations

from typing import Any

import pytest

from sozialraum.civic.models import Idea
from sozialraum.conftest import axe_violations
from sozialraum.lib.tests._browser import sign_in

from .factories import LAT, LON, answerer_make, district_make, resident_make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _checked(page: Any, width: int, name: str) -> None:
    assert axe_violations(page) == [], name
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1, name


def _as(page: Any, live_server: Any, user: Any) -> None:
    page.context.clear_cookies()
    sign_in(page, live_server, user)


def _propose(page: Any, width: int) -> Idea:
    page.goto("/ideen/neu/")
    _checked(page, width, "proposal form")
    page.locator("main form.stack button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator("[aria-invalid=true]").count() >= 1
    _checked(page, width, "proposal form with errors")
    page.fill("input[name=title]", "Eine Bank am Spielplatz")
    page.fill("textarea[name=text]", "Zum Ausruhen für Großeltern, die mit den Kindern kommen.")
    page.select_option("select[name=category]", "seating")
    page.fill("input[name=latitude]", str(LAT))
    page.fill("input[name=longitude]", str(LON))
    page.locator("main form.stack button[type=submit]").click()
    page.wait_for_load_state()
    idea = Idea.objects.get()
    assert page.url.endswith(f"/ideen/{idea.pk}/")
    _checked(page, width, "idea page of the author")
    return idea


def _support(page: Any, live_server: Any, idea: Idea, width: int) -> None:
    _as(page, live_server, resident_make(verified=False))
    page.goto(f"/ideen/{idea.pk}/")
    assert page.locator("form[action$='/unterstuetzen/']").count() == 0
    _checked(page, width, "idea page of an unverified resident")
    for _ in range(2):
        _as(page, live_server, resident_make())
        page.goto(f"/ideen/{idea.pk}/")
        page.locator("form[action$='/unterstuetzen/'] button").click()
        page.wait_for_load_state()
    assert page.locator("#support-count").inner_text() == "2"
    _checked(page, width, "idea page of a supporter")


def _answer(page: Any, live_server: Any, idea: Idea, width: int) -> None:
    _as(page, live_server, answerer_make())
    page.goto("/ideen/moderation/")
    _checked(page, width, "ideas to answer")
    page.goto("/ideen/bewohner-bestaetigen/")
    _checked(page, width, "verify a resident")
    page.goto(f"/ideen/{idea.pk}/antwort/")
    _checked(page, width, "answer form")
    page.select_option("select[name=state]", label="Geplant")
    page.fill("textarea[name=text]", "Die Bank wird im Frühjahr aufgestellt.")
    page.locator("button[name=publish]").click()
    page.wait_for_load_state()


@pytest.mark.parametrize("width", [1280, 375])
def test_a_resident_proposes_a_bench_two_support_it_and_the_city_plans_it(
    page: Any, live_server: Any, width: int
) -> None:
    district = district_make()
    author = resident_make(first_name="Berta", last_name="Beispiel")
    page.set_viewport_size({"width": width, "height": 800})
    page.goto("/ideen/")
    _checked(page, width, "ideas index")
    sign_in(page, live_server, author)
    idea = _propose(page, width)
    assert "Beispiel" not in page.locator("main").inner_text()
    _support(page, live_server, idea, width)
    _answer(page, live_server, idea, width)

    _as(page, live_server, author)
    page.goto("/start/")
    section = page.locator("#start-ideas").locator("xpath=..")
    assert "Geplant" in section.inner_text()
    assert "Eine Bank am Spielplatz" in section.inner_text()
    _checked(page, width, "start page with the answer")
    section.get_by_role("link", name="Antwort lesen").click()
    page.wait_for_load_state()
    assert "Die Bank wird im Frühjahr aufgestellt." in page.locator("main").inner_text()
    page.goto(f"/ideen/quartiere/{district.slug}/")
    page.wait_for_selector("[data-map][data-ready=true]")
    _checked(page, width, "district's ideas")
