"""Mein Quartier: a resident chooses a home district (from the list or by address), sees
its current offers and coming dates on the start page, and saves offers to a list only
they see."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from django.urls import reverse
from django.utils import timezone

from sozialraum.accounts.models import User
from sozialraum.accounts.start import start_sections
from sozialraum.accounts.tests.factories import signed_in_client, user_with_role
from sozialraum.addresses.geocoder import geocode_cache_clear
from sozialraum.addresses.models import Address
from sozialraum.addresses.normalise import place_key, street_key
from sozialraum.directory.models import Offer, OfferEvent, Place, ResidentHome, SavedOffer
from sozialraum.directory.tests._pages import offer_make
from sozialraum.directory.tests.factories import square_district
from sozialraum.districts.models import District
from sozialraum.districts.tests.factories import DistrictFactory
from sozialraum.lib.access import Role

pytestmark = pytest.mark.django_db

START = reverse("start")
HOME = reverse("directory:home")
SAVED = reverse("directory:saved")
MY_SECTIONS = ("my-district", "saved-offers")


@pytest.fixture
def resident() -> User:
    return user_with_role(Role.RESIDENT)


def _in(offer: Offer, district: District) -> Offer:
    Place.objects.filter(offers=offer).update(district=district)
    return offer


def test_a_resident_chooses_a_district_and_sees_its_current_offers(resident: User) -> None:
    home = DistrictFactory.create(name="Neustadt")
    part = DistrictFactory.create(name="Hafen", parent=home)
    elsewhere = DistrictFactory.create(name="Mürwik")
    fresh = _in(offer_make("Mittagstisch am Hafen"), part)
    stale = _in(offer_make("Kleiderkammer", confirmed_days_ago=None), home)
    other = _in(offer_make("Seniorentreff Mürwik"), elsewhere)
    client = signed_in_client(resident)

    before = client.get(START).content.decode()
    assert reverse("directory:home") in before
    response = client.post(HOME, {"district": home.slug})

    assert response.status_code == 302
    assert ResidentHome.objects.get(user=resident).district == home
    content = client.get(START).content.decode()
    assert "Neustadt" in content
    assert reverse("directory:detail", args=[fresh.pk]) in content
    assert stale.name not in content, "offers nobody confirmed are not shown to residents"
    assert other.name not in content
    assert f"?district={home.slug}" in content


def test_the_district_is_found_from_the_resident_s_address(resident: User) -> None:
    home = square_district(lon=9.42, lat=54.78, size=0.02, name="Jürgensby")
    Address.objects.create(
        street="Marientreppe", street_key=street_key("Marientreppe"), house_number=10,
        postcode="24939", city="Flensburg", city_key=place_key("Flensburg"),
        lat=54.79, lon=9.43, district=home, source="test",
    )  # fmt: skip
    geocode_cache_clear()
    client = signed_in_client(resident)

    response = client.post(HOME, {"address": "Marientreppe 10, Flensburg"})

    assert response.status_code == 302
    assert ResidentHome.objects.get(user=resident).district == home
    geocode_cache_clear()


def test_the_home_address_field_suggests_addresses_and_keeps_the_whole_address(
    resident: User,
) -> None:
    html = signed_in_client(resident).get(HOME).content.decode()
    assert 'role="combobox"' in html and 'name="address"' in html
    assert "data-city-field" not in html, "without a city field the whole address is taken"
    assert "addresses/address_field" in html


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({}, "district", "Wählen Sie ein Quartier oder geben Sie Ihre Adresse ein."),
        ({"address": "Nirgendwoweg 99"}, "address", "Wir haben für diese Adresse kein Quartier"),
        ({"district": "gibt-es-nicht"}, "district", "Bitte eine gültige Auswahl treffen."),
    ],
)
def test_a_bad_home_district_names_the_field_and_writes_nothing(
    resident: User, data: dict[str, str], field: str, message: str
) -> None:
    DistrictFactory.create()
    response = signed_in_client(resident).post(HOME, data)

    assert response.status_code == 200
    assert any(message in error for error in response.context["form"].errors[field])
    assert not ResidentHome.objects.exists()


def test_the_start_page_shows_coming_dates_in_the_district(resident: User) -> None:
    home = DistrictFactory.create()
    offer = _in(offer_make("Nachbarschaftstreff"), home)
    now = timezone.now()
    OfferEvent.objects.create(offer=offer, title="Sommerfest", starts_at=now + dt.timedelta(days=3))
    OfferEvent.objects.create(offer=offer, title="Winterfest", starts_at=now - dt.timedelta(days=3))
    ResidentHome.objects.create(user=resident, district=home)

    content = signed_in_client(resident).get(START).content.decode()

    assert "Sommerfest" in content
    assert "Winterfest" not in content, "past dates are left out"


def test_saving_an_offer_twice_keeps_one_row_and_unsaving_removes_it(resident: User) -> None:
    offer = offer_make()
    client = signed_in_client(resident)
    url = reverse("directory:save", args=[offer.pk])
    search = "/angebote/?q=Mittagstisch"

    assert client.post(url, {"saved": "1", "next": search})["Location"] == search
    client.post(url, {"saved": "1"})
    assert SavedOffer.objects.filter(user=resident, offer=offer).count() == 1
    assert offer.name in client.get(SAVED).content.decode()
    assert offer.name in client.get(START).content.decode()

    client.post(url, {"saved": "0"})
    assert not SavedOffer.objects.exists()


def test_saving_returns_only_to_this_site(resident: User) -> None:
    offer = offer_make()
    response = signed_in_client(resident).post(
        reverse("directory:save", args=[offer.pk]), {"saved": "1", "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("directory:detail", args=[offer.pk])


def test_saving_needs_a_post_and_a_signed_in_user(client: Client, resident: User) -> None:
    offer = offer_make()
    url = reverse("directory:save", args=[offer.pk])

    anonymous = client.post(url, {"saved": "1"})
    assert anonymous.status_code == 302
    assert anonymous["Location"].startswith(reverse("accounts:login"))
    assert signed_in_client(resident).get(url).status_code == 405
    assert not SavedOffer.objects.exists()


def test_a_resident_sees_only_their_own_saved_offers(resident: User) -> None:
    mine, theirs = offer_make("Mittagstisch"), offer_make("Kleiderkammer")
    SavedOffer.objects.create(user=resident, offer=mine)
    SavedOffer.objects.create(user=user_with_role(Role.RESIDENT), offer=theirs)

    content = signed_in_client(resident).get(SAVED).content.decode()

    assert mine.name in content
    assert theirs.name not in content


def test_the_offer_page_and_the_search_show_whether_an_offer_is_saved(
    client: Client, resident: User
) -> None:
    saved, other = offer_make("Mittagstisch am Hafen"), offer_make("Mittagstisch Nord")
    SavedOffer.objects.create(user=resident, offer=saved)
    signed_in = signed_in_client(resident)

    page = signed_in.get(reverse("directory:detail", args=[saved.pk])).content.decode()
    results = signed_in.get("/angebote/?q=Mittagstisch").content.decode()

    assert 'aria-pressed="true"' in page
    assert results.count('aria-pressed="true"') == 1
    assert results.count('name="saved" value="1"') == 1, f"{other.name} can be saved"
    assert 'name="saved"' not in client.get("/angebote/?q=Mittagstisch").content.decode()


def test_the_saved_list_reads_a_bounded_number_of_queries(
    resident: User, django_assert_max_num_queries: Any
) -> None:
    for number in range(30):
        SavedOffer.objects.create(user=resident, offer=offer_make(f"Angebot {number}"))
    client = signed_in_client(resident)

    with django_assert_max_num_queries(10):
        response = client.get(SAVED)
    assert response.content.decode().count('class="offer-card"') == 30


def test_the_resident_start_sections_read_a_bounded_number_of_queries(
    resident: User, django_assert_max_num_queries: Any
) -> None:
    home = DistrictFactory.create()
    now = timezone.now()
    for number in range(12):
        offer = _in(offer_make(f"Angebot {number}"), home)
        SavedOffer.objects.create(user=resident, offer=offer)
        OfferEvent.objects.create(offer=offer, title="Fest", starts_at=now + dt.timedelta(days=1))
    ResidentHome.objects.create(user=resident, district=home)
    request = RequestFactory().get(START)
    request.user = User.objects.get(pk=resident.pk)

    # The user's roles, the home district, its parts, its offers, its dates, saved offers.
    with django_assert_max_num_queries(6):
        mine = [s for s in start_sections(request.user) if s.key in MY_SECTIONS]
        content = "".join(
            render_to_string(s.template, {"section": s, **s.context(request)}, request)
            for s in mine
        )
    assert [s.key for s in mine] == list(MY_SECTIONS)
    assert content.count(": Fest – ") == 6, "the six soonest dates"
    assert content.count(reverse("directory:detail", args=[offer.pk])) == 2, "new and saved"
    assert signed_in_client(resident).get(START).status_code == 200
