"""An offer's own page: everything about it, its places on a map, print view, share link."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from sozialraum.accounts.tests.factories import signed_in_client, user_with_role
from sozialraum.directory.tests._pages import english, offer_make
from sozialraum.lib.access import Role

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
__all__ = ["english"]


def test_offer_page_shows_the_lunch_table_with_two_prices_hours_and_accessibility(
    client: Client,
) -> None:
    offer = offer_make(legal_basis="§ 71 SGB XII", languages=["de", "da"], is_demo=True)
    response = client.get(reverse("directory:detail", kwargs={"pk": offer.pk}))
    assert response.status_code == 200
    text = response.text
    assert "3.00 €" in text and "Geringes Einkommen" in text
    assert "4.00 €" in text and "Alle anderen" in text
    assert "Monday to Friday" in text and "12:00–14:00" in text
    assert "Marientreppe 10" in text and "24939 Flensburg" in text
    assert "<dt>Toilet for wheelchair users</dt><dd>yes</dd>" in text
    assert "<dt>Hearing loop for hearing aids</dt><dd>not known</dd>" in text
    assert "dansk" in text
    assert "help for older people" in text
    assert "(Demo)" in text
    assert "Last confirmed" in text
    assert response.context["map"]["points"], "the place is on the map"
    share = f'value="http://testserver/angebote/{offer.pk}/"'
    assert share in text


def test_intricate_opening_hours_are_shown_as_written(client: Client) -> None:
    offer = offer_make(opening_hours="Mo-Fr 12:00-14:00; PH off; week 1-10 Sa 10:00-12:00")
    response = client.get(reverse("directory:detail", kwargs={"pk": offer.pk}))
    assert "<code>Mo-Fr 12:00-14:00; PH off; week 1-10 Sa 10:00-12:00</code>" in response.text


def test_print_view_leaves_out_the_map_and_keeps_the_facts(client: Client) -> None:
    offer = offer_make()
    response = client.get(reverse("directory:print", kwargs={"pk": offer.pk}))
    assert response.status_code == 200
    assert "print-view" in response.text
    assert "leaflet.js" not in response.text
    assert "Geringes Einkommen" in response.text


def test_stale_offer_page_warns_the_reader(client: Client) -> None:
    offer = offer_make(confirmed_days_ago=None)
    response = client.get(reverse("directory:detail", kwargs={"pk": offer.pk}))
    assert "has not confirmed this offer recently" in response.text


def test_editor_of_the_provider_sees_the_edit_links_and_others_do_not(client: Client) -> None:
    offer = offer_make()
    editor = signed_in_client(user_with_role(Role.PROVIDER_EDITOR, offer.provider))
    stranger = signed_in_client(user_with_role(Role.PROVIDER_EDITOR))
    edit_url = reverse("directory:edit", kwargs={"pk": offer.pk})
    detail = reverse("directory:detail", kwargs={"pk": offer.pk})
    assert edit_url in editor.get(detail).text
    assert edit_url not in stranger.get(detail).text
    assert edit_url not in client.get(detail).text


def test_unknown_offer_is_not_found(client: Client) -> None:
    assert client.get(reverse("directory:detail", kwargs={"pk": 999})).status_code == 404
