"""Shared data for the directory's page, API and command tests: offers written through the
services (so the search index knows them), and English pages."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone, translation
from pytest_django import Settings

from sozialraum.accounts.models import Organisation, User
from sozialraum.accounts.tests.factories import OrganisationFactory, UserFactory
from sozialraum.directory.models import Category, Fee, Offer, Wheelchair
from sozialraum.directory.search import offer_index_update
from sozialraum.directory.services import offer_create, place_upsert


@pytest.fixture
def english(settings: Settings) -> Iterator[None]:
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


def offer_make(
    name: str = "Mittagstisch am Hafen",
    *,
    provider: Organisation | None = None,
    category: str = "lunch_table",
    confirmed_days_ago: int | None = 1,
    latitude: float = 54.79,
    longitude: float = 9.43,
    **fields: Any,
) -> Offer:
    """A lunch table with two prices at one place, confirmed a day ago (None: never)."""
    place, _outcome = place_upsert(
        data={
            "name": f"Haus {name}",
            "street_address": "Marientreppe 10",
            "postal_code": "24939",
            "city": "Flensburg",
            "latitude": latitude,
            "longitude": longitude,
            "wheelchair": Wheelchair.YES,
            "accessible_toilet": True,
        }
    )
    data: dict[str, Any] = {
        "name": name,
        "description": "Warmes Essen in Gesellschaft.",
        "fee": Fee.PAID,
        "opening_hours": "Mo-Fr 12:00-14:00",
        # get_or_create: browser tests run after a flush that removes the seeded categories.
        "categories": [
            Category.objects.get_or_create(code=category, defaults={"name": category})[0]
        ],
        "places": [place],
        "cost_options": [
            {"amount": Decimal("3"), "option": "Geringes Einkommen"},
            {"amount": Decimal("4"), "option": "Alle anderen"},
        ],
        **fields,
    }
    offer = offer_create(
        provider=provider or OrganisationFactory.create(),
        data=data,  # type: ignore[arg-type]
        source="test",
    )
    if confirmed_days_ago is not None:
        confirmed_at = timezone.now() - dt.timedelta(days=confirmed_days_ago)
        Offer.objects.filter(pk=offer.pk).update(last_confirmed_at=confirmed_at)
        offer_index_update([offer.pk])
        offer.refresh_from_db()
    return offer


def user_make(**fields: Any) -> User:
    return UserFactory.create(**fields)
