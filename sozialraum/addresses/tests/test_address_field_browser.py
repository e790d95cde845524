"""The address field in a real browser, in the offer editor: typing shows suggestions, the
keyboard chooses one, the postcode, city and coordinates are filled, and the page has no
serious or critical axe-core violations with the list open."""

from __future__ import annotations

from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from sozialraum.accounts.tests.factories import PASSWORD, user_with_role
from sozialraum.addresses.geocoder import geocode_cache_clear
from sozialraum.addresses.models import Address
from sozialraum.conftest import axe_violations
from sozialraum.directory.models import Offer
from sozialraum.directory.tests._pages import offer_make
from sozialraum.lib.access import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

ESSEN = Path(__file__).parent / "data" / "essen_hauskoordinaten_excerpt.geojson"


def _typed(page: Any, text: str) -> tuple[Offer, Any]:
    """A provider editor's offer open in the editor, ``text`` typed into its address field;
    the offer and the field."""
    geocode_cache_clear()
    call_command("import_addresses", str(ESSEN), "--city", "Essen", stdout=StringIO())
    offer = offer_make("Mittagstisch Werden")
    user = user_with_role(Role.PROVIDER_EDITOR, offer.provider)
    page.goto("/konto/anmelden/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    page.goto(f"/angebote/{offer.pk}/bearbeiten/")
    field = page.get_by_role("combobox", name="Straße und Hausnummer")
    field.fill("")
    field.press_sequentially(text)
    return offer, field


def test_an_address_is_chosen_with_the_keyboard_and_fills_the_place(page: Any) -> None:
    offer, field = _typed(page, "abteistr 7")
    options = page.locator("#id_place-street_address-listbox [role=option]")
    options.first.wait_for()
    assert field.get_attribute("aria-expanded") == "true"
    assert "Vorschl" in page.locator("#id_place-street_address-status").inner_text()
    assert axe_violations(page) == [], "edit page with suggestions"
    field.press("ArrowDown")
    assert field.get_attribute("aria-activedescendant") == options.first.get_attribute("id")
    field.press("Enter")
    abtei = Address.objects.get(street_key="abteistrasse", house_number=7)
    assert field.input_value() == "Abteistr. 7"
    assert field.get_attribute("aria-expanded") == "false"
    assert page.locator("input[name=place-city]").input_value() == "Essen"
    assert page.locator("input[name=place-latitude]").input_value() == f"{abtei.lat:.6f}"
    assert page.locator("input[name=place-longitude]").input_value() == f"{abtei.lon:.6f}"
    assert "Abteistr. 7" in page.locator("#id_place-street_address-status").inner_text()
    page.locator("form.offer-form button[type=submit]").click()
    page.wait_for_load_state()
    place = offer.places.get()
    assert (place.street_address, place.latitude) == ("Abteistr. 7", pytest.approx(abtei.lat))


def test_escape_closes_the_list_and_typing_again_drops_the_chosen_point(page: Any) -> None:
    _offer, field = _typed(page, "abteistr 7")
    page.locator("#id_place-street_address-listbox [role=option]").first.wait_for()
    field.press("Escape")
    assert field.get_attribute("aria-expanded") == "false"
    field.press("ArrowDown")
    field.press("Enter")
    assert page.locator("input[name=place-latitude]").input_value() != ""
    field.press("Backspace")
    assert page.locator("input[name=place-latitude]").input_value() == ""
