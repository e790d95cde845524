"""An idea's place in a real browser: the address field's suggestion fills the whole
address and the point (the map's marker follows), a click on the map and Enter on the
focused map set the point instead; axe-core finds no serious or critical violation with
the list open."""

from __future__ import annotations

from typing import Any

import pytest

from sozialraum.addresses.tests.factories import address_make
from sozialraum.civic.models import Idea
from sozialraum.conftest import axe_violations
from sozialraum.lib.tests._browser import sign_in

from .factories import district_make, resident_make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MAP = "#idea-place-map-view"


def _point(page: Any) -> tuple[float, float]:
    lat = page.locator("input[name=latitude]").input_value()
    lon = page.locator("input[name=longitude]").input_value()
    return float(lat), float(lon)


def _markers(page: Any) -> int:
    """The paths Leaflet drew besides the district's outline (the picker's marker)."""
    return int(page.locator(f"{MAP} .leaflet-overlay-pane path").count()) - 1


def test_an_idea_is_placed_by_address_then_by_a_click_and_by_enter_on_the_map(
    page: Any, live_server: Any
) -> None:
    district_make()
    holm = address_make("Holm", 1, lat=54.786, lon=9.406)
    sign_in(page, live_server, resident_make())
    page.goto(f"{live_server.url}/ideen/neu/")
    page.wait_for_selector(f"{MAP}[data-ready=true]")
    assert _markers(page) == 0

    field = page.get_by_role("combobox", name="Adresse")
    field.press_sequentially("Holm 1")
    page.locator("#id_address-listbox [role=option]").first.wait_for()
    assert axe_violations(page) == [], "proposal form with suggestions"
    field.press("ArrowDown")
    field.press("Enter")
    assert field.input_value() == "Holm 1, 24937 Flensburg"
    assert _point(page) == (holm.lat, holm.lon)
    assert _markers(page) == 1, "the marker follows the chosen address"

    page.locator(MAP).click(position={"x": 60, "y": 60})
    clicked = _point(page)
    assert clicked != (holm.lat, holm.lon)
    assert "Punkt auf der Karte gesetzt" in page.locator("#idea-place-map-status").inner_text()
    assert _markers(page) == 1

    page.locator(MAP).focus()
    page.keyboard.press("Enter")
    centre = _point(page)
    assert centre != clicked
    assert 54.78 < centre[0] < 54.79 and 9.40 < centre[1] < 9.41, "the map's centre"

    page.fill("input[name=title]", "Eine Bank am Holm")
    page.fill("textarea[name=text]", "Zum Ausruhen.")
    page.select_option("select[name=category]", "seating")
    page.locator("main form.stack button[type=submit]").click()
    page.wait_for_load_state()
    idea = Idea.objects.get()
    assert (idea.latitude, idea.longitude) == pytest.approx(centre)
    assert idea.address == "Holm 1, 24937 Flensburg"
