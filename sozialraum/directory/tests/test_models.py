"""Rules of the directory's models: database constraints, prices, opening hours, staleness."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from sozialraum.directory.models import Category, CostOption, Fee, Offer, Place
from sozialraum.directory.tests.factories import CostOptionFactory, OfferFactory, PlaceFactory

pytestmark = pytest.mark.django_db

BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
#: A Monday.
MONDAY = dt.datetime(2025, 3, 3, tzinfo=BERLIN)


def lunch_table() -> Offer:
    offer = OfferFactory.create(name="Mittagstisch im Quartier", fee=Fee.PAID)
    CostOptionFactory.create(offer=offer, amount=Decimal("3.00"), option="Geringes Einkommen")
    CostOptionFactory.create(offer=offer, amount=Decimal("4.00"), option="Alle anderen")
    return offer


def test_the_seeded_categories_include_day_care_centres_under_children_and_families() -> None:
    day_care = Category.objects.get(code="children_day_care")
    assert day_care.name == "Kindertagesstätten"
    assert day_care.parent is not None and day_care.parent.code == "children_families"
    assert Category.objects.filter(code="lunch_table", parent=None).exists()


def test_a_lunch_table_at_three_and_four_euros_is_one_offer_with_two_cost_options() -> None:
    offer = lunch_table()
    assert [(o.amount, o.option) for o in offer.cost_options.all()] == [
        (Decimal("3.00"), "Geringes Einkommen"),
        (Decimal("4.00"), "Alle anderen"),
    ]
    assert offer.min_cost == Decimal("3.00")
    assert str(offer.cost_options.first()) == "3.00 EUR (Geringes Einkommen)"


def test_a_free_offer_costs_nothing_and_an_unknown_fee_has_no_minimum() -> None:
    assert OfferFactory.create(fee=Fee.FREE).min_cost == Decimal("0")
    assert OfferFactory.create(fee=Fee.UNKNOWN).min_cost is None


def test_the_database_refuses_a_negative_price() -> None:
    offer = OfferFactory.create()
    with pytest.raises(IntegrityError), transaction.atomic():
        CostOption.objects.create(offer=offer, amount=Decimal("-1"))


def test_the_database_refuses_a_price_valid_until_before_it_starts() -> None:
    offer = OfferFactory.create()
    with pytest.raises(IntegrityError), transaction.atomic():
        CostOption.objects.create(
            offer=offer,
            amount=Decimal("1"),
            valid_from=dt.date(2025, 2, 1),
            valid_to=dt.date(2025, 1, 1),
        )


def test_the_database_refuses_a_restricted_offer_that_does_not_say_for_whom() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        OfferFactory.create(for_everyone=False, eligibility="")


def test_the_database_refuses_a_place_with_only_a_latitude() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        PlaceFactory.create(longitude=None)


def test_the_database_refuses_an_unknown_wheelchair_value() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        PlaceFactory.create(wheelchair="maybe")


def test_the_database_refuses_a_second_offer_with_the_same_external_id() -> None:
    OfferFactory.create(external_id="test:1")
    with pytest.raises(IntegrityError), transaction.atomic():
        OfferFactory.create(external_id="test:1")


def test_offers_and_places_without_external_id_do_not_clash() -> None:
    OfferFactory.create_batch(2, external_id=None)
    PlaceFactory.create_batch(2, external_id=None)
    assert Offer.objects.count() == Place.objects.count() == 2


def test_opening_hours_not_in_openstreetmap_syntax_are_an_error_on_that_field() -> None:
    offer = OfferFactory.build(opening_hours="montags 8 bis 12")
    with pytest.raises(ValidationError) as raised:
        offer.full_clean(exclude=["provider"])
    assert list(raised.value.message_dict) == ["opening_hours"]
    assert "montags 8 bis 12" in raised.value.message_dict["opening_hours"][0]


def test_languages_must_be_two_letter_codes() -> None:
    offer = OfferFactory.build(languages=["deutsch"])
    with pytest.raises(ValidationError) as raised:
        offer.full_clean(exclude=["provider"])
    assert list(raised.value.message_dict) == ["languages"]


def test_an_offer_is_open_within_its_hours_and_closed_outside_them() -> None:
    offer = OfferFactory.build(opening_hours="Mo-Fr 08:00-16:00")
    assert offer.is_open_at(MONDAY.replace(hour=9)) is True
    assert offer.is_open_at(MONDAY.replace(hour=17)) is False
    assert offer.is_open_at(MONDAY.replace(day=8, hour=9)) is False  # Saturday


def test_opening_hours_are_read_in_local_time_whatever_the_zone_of_the_moment() -> None:
    offer = OfferFactory.build(opening_hours="Mo-Fr 08:00-16:00")
    # 07:30 UTC is 08:30 in Berlin in winter.
    assert offer.is_open_at(dt.datetime(2025, 3, 3, 7, 30, tzinfo=dt.UTC)) is True


def test_an_offer_without_known_hours_is_neither_open_nor_closed() -> None:
    assert OfferFactory.build(opening_hours="").is_open_at(MONDAY) is None


def test_is_open_at_refuses_a_naive_datetime() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        OfferFactory.build(opening_hours="24/7").is_open_at(dt.datetime(2025, 3, 3, 9))


def test_an_offer_is_stale_when_not_confirmed_within_the_maximum_age() -> None:
    now = MONDAY
    year = dt.timedelta(days=365)
    assert OfferFactory.build(last_confirmed_at=None).is_stale(now, year)
    assert OfferFactory.build(last_confirmed_at=now - dt.timedelta(days=366)).is_stale(now, year)
    assert not OfferFactory.build(last_confirmed_at=now - dt.timedelta(days=30)).is_stale(now, year)
