"""The address field: suggestions as an HTML fragment, the combobox markup, and the
offer's place taking its point from the address index when no coordinates are given."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from sozialraum.addresses.geocoder import address_point
from sozialraum.addresses.models import Address
from sozialraum.directory.forms import PlaceForm

URL = "/adressen/vorschlaege/"


pytestmark = pytest.mark.usefixtures("essen_index")


def test_suggestions_are_options_carrying_the_address_parts(client: Client) -> None:
    abtei = Address.objects.get(street_key="abteistrasse", house_number=7)
    response = client.get(
        URL, {"field": "place-street_address", "place-street_address": "abteistr 7"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('role="option"') == 1
    assert 'id="place-street_address-option-1"' in html
    assert 'data-street="Abteistr. 7"' in html
    assert 'data-city="Essen"' in html
    assert f'data-lat="{abtei.lat:.6f}"' in html
    assert f'data-lon="{abtei.lon:.6f}"' in html
    assert ">Abteistr. 7, Essen</li>" in html


def test_an_estimated_point_says_so(client: Client) -> None:
    html = client.get(URL, {"q": "Abteistr. 5"}).content.decode()
    assert "(zwischen bekannten Hausnummern geschätzt)" in html


def test_suggestions_wait_for_three_characters(client: Client) -> None:
    assert client.get(URL, {"q": "Ab"}).content.decode().strip() == ""
    assert client.get(URL, {"q": "Abt"}).content.decode().count('role="option"') >= 1


def test_suggestions_are_bounded(client: Client) -> None:
    assert client.get(URL, {"q": "Alte"}).content.decode().count('role="option"') == 6


def test_address_text_reaches_the_page_escaped(client: Client) -> None:
    Address.objects.filter(street_key="abteistrasse").update(street='Abtei<b>"str.')
    html = client.get(URL, {"q": "Abteistr. 7"}).content.decode()
    assert "<b>" not in html
    assert 'data-street="Abtei&lt;b&gt;&quot;str. 7"' in html


def test_suggestions_answer_post_with_405(client: Client) -> None:
    assert client.post(URL, {"q": "Abteistr. 7"}).status_code == 405


def test_the_place_form_renders_a_combobox_that_fills_its_fields() -> None:
    html = str(PlaceForm(prefix="place")["street_address"])
    for attribute in (
        'role="combobox"',
        'aria-autocomplete="list"',
        'aria-expanded="false"',
        'aria-controls="id_place-street_address-listbox"',
        'autocomplete="off"',
        f'hx-get="{URL}"',
        'hx-target="#id_place-street_address-listbox"',
        'data-postcode-field="place-postal_code"',
        'data-lat-field="place-latitude"',
        'data-lon-field="place-longitude"',
    ):
        assert attribute in html
    assert 'id="id_place-street_address-listbox" class="address-listbox" role="listbox"' in html
    assert 'id="id_place-street_address-status" class="visually-hidden" role="status"' in html


def _place(**data: Any) -> PlaceForm:
    fields = {"name": "Haus", "street_address": "", "postal_code": "", "city": "Essen"}
    fields.update(wheelchair="", **data)
    return PlaceForm({f"place-{key}": value for key, value in fields.items()}, prefix="place")


def test_a_place_without_coordinates_gets_the_point_of_its_address() -> None:
    form = _place(street_address="Abteistraße 7")
    assert form.is_valid(), form.errors
    abtei = Address.objects.get(street_key="abteistrasse", house_number=7)
    assert (form.cleaned_data["latitude"], form.cleaned_data["longitude"]) == (abtei.lat, abtei.lon)


def test_given_coordinates_are_kept() -> None:
    form = _place(street_address="Abteistraße 7", latitude="51.4", longitude="7.0")
    assert form.is_valid(), form.errors
    assert (form.cleaned_data["latitude"], form.cleaned_data["longitude"]) == (51.4, 7.0)


def test_a_street_alone_gives_no_point() -> None:
    form = _place(street_address="Abteistraße")
    assert form.is_valid(), form.errors
    assert form.cleaned_data["latitude"] is None


def test_an_option_carries_the_whole_address_for_forms_with_one_address_line(
    client: Client,
) -> None:
    html = client.get(URL, {"q": "abteistr 7"}).content.decode()
    assert 'data-label="Abteistr. 7, Essen"' in html


def test_a_point_is_given_only_for_a_known_or_interpolated_house() -> None:
    abtei = Address.objects.get(street_key="abteistrasse", house_number=7)
    assert address_point("Abteistr. 7, Essen") == (abtei.lat, abtei.lon)
    assert address_point("Abteistr. 5") is not None
    assert address_point("Abteistraße") is None
    assert address_point("Nirgendwostraße 1") is None
