"""A small city for budget tests: a city with two districts, providers with budgets."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from sozialraum.accounts.models import Organisation
from sozialraum.accounts.tests.factories import OrganisationFactory
from sozialraum.budgets.models import Booking, Budget, SpendingKind
from sozialraum.districts.models import District, DistrictKind
from sozialraum.districts.tests.factories import DistrictFactory

YEAR = 2026


def city() -> tuple[District, District, District]:
    """A city and two of its districts (no boundaries: budgets need none)."""
    town = DistrictFactory.create(name="Teststadt", slug="teststadt", kind=DistrictKind.CITY)
    north = DistrictFactory.create(name="Nord", slug="teststadt-nord", parent=town)
    south = DistrictFactory.create(name="Süd", slug="teststadt-sued", parent=town)
    return town, north, south


def budget_make(
    district: District,
    provider: Organisation | None = None,
    amount: str = "10000",
    year: int = YEAR,
) -> Budget:
    return Budget.objects.create(
        provider=provider or OrganisationFactory.create(),
        district=district,
        year=year,
        amount=Decimal(amount),
    )


def booking_make(budget: Budget, kind: str, amount: str, **fields: Any) -> Booking:
    fields.setdefault("booked_on", dt.date(budget.year, 3, 1))
    fields.setdefault("reference", f"B-{Booking.objects.count() + 1}")
    return Booking.objects.create(budget=budget, kind=kind, amount=Decimal(amount), **fields)


def spend(budget: Budget, quartier: str, cases: str) -> None:
    """A booking for work beyond the case and one for individual cases."""
    booking_make(budget, SpendingKind.NON_CASE, quartier)
    booking_make(budget, SpendingKind.CASE, cases)
