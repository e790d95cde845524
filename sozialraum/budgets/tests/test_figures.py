"""The shares spent in the Quartier against individual cases, computed by hand on a small
city, and protected: a district with one provider shows no sum of it, nor one that gives
it away."""

from __future__ import annotations

from decimal import Decimal

import pytest

from sozialraum.budgets.models import Budget, SpendingKind
from sozialraum.budgets.selectors import budget_lines, shares_by_district, shares_by_year
from sozialraum.budgets.services import target_set
from sozialraum.directory.tests._pages import offer_make
from sozialraum.lib.disclosure import Rule, Status

from .factories import YEAR, booking_make, budget_make, city, spend

pytestmark = pytest.mark.django_db
RULE = Rule(min_count=3, dominance_n=2, dominance_percent=85)


def test_shares_by_district_add_up_to_the_city_with_the_quartier_share() -> None:
    _town, north, south = city()
    for quartier, cases in (("300", "100"), ("200", "100"), ("100", "200")):
        spend(budget_make(north), quartier, cases)
    for quartier, cases in (("400", "200"), ("400", "300"), ("400", "300")):
        spend(budget_make(south), quartier, cases)

    rows = {row.label: row for row in shares_by_district(YEAR, RULE)}

    assert set(rows) == {"Nord", "Süd", "Teststadt"}
    nord, stadt = rows["Nord"], rows["Teststadt"]
    assert (nord.quartier.value, nord.cases.value, nord.total.value) == (600, 400, 1000)
    assert nord.share.value == Decimal(60)
    assert stadt.total.value == 3000
    assert stadt.share.value == 60  # 1800 of 3000
    assert all(row.share.status is Status.PUBLISHABLE for row in rows.values())
    assert (nord.depth, stadt.depth) == (1, 0)


def test_a_district_with_one_provider_is_withheld_and_cannot_be_worked_out() -> None:
    _town, north, south = city()
    for quartier, cases in (("300", "100"), ("200", "100"), ("100", "200")):
        spend(budget_make(north), quartier, cases)
    spend(budget_make(south), "5000", "1000")

    rows = {row.label: row for row in shares_by_district(YEAR, RULE)}

    sued, nord, stadt = rows["Süd"], rows["Nord"], rows["Teststadt"]
    assert sued.quartier.status is Status.PRIMARY and sued.share.suppressed
    # Nord + Süd = city: with Süd hidden, Nord or the city must be hidden too.
    assert nord.quartier.suppressed or stadt.quartier.suppressed
    assert nord.cases.suppressed or stadt.cases.suppressed


def test_a_parent_district_with_bookings_of_its_own_keeps_them_in_a_row_beneath_it() -> None:
    town, north, _south = city()
    for quartier, cases in (("300", "100"), ("200", "100"), ("100", "200")):
        spend(budget_make(north), quartier, cases)
        spend(budget_make(town), quartier, cases)

    rows = shares_by_district(YEAR, Rule(min_count=1, dominance_percent=100))

    labels = [(row.label, row.depth, row.total.value) for row in rows]
    assert labels == [("Nord", 1, 1000), ("Teststadt", 1, 1000), ("Teststadt", 0, 2000)]


def test_shares_by_year_carry_the_target() -> None:
    _town, north, _south = city()
    for quartier, cases in (("300", "100"), ("200", "100"), ("100", "200")):
        spend(budget_make(north), quartier, cases)
    target_set(year=YEAR, share_percent=Decimal("70"))

    (row,) = shares_by_year(RULE)

    assert (row.label, row.share.value, row.target) == (str(YEAR), Decimal(60), Decimal(70))


def test_offer_bookings_count_in_the_quartier_and_budget_lines_show_what_is_left() -> None:
    _town, north, _south = city()
    budget = budget_make(north, amount="1000")
    offer = offer_make(provider=budget.provider)
    booking_make(budget, SpendingKind.OFFER, "250", offer=offer)
    booking_make(budget, SpendingKind.NON_CASE, "100", hours=Decimal("4"))
    booking_make(budget, SpendingKind.CASE, "300")

    (line,) = budget_lines(Budget.objects.all())

    assert (line.quartier, line.cases, line.spent, line.left) == (350, 300, 650, 350)
