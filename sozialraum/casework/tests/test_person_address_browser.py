"""A person's home in a real browser: a suggestion chosen with the keyboard fills street,
postcode, city and the point (the map's marker follows); a tap on the map moves the point,
and the saved person lies there in that district; axe-core finds no serious or critical
violation with the list open, on a desktop and a phone-sized screen."""

from __future__ import annotations

from typing import Any

import pytest

from sozialraum.accounts.tests.factories import OrganisationFactory, user_with_role
from sozialraum.addresses.tests.factories import address_make
from sozialraum.casework.models import Person
from sozialraum.conftest import axe_violations
from sozialraum.directory.tests.factories import square_district
from sozialraum.lib.access import Role
from sozialraum.lib.tests._browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

MAP = "#home-map-view"


def _value(page: Any, name: str) -> str:
    return str(page.locator(f"input[name={name}]").input_value())


@pytest.mark.parametrize("width", [1280, 375])
def test_a_worker_places_the_home_by_address_and_moves_it_on_the_map(
    page: Any, live_server: Any, width: int
) -> None:
    district = square_district(9.40, 54.78, name="Jürgensby")
    holm = address_make("Holm", 1, lat=54.786, lon=9.406)
    worker = user_with_role(Role.WORKER, OrganisationFactory.create())
    page.set_viewport_size({"width": width, "height": 800})
    sign_in(page, live_server, worker)
    page.goto(f"{live_server.url}/personen/neu/")
    page.wait_for_selector(f"{MAP}[data-ready=true]")

    field = page.locator("#id_street_address[role=combobox]")
    field.press_sequentially("holm 1")
    options = page.locator("#id_street_address-listbox [role=option]")
    options.first.wait_for()
    assert axe_violations(page) == [], "person form with suggestions"
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1
    field.press("ArrowDown")
    field.press("Enter")
    assert field.input_value() == "Holm 1"
    assert (_value(page, "postal_code"), _value(page, "city")) == ("24937", "Flensburg")
    assert (float(_value(page, "latitude")), float(_value(page, "longitude"))) == (
        holm.lat,
        holm.lon,
    )
    assert page.locator(f"{MAP} .leaflet-overlay-pane path").count() == 2, "outline, marker"

    page.locator(MAP).scroll_into_view_if_needed()
    box = page.locator(MAP).bounding_box()
    page.locator(MAP).click(position={"x": box["width"] / 2 + 30, "y": box["height"] / 2 + 30})
    tapped = (float(_value(page, "latitude")), float(_value(page, "longitude")))
    assert tapped != (holm.lat, holm.lon)
    assert page.locator("#home-map-status").inner_text().strip() != ""

    page.fill("input[name=name]", "Erika Beispiel (fiktiv)")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    person = Person.objects.get()
    assert (person.latitude, person.longitude) == pytest.approx(tapped)
    assert person.district == district
    assert (person.street_address, person.postal_code) == ("Holm 1", "24937")
