"""The offer editor as a provider editor uses it (in German): opening hours as days and
times (OSM syntax for experts), languages by name, German error messages, and a history
in words."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from pytest_django import Settings

from sozialraum.accounts.tests.factories import signed_in_client, user_with_role
from sozialraum.directory.models import Offer
from sozialraum.directory.tests._pages import offer_make
from sozialraum.directory.tests.test_views_editing import _form
from sozialraum.lib.access import Role

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def german(settings: Settings) -> Iterator[None]:
    settings.LANGUAGE_CODE = "de"
    with translation.override("de"):
        yield


def _rows(*rows: tuple[list[int], str, str], holidays: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = {"hours-TOTAL_FORMS": len(rows), "hours-INITIAL_FORMS": 0}
    for index, (days, start, end) in enumerate(rows):
        data |= {
            f"hours-{index}-days": [str(d) for d in days],
            f"hours-{index}-start": start,
            f"hours-{index}-end": end,
        }
    return data | ({"closed_on_holidays": "on"} if holidays else {})


def _editing(offer: Offer) -> tuple[Client, str]:
    client = signed_in_client(user_with_role(Role.PROVIDER_EDITOR, offer.provider))
    return client, reverse("directory:edit", kwargs={"pk": offer.pk})


def test_opening_hours_entered_as_days_and_times_are_saved_in_osm_syntax() -> None:
    offer = offer_make()
    client, url = _editing(offer)
    rows = _rows(([0, 1, 2, 3, 4], "08:00", "12:00"), ([5], "10:00", "12:00"), holidays=True)

    response = client.post(url, _form(offer, opening_hours="", **rows))

    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.opening_hours == "Mo-Fr 08:00-12:00; Sa 10:00-12:00; PH off"


def test_in_expert_mode_the_osm_text_is_saved_as_written() -> None:
    offer = offer_make()
    client, url = _editing(offer)
    data = _form(offer, opening_hours="Mo-Fr 09:00-17:00; Su off", hours_expert="on")

    response = client.post(url, data | _rows(([0], "08:00", "09:00")))

    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.opening_hours == "Mo-Fr 09:00-17:00; Su off"


def test_hours_the_rows_can_show_are_shown_as_rows() -> None:
    offer = offer_make(opening_hours="Mo,We 08:00-12:00")
    client, url = _editing(offer)

    editor = client.get(url).context["editor"]

    assert editor.hours_forms.initial == [
        {"days": ["0", "2"], "start": dt.time(8), "end": dt.time(12)}
    ]
    assert not editor.offer_form.initial["hours_expert"]


def test_hours_the_rows_cannot_show_open_in_expert_mode_with_a_note() -> None:
    offer = offer_make(opening_hours="Mo-Fr 08:00-16:00; Dec 24 off")
    client, url = _editing(offer)

    response = client.get(url)

    assert response.context["editor"].offer_form.initial["hours_expert"] is True
    assert "nur im Expertenmodus" in response.text


def test_row_and_field_errors_are_german_sentences() -> None:
    offer = offer_make()
    client, url = _editing(offer)
    data = _form(offer, url="kein link", phone="x" * 60, languages=["xx"])

    response = client.post(url, data | _rows(([0], "12:00", "08:00"), ([], "08:00", "09:00")))

    errors = response.context["editor"].errors
    assert errors["hours.0.end"] == ["Die Schließzeit muss nach der Öffnungszeit liegen."]
    assert errors["hours.1.days"] == ["Bitte wählen Sie mindestens einen Tag für diese Zeiten."]
    assert errors["url"] == ["Bitte eine gültige Adresse eingeben."]
    assert errors["languages"] == [
        "xx ist keine Sprache der Liste. Bitte wählen Sie die Sprachen nach ihrem Namen."
    ]
    assert all(" is " not in message for messages in errors.values() for message in messages)


def test_an_osm_syntax_error_in_expert_mode_is_explained_in_german() -> None:
    offer = offer_make()
    client, url = _editing(offer)

    response = client.post(url, _form(offer, opening_hours="Mo-Fr 25:00", hours_expert="on"))

    message = response.context["editor"].errors["opening_hours"][0]
    assert message.startswith("„Mo-Fr 25:00“ ist keine gültige Angabe")


def test_languages_are_picked_by_name_and_stored_as_codes() -> None:
    offer = offer_make()
    client, url = _editing(offer)
    assert "Türkisch" in client.get(url).text

    response = client.post(url, _form(offer, languages=["de", "tr"]))

    assert response.status_code == 302
    offer.refresh_from_db()
    assert offer.languages == ["de", "tr"]


def test_the_history_shows_german_labels_and_readable_values() -> None:
    offer = offer_make(opening_hours="Mo 08:00-12:00")
    client, url = _editing(offer)
    rows = _rows(([0, 1], "08:00", "12:00"))
    assert client.post(url, _form(offer, languages=["de", "tr"], **rows)).status_code == 302

    response = client.get(reverse("directory:history", kwargs={"pk": offer.pk}))
    text = response.text

    assert "Sprachen" in text and "Deutsch, Türkisch" in text
    assert "Mo, Di: 08:00–12:00" in text
    assert "<td>ja</td>" in text and "3,00 € (Geringes Einkommen)" in text
    assert "[&#x27;de&#x27;" not in text and "True" not in text and "False" not in text
