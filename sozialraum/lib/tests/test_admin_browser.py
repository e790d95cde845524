"""The admin's change forms for an operator with assistive technology: the search box of
every autocomplete field (select2) is named after its field, and axe-core finds nothing
serious or critical on the offer form with its price inline and on the user and membership
forms."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from sozialraum.accounts.models import Membership
from sozialraum.accounts.tests.factories import platform_operator, user_with_role
from sozialraum.conftest import axe_violations
from sozialraum.directory.tests._pages import offer_make

from ._browser import sign_in

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    # Known, not yet fixed (issue 17, section 5): select2 writes style attributes, which the
    # CSP refuses (the page fixture fails on the console message), and Django's
    # filter_horizontal help tooltips carry a prohibited aria-label. Strict: passes = fixed.
    pytest.mark.xfail(strict=True, reason="admin: select2 inline styles, CSP; axe findings"),
]

SEARCH_NAMES = """[...document.querySelectorAll('.select2-search__field')]
  .map(f => f.getAttribute('aria-label'))"""


def _open(page: Any, live_server: Any, url: str) -> None:
    sign_in(page, live_server, platform_operator())
    page.goto(live_server.url + url)
    page.wait_for_load_state("networkidle")


def test_the_offer_forms_autocomplete_search_boxes_are_named_and_axe_finds_nothing_serious(
    page: Any, live_server: Any
) -> None:
    offer = offer_make("Mittagstisch")
    _open(page, live_server, reverse("admin:directory_offer_change", args=[offer.pk]))
    assert axe_violations(page) == []
    assert page.evaluate(SEARCH_NAMES) == ["Orte"]
    page.locator(".field-provider .select2-selection").click()
    search = page.locator(".select2-container--open .select2-search__field")
    search.wait_for()
    assert search.get_attribute("aria-label") == "Anbieter"
    assert axe_violations(page) == []


def test_the_user_and_membership_forms_have_nothing_serious_for_axe(
    page: Any, live_server: Any
) -> None:
    user = user_with_role("worker")
    membership = Membership.objects.filter(user=user).first()
    assert membership is not None
    _open(page, live_server, reverse("admin:accounts_user_change", args=[user.pk]))
    assert "Organisation" in page.evaluate(SEARCH_NAMES)
    assert axe_violations(page) == []
    page.goto(live_server.url + reverse("admin:accounts_membership_change", args=[membership.pk]))
    page.wait_for_load_state("networkidle")
    assert axe_violations(page) == []
