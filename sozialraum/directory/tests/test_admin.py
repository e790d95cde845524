"""The administration writes offers and places through the services: history, search
index and district assignment stay right."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.urls import reverse

from sozialraum.accounts.tests.factories import (
    OrganisationFactory,
    platform_operator,
    signed_in_client,
)
from sozialraum.directory.models import Category, Offer, OfferChange, Place
from sozialraum.directory.search import OfferQuery, offer_search
from sozialraum.directory.tests._pages import offer_make
from sozialraum.directory.tests.factories import square_district
from sozialraum.districts.lookup import lookup_cache_clear

pytestmark = pytest.mark.django_db


def _errors(response: Any) -> str:
    """The admin form's and its inlines' errors, for a failing assertion's message."""
    context = response.context or {}
    form = context.get("adminform")
    inlines = context.get("inline_admin_formsets", [])
    return repr([form.form.errors if form else None, *[i.formset.errors for i in inlines]])


def _offer_form(offer_fields: dict[str, Any]) -> dict[str, Any]:
    return {
        "fee": "free",
        "currency": "EUR",
        "languages": '["de"]',
        "for_everyone": "on",
        "cost_options-TOTAL_FORMS": "0",
        "cost_options-INITIAL_FORMS": "0",
        "cost_options-MIN_NUM_FORMS": "0",
        "cost_options-MAX_NUM_FORMS": "1000",
        **offer_fields,
    }


def test_an_offer_added_in_the_administration_is_indexed_and_in_the_history() -> None:
    admin = platform_operator()
    provider = OrganisationFactory.create()
    lunch = Category.objects.get(code="lunch_table")
    client = signed_in_client(admin)
    response = client.post(
        reverse("admin:directory_offer_add"),
        _offer_form(
            {
                "provider": provider.pk,
                "name": "Suppenküche am Markt",
                "description": "Warme Suppe für alle",
                "categories": [lunch.pk],
            }
        ),
    )
    assert response.status_code == 302, _errors(response)
    offer = Offer.objects.get(name="Suppenküche am Markt")
    assert [c.code for c in offer.categories.all()] == ["lunch_table"]
    assert OfferChange.objects.filter(offer=offer, user=admin).exists()
    found = offer_search(OfferQuery(text="Suppenküche", include_stale=True))
    assert [hit.offer.pk for hit in found.hits] == [offer.pk]


def test_an_offer_changed_in_the_administration_is_found_by_its_new_name() -> None:
    offer = offer_make("Mittagstisch Nord")
    client = signed_in_client(platform_operator())
    url = reverse("admin:directory_offer_change", args=[offer.pk])
    form = _offer_form(
        {
            "provider": offer.provider.pk,
            "name": "Frühstückstreff Nord",
            "description": offer.description,
            "categories": [c.pk for c in offer.categories.all()],
            "places": [p.pk for p in offer.places.all()],
            "fee": offer.fee,
        }
    )
    before = OfferChange.objects.filter(offer=offer).count()
    assert client.post(url, form).status_code == 302
    assert OfferChange.objects.filter(offer=offer).count() == before + 1
    found = offer_search(OfferQuery(text="Frühstückstreff ", include_stale=True))
    assert [hit.offer.pk for hit in found.hits] == [offer.pk]


def test_a_place_moved_in_the_administration_gets_its_new_district_and_is_searched_there() -> None:
    lookup_cache_clear()
    quarter = square_district(9.42, 54.78, 0.02, name="Hafenviertel")
    offer = offer_make("Lesecafé", latitude=54.70, longitude=9.30)
    place = offer.places.get()
    assert place.district is None
    client = signed_in_client(platform_operator())
    response = client.post(
        reverse("admin:directory_place_change", args=[place.pk]),
        {
            "name": place.name,
            "street_address": place.street_address,
            "postal_code": place.postal_code,
            "city": place.city,
            "latitude": "54.79",
            "longitude": "9.43",
            "wheelchair": place.wheelchair,
        },
    )
    assert response.status_code == 302, _errors(response)
    place = Place.objects.get(pk=place.pk)
    assert place.district == quarter
    found = offer_search(OfferQuery(district=quarter, include_stale=True))
    assert [hit.offer.pk for hit in found.hits] == [offer.pk]
    lookup_cache_clear()


def test_every_control_of_the_price_rows_in_the_offer_form_has_a_name() -> None:
    offer = offer_make("Mittagstisch Nord")
    client = signed_in_client(platform_operator())

    response = client.get(reverse("admin:directory_offer_change", args=[offer.pk]))

    assert response.status_code == 200
    controls = re.findall(
        r"<(?:input|select)[^>]*name=\"[a-z_]+-0-(?:amount|currency|option|valid_from|valid_to|DELETE)\""
        r"[^>]*>",
        response.content.decode(),
    )
    assert len(controls) == 6
    assert all("aria-label=" in control for control in controls), controls
