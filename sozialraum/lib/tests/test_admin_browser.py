"""The admin's change forms for an operator with assistive technology, under the site's
Content-Security-Policy: the search box of every autocomplete field (select2) is named
after its field, its combobox by its field and choice (an empty inline row too), the open
combobox names the list it controls, split date and time inputs are labelled in their line,
and axe-core finds nothing serious or critical on the offer form with its price inline, on
the user and membership forms, and on the index, every list and every add form.

axe runs without preloading the style sheets (``preload=False``): its preload of the
admin's ``@import``-ed sheets is refused by the CSP, which the page fixture counts as a
failure of the page."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from sozialraum.accounts.models import Membership
from sozialraum.accounts.tests.factories import platform_operator, user_with_role
from sozialraum.conftest import axe_violations
from sozialraum.directory.tests._pages import offer_make
from sozialraum.lib.admin_site import admin_site

from ._browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SEARCH_NAMES = """[...document.querySelectorAll('.select2-search__field')]
  .map(f => f.getAttribute('aria-label'))"""

#: Label and input of a split date/time field: the label's text ends left of the input
#: and both share a line.
IN_ONE_LINE = """input => { const label = input.labels[0].getBoundingClientRect();
  const box = input.getBoundingClientRect();
  return label.right <= box.left && label.bottom > box.top && label.top < box.bottom; }"""


def _open(page: Any, live_server: Any, url: str) -> None:
    sign_in(page, live_server, platform_operator())
    page.goto(live_server.url + url)
    page.wait_for_load_state("networkidle")


def test_the_offer_forms_autocomplete_search_boxes_are_named_and_axe_finds_nothing_serious(
    page: Any, live_server: Any
) -> None:
    offer = offer_make("Mittagstisch")
    _open(page, live_server, reverse("admin:directory_offer_change", args=[offer.pk]))
    assert axe_violations(page, preload=False) == []
    assert page.evaluate(SEARCH_NAMES) == ["Orte"]
    provider = page.locator(".field-provider .select2-selection")
    provider.click()
    search = page.locator(".select2-container--open .select2-search__field")
    search.wait_for()
    assert search.get_attribute("aria-label") == "Träger"
    results = page.locator(".select2-container--open .select2-results__options")
    assert provider.get_attribute("aria-controls") == results.get_attribute("id")
    assert axe_violations(page, preload=False) == []
    page.keyboard.press("Escape")
    assert provider.get_attribute("aria-controls") is None


def test_the_user_and_membership_forms_have_nothing_serious_for_axe(
    page: Any, live_server: Any
) -> None:
    user = user_with_role("worker")
    membership = Membership.objects.filter(user=user).select_related("organisation").first()
    assert membership is not None
    _open(page, live_server, reverse("admin:accounts_user_change", args=[user.pk]))
    # The kept row's combobox says field and choice; the empty row's at least the field.
    chosen = f"Organisation {membership.organisation.name}"
    assert page.get_by_role("combobox", name=chosen, exact=True).count() == 1
    empty = page.get_by_role("combobox", name="Organisation", exact=True)
    assert empty.count() == 1
    for field in ("#id_date_joined_0", "#id_date_joined_1"):
        assert page.locator(field).evaluate(IN_ONE_LINE), field
    assert axe_violations(page, preload=False) == []
    empty.click()
    page.locator(".select2-container--open .select2-search__field").wait_for()
    assert page.evaluate(SEARCH_NAMES) == ["Organisation"]
    page.goto(live_server.url + reverse("admin:accounts_membership_change", args=[membership.pk]))
    page.wait_for_load_state("networkidle")
    assert axe_violations(page, preload=False) == []


def test_the_index_every_list_and_every_add_form_have_nothing_serious_for_axe(
    page: Any, live_server: Any
) -> None:
    urls = [reverse("admin:index")]
    for model in admin_site._registry:
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        urls += [reverse(f"{prefix}_changelist"), reverse(f"{prefix}_add")]
    sign_in(page, live_server, platform_operator())
    problems, visited = [], []
    for url in urls:
        response = page.goto(live_server.url + url)
        if response is None or response.status != 200:  # records written by the system
            continue
        page.wait_for_load_state("networkidle")
        visited.append(url)
        problems += [f"{url}: {v}" for v in axe_violations(page, preload=False)]
    assert len(visited) >= 20, visited
    assert problems == []
