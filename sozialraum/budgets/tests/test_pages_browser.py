"""Pooled budgets in a real browser: the planner sets a budget, the provider books
spending against it on a phone-sized screen, the planner sees the share; axe-core finds
nothing serious on either page at 1280 and 375 px, and the start page links both."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from sozialraum.accounts.tests.factories import user_with_role
from sozialraum.budgets.models import Booking, Budget
from sozialraum.conftest import axe_violations
from sozialraum.lib.access import Role
from sozialraum.lib.tests._browser import sign_in

from .factories import YEAR, city

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _checked(page: Any, path: str) -> None:
    for width, height in ((1280, 900), (375, 800)):
        page.set_viewport_size({"width": width, "height": height})
        response = page.goto(path)
        assert response is not None and response.status == 200, path
        assert axe_violations(page) == [], f"{path} at {width} px"


def test_a_budget_set_by_the_planner_is_booked_against_by_the_provider(
    page: Any, live_server: Any, browser: Any
) -> None:
    _town, north, _south = city()
    editor = user_with_role(Role.PROVIDER_EDITOR)
    provider = editor.memberships.get().organisation
    planner = user_with_role(Role.PLANNER)

    sign_in(page, live_server, planner)
    page.goto("/start/")
    assert page.locator("a[href='/budgets/']").count() == 1
    _checked(page, f"/budgets/?jahr={YEAR}")
    page.select_option("select[name=budget-provider]", str(provider.pk))
    page.select_option("select[name=budget-district]", str(north.pk))
    page.fill("input[name=budget-amount]", "5000")
    page.locator("form:has(input[value=budget]) button[type=submit]").click()
    page.wait_for_load_state()
    assert Budget.objects.get().amount == Decimal("5000")

    context = browser.new_context(locale="de-DE")
    phone = context.new_page()
    sign_in(phone, live_server, editor)
    phone.goto(f"{live_server.url}/start/")
    assert phone.locator("a[href='/budgets/traeger/']").count() == 1
    _checked(phone, f"{live_server.url}/budgets/traeger/")
    phone.set_viewport_size({"width": 375, "height": 800})
    phone.select_option("select[name=budget]", str(Budget.objects.get().pk))
    phone.fill("input[name=reference]", "2026-001")
    phone.fill("input[name=booked_on]", f"{YEAR}-03-02")
    phone.select_option("select[name=kind]", "case")
    phone.fill("input[name=amount]", "1250,75")
    phone.locator("form.stack button[type=submit]").click()
    phone.wait_for_load_state()
    assert Booking.objects.get().amount == Decimal("1250.75")
    assert "2026-001" in phone.locator("table.bookings").inner_text()
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, width
    context.close()

    _checked(page, f"/budgets/?jahr={YEAR}")
    assert "3.749,25" in page.locator("table.budget-lines").inner_text()
