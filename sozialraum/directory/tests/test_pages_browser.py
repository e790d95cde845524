"""The offer pages in a real browser: an anonymous search shows results as a list and on
a map, an offer's page opens, axe-core finds no serious or critical violations, on a
desktop and a phone-sized screen; a provider editor signs in and edits an offer."""

from __future__ import annotations

from typing import Any

import pytest

from sozialraum.accounts.tests.factories import PASSWORD, user_with_role
from sozialraum.conftest import axe_violations
from sozialraum.directory.models import Offer
from sozialraum.directory.tests._pages import offer_make
from sozialraum.lib.access import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def offers() -> list[Offer]:
    return [
        offer_make("Mittagstisch am Hafen", is_demo=True),
        offer_make("Mittagstisch Nordstadt", latitude=54.80, longitude=9.44),
    ]


@pytest.mark.parametrize("width", [1280, 375])
def test_anonymous_search_shows_list_and_map_and_opens_an_offer(
    page: Any, offers: list[Offer], width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    page.goto("/angebote/")
    page.fill("input[name=q]", "Mittagstisch")
    page.locator("form.offer-search button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".offer-card").count() == 2
    page.wait_for_selector("[data-map][data-ready=true]")
    assert page.locator(".leaflet-interactive").count() == 2, "a point per offer"
    assert axe_violations(page) == [], "search page"
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1
    page.get_by_role("link", name="Mittagstisch am Hafen").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Mittagstisch am Hafen")
    assert page.locator("table.prices tbody tr").count() == 2
    page.wait_for_selector("[data-map][data-ready=true]")
    assert axe_violations(page) == [], "offer page"
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1


def test_provider_editor_signs_in_and_edits_an_offer(page: Any, offers: list[Offer]) -> None:
    offer = offers[0]
    user = user_with_role(Role.PROVIDER_EDITOR, offer.provider)
    page.goto("/konto/anmelden/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    page.goto("/angebote/meine/")
    assert axe_violations(page) == [], "my offers"
    page.locator(f"a[href='/angebote/{offer.pk}/bearbeiten/']").click()
    page.wait_for_load_state()
    assert axe_violations(page) == [], "edit page"
    page.fill("input[name=name]", "Mittagstisch im Hafenhaus")
    page.locator("form.offer-form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Mittagstisch im Hafenhaus")
    offer.refresh_from_db()
    assert offer.name == "Mittagstisch im Hafenhaus"
    assert offer.changes.filter(user=user).exists()
