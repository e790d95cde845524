"""The planner's overview, the provider's page and the CSV: who may use them, what they
show (protected figures), and what they write."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from sozialraum.accounts.tests.factories import (
    OrganisationFactory,
    signed_in_client,
    user_with_role,
)
from sozialraum.budgets.models import Booking, Budget, ShareTarget
from sozialraum.directory.tests._pages import english
from sozialraum.lib.access import Role

from .factories import YEAR, booking_make, budget_make, city, spend

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]
__all__ = ["english"]

OVERVIEW = reverse("budgets:overview")
PROVIDER = reverse("budgets:provider")
CSV = reverse("budgets:bookings_csv")


def _planner() -> Client:
    return signed_in_client(user_with_role(Role.PLANNER))


@pytest.mark.parametrize(
    ("role", "overview", "provider"),
    [
        (Role.PLANNER, 200, 403),
        (Role.PROVIDER_EDITOR, 403, 200),
        (Role.ADMIN, 403, 200),
        (Role.WORKER, 403, 403),
        (Role.RESIDENT, 403, 403),
    ],
)
def test_who_may_open_which_page(role: str, overview: int, provider: int) -> None:
    client = signed_in_client(user_with_role(role))
    assert client.get(OVERVIEW).status_code == overview
    assert client.get(PROVIDER).status_code == provider
    assert Client().get(OVERVIEW).status_code == 302


def test_the_overview_withholds_a_single_providers_sums(settings: Any) -> None:
    _town, north, south = city()
    for quartier, cases in (("300", "100"), ("200", "100"), ("100", "200")):
        spend(budget_make(north), quartier, cases)
    spend(budget_make(south), "4321", "1234")

    page = _planner().get(OVERVIEW, {"jahr": YEAR}).content.decode()

    published = page.split('id="budgets-list"')[0]
    assert "4,321.00" not in published and "5,555.00" not in published
    assert '<abbr title="figure withheld to protect individuals">.</abbr>' in published
    # The internal list of budgets (not for publication) shows the funder every budget.
    assert "4,321.00" in page.split('id="budgets-list"')[1]


def test_the_planner_sets_a_budget_and_the_target_and_changes_them(settings: Any) -> None:
    _town, north, _south = city()
    provider = OrganisationFactory.create()
    client = _planner()
    data = {"action": "budget", "budget-provider": provider.pk, "budget-district": north.pk,
            "budget-year": YEAR, "budget-amount": "5000"}  # fmt: skip
    assert client.post(OVERVIEW, data).status_code == 302
    assert client.post(OVERVIEW, {**data, "budget-amount": "6000"}).status_code == 302
    assert Budget.objects.get().amount == Decimal("6000")
    target = {"action": "target", "target-year": YEAR, "target-share_percent": "65"}
    assert client.post(OVERVIEW, target).status_code == 302
    assert client.post(OVERVIEW, {**target, "target-share_percent": "120"}).status_code == 400
    assert ShareTarget.objects.get().share_percent == Decimal("65")


def test_a_provider_books_against_its_own_budget_only() -> None:
    _town, north, _south = city()
    editor = user_with_role(Role.PROVIDER_EDITOR)
    own = budget_make(north, provider=editor.memberships.get().organisation)
    foreign = budget_make(north)
    client = signed_in_client(editor)
    page = client.get(PROVIDER).content.decode()
    assert str(own.provider) in page and str(foreign.provider) not in page
    data = {"budget": own.pk, "reference": "2026-17", "booked_on": f"{YEAR}-06-01",
            "kind": "case", "amount": "120.50"}  # fmt: skip
    response = client.post(PROVIDER, data)
    assert response.status_code == 302, response.content.decode()
    assert Booking.objects.get().amount == Decimal("120.50")
    refused = client.post(PROVIDER, {**data, "budget": foreign.pk, "reference": "x"})
    assert refused.status_code == 400
    assert Booking.objects.count() == 1


def test_a_german_amount_is_read_with_its_decimal_comma(settings: Any) -> None:
    settings.LANGUAGE_CODE = "de"
    _town, north, _south = city()
    editor = user_with_role(Role.PROVIDER_EDITOR)
    own = budget_make(north, provider=editor.memberships.get().organisation)
    data = {"budget": own.pk, "reference": "7", "booked_on": f"{YEAR}-06-01",
            "kind": "case", "amount": "1120,50"}  # fmt: skip
    with translation.override("de"):
        response = signed_in_client(editor).post(PROVIDER, data, HTTP_ACCEPT_LANGUAGE="de")
    assert response.status_code == 302
    assert Booking.objects.get().amount == Decimal("1120.50")


def test_the_booking_form_names_the_field_of_a_broken_rule() -> None:
    _town, north, _south = city()
    editor = user_with_role(Role.PROVIDER_EDITOR)
    own = budget_make(north, provider=editor.memberships.get().organisation)
    data = {"budget": own.pk, "reference": "1", "booked_on": f"{YEAR + 1}-06-01",
            "kind": "offer", "amount": "10"}  # fmt: skip
    response = signed_in_client(editor).post(PROVIDER, data)
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"booked_on", "offer"}
    assert not Booking.objects.exists()


def test_the_csv_holds_the_readers_bookings_only() -> None:
    _town, north, _south = city()
    editor = user_with_role(Role.PROVIDER_EDITOR)
    own = budget_make(north, provider=editor.memberships.get().organisation)
    booking_make(own, "case", "10", reference="EIGEN")
    booking_make(budget_make(north), "case", "10", reference="FREMD")
    mine = signed_in_client(editor).get(CSV, {"jahr": YEAR}).content.decode()
    every = _planner().get(CSV, {"jahr": YEAR}).content.decode()
    assert "EIGEN" in mine and "FREMD" not in mine
    assert "EIGEN" in every and "FREMD" in every
    assert signed_in_client(user_with_role(Role.WORKER)).get(CSV).status_code == 403


def test_the_api_serves_protected_shares_to_planners_only() -> None:
    _town, north, south = city()
    for quartier, cases in (("300", "100"), ("200", "100"), ("100", "200")):
        spend(budget_make(north), quartier, cases)
    spend(budget_make(south), "4321", "1234")
    url = f"/api/v1/budgets/shares?year={YEAR}"
    data = _planner().get(url).json()
    rows = {row["row"]: row for row in data["districts"]}
    assert rows["Nord"]["quartier"] in ({"value": "600.00", "status": "publishable"},
                                        {"value": None, "status": "suppressed"})  # fmt: skip
    assert rows["Süd"]["quartier"] == {"value": None, "status": "suppressed"}
    assert signed_in_client(user_with_role(Role.PROVIDER_EDITOR)).get(url).status_code == 403


def test_the_overview_reads_the_same_number_of_queries_for_one_and_many_budgets(
    django_assert_max_num_queries: Any,
) -> None:
    _town, north, south = city()
    client = _planner()
    spend(budget_make(north), "300", "100")
    with django_assert_max_num_queries(40) as one:
        client.get(OVERVIEW, {"jahr": YEAR})
    for _ in range(8):
        spend(budget_make(south), "300", "100")
    with django_assert_max_num_queries(len(one)):
        assert client.get(OVERVIEW, {"jahr": YEAR}).status_code == 200


def test_the_overview_reads_the_targets_once(django_assert_max_num_queries: Any) -> None:
    _town, north, _south = city()
    spend(budget_make(north), "300", "100")
    client = _planner()
    with django_assert_max_num_queries(40) as queries:
        assert client.get(OVERVIEW, {"jahr": YEAR}).status_code == 200
    table = ShareTarget._meta.db_table
    reads = [q["sql"] for q in queries.captured_queries if f'FROM "{table}"' in q["sql"]]
    assert len(reads) == 1, reads
