"""Writing offers and places: validation, history of changes, confirmation, districts."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from sozialraum.accounts.models import Organisation, OrganisationKind
from sozialraum.accounts.tests.factories import OrganisationFactory, UserFactory
from sozialraum.directory.models import Category, ChangeAction, Fee, Offer, OfferChange
from sozialraum.directory.services import (
    OfferData,
    PlaceData,
    offer_confirm,
    offer_create,
    offer_update,
    place_upsert,
    provider_get_or_create,
)
from sozialraum.directory.tests.factories import OfferFactory, square_district
from sozialraum.districts.lookup import lookup_cache_clear

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_lookup() -> Iterator[None]:
    lookup_cache_clear()
    yield
    lookup_cache_clear()


def lunch_table_data() -> OfferData:
    return {
        "name": "Mittagstisch",
        "fee": Fee.PAID,
        "opening_hours": "Mo-Fr 12:00-14:00",
        "categories": [Category.objects.get(code="lunch_table")],
        "cost_options": [
            {"amount": Decimal("3"), "option": "Geringes Einkommen"},
            {"amount": Decimal("4"), "option": "Alle anderen"},
        ],
    }


def test_creating_an_offer_records_who_created_it_and_what_was_set() -> None:
    user = UserFactory.create()
    offer = offer_create(provider=OrganisationFactory.create(), data=lunch_table_data(), user=user)
    change = OfferChange.objects.get(offer=offer)
    assert (change.user, change.action, change.offer_name) == (
        user,
        ChangeAction.CREATED,
        "Mittagstisch",
    )
    assert change.changes["categories"] == [None, ["lunch_table"]]
    assert [o["amount"] for o in change.changes["cost_options"][1]] == ["3.00", "4.00"]
    assert offer.min_cost == Decimal("3.00")


def test_an_update_records_each_changed_field_as_old_and_new() -> None:
    offer = offer_create(
        provider=OrganisationFactory.create(), data=lunch_table_data(), source="test"
    )
    user = UserFactory.create()
    change = offer_update(
        offer=offer,
        data={"opening_hours": "Mo-Fr 12:00-13:30", "cost_options": [{"amount": Decimal("3.50")}]},
        user=user,
    )
    assert change is not None and change.user == user
    assert change.changes["opening_hours"] == ["Mo-Fr 12:00-14:00", "Mo-Fr 12:00-13:30"]
    assert [o["amount"] for o in change.changes["cost_options"][1]] == ["3.50"]
    assert set(change.changes) == {"opening_hours", "cost_options"}
    assert list(offer.cost_options.values_list("amount", flat=True)) == [Decimal("3.50")]


def test_an_update_that_changes_nothing_writes_nothing() -> None:
    offer = offer_create(
        provider=OrganisationFactory.create(), data=lunch_table_data(), source="test"
    )
    updated_at = Offer.objects.get(pk=offer.pk).updated_at
    assert offer_update(offer=offer, data=lunch_table_data(), source="test") is None
    assert OfferChange.objects.filter(offer=offer).count() == 1
    assert Offer.objects.get(pk=offer.pk).updated_at == updated_at


def test_invalid_opening_hours_are_refused_on_their_field_and_nothing_is_written() -> None:
    offer = OfferFactory.create(opening_hours="Mo 10:00-12:00")
    with pytest.raises(ValidationError) as raised:
        offer_update(offer=offer, data={"opening_hours": "Montag 10 Uhr"}, source="test")
    assert list(raised.value.message_dict) == ["opening_hours"]
    offer.refresh_from_db()
    assert offer.opening_hours == "Mo 10:00-12:00"
    assert not OfferChange.objects.exists()


def test_a_negative_price_is_refused_on_the_cost_options() -> None:
    with pytest.raises(ValidationError) as raised:
        offer_create(
            provider=OrganisationFactory.create(),
            data={"name": "Kurs", "cost_options": [{"amount": Decimal("-2")}]},
            source="test",
        )
    assert list(raised.value.message_dict) == ["cost_options"]
    assert not Offer.objects.exists()


def test_a_change_needs_a_user_or_a_source() -> None:
    with pytest.raises(ValueError, match="user or a source"):
        offer_create(provider=OrganisationFactory.create(), data={"name": "Kurs"})


def test_confirming_an_offer_sets_the_time_and_records_the_user() -> None:
    offer = OfferFactory.create()
    user = UserFactory.create()
    before = timezone.now()
    change = offer_confirm(offer=offer, user=user)
    offer.refresh_from_db()
    assert offer.last_confirmed_at is not None and offer.last_confirmed_at >= before
    assert (change.action, change.user) == (ChangeAction.CONFIRMED, user)
    assert not offer.is_stale(timezone.now(), dt.timedelta(days=1))


def test_the_history_keeps_the_offers_name_after_it_is_deleted() -> None:
    offer = offer_create(
        provider=OrganisationFactory.create(),
        data={"name": "Kurs", "external_id": "x:1"},
        source="test",
    )
    offer.delete()
    change = OfferChange.objects.get()
    assert (change.offer, change.offer_name, change.offer_external_id) == (None, "Kurs", "x:1")


def test_a_place_gets_the_district_its_coordinates_lie_in() -> None:
    inside = square_district(9.40, 54.78, name="Altstadt")
    square_district(9.50, 54.78, name="Jürgensby")
    place, outcome = place_upsert(
        external_id="test:1", data={"name": "Treff", "latitude": 54.785, "longitude": 9.405}
    )
    assert (outcome, place.district) == ("created", inside)


def test_a_place_outside_every_district_or_without_coordinates_has_none() -> None:
    square_district(9.40, 54.78)
    outside, _ = place_upsert(data={"name": "Förde", "latitude": 54.9, "longitude": 9.6})
    unknown, _ = place_upsert(data={"name": "Irgendwo"})
    assert outside.district is None and unknown.district is None


def test_upserting_a_place_again_with_the_same_data_changes_nothing_and_moving_it_updates() -> None:
    square_district(9.40, 54.78)
    east = square_district(9.50, 54.78)
    data: PlaceData = {"name": "Treff", "latitude": 54.785, "longitude": 9.405}
    first, _ = place_upsert(external_id="test:1", data=data)
    again, outcome = place_upsert(external_id="test:1", data=data)
    assert (again.pk, outcome) == (first.pk, "unchanged")
    moved, outcome = place_upsert(external_id="test:1", data={"longitude": 9.505})
    assert (moved.pk, outcome, moved.district) == (first.pk, "updated", east)


def test_a_place_with_coordinates_out_of_range_is_refused() -> None:
    with pytest.raises(ValidationError) as raised:
        place_upsert(data={"name": "Nirgends", "latitude": 95.0, "longitude": 9.0})
    assert "latitude" in raised.value.message_dict


def test_a_provider_is_found_by_name_whatever_its_blanks_and_dots() -> None:
    first, created = provider_get_or_create(name="Dansk Skoleforening for Sydslesvig e.V.")
    again, created_again = provider_get_or_create(name="Dansk  Skoleforening for Sydslesvig e. V.")
    assert (created, created_again, again) == (True, False, first)
    assert (first.slug, first.kind) == (
        "dansk-skoleforening-for-sydslesvig-ev",
        OrganisationKind.ASSOCIATION,
    )


def test_a_new_provider_gets_a_free_slug_and_a_kind_from_its_name() -> None:
    OrganisationFactory.create(name="Something else", slug="stadt-flensburg")
    city, _ = provider_get_or_create(name="Stadt Flensburg")
    welfare, _ = provider_get_or_create(name="Diako")
    assert (city.slug, city.kind) == ("stadt-flensburg-2", OrganisationKind.CITY_SOCIAL_SERVICES)
    assert welfare.kind == OrganisationKind.WELFARE
    assert Organisation.objects.count() == 3
