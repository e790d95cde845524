"""Invalid input in a real browser: the server's messages are the one behaviour (no browser
bubble), the error summary takes the focus, states the count and its links move the focus
to the fields (also of the several forms of the offer editor, and to the first box of a
group of checkboxes); after a search a link skips to the results."""

from __future__ import annotations

from typing import Any

import pytest

from sozialraum.accounts.tests.factories import user_with_role
from sozialraum.directory.tests._pages import offer_make
from sozialraum.lib.access import Role
from sozialraum.plan.models import Goal
from sozialraum.plan.tests.factories import person_make, worker_of

from ._browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

FOCUSED = "document.activeElement.id || document.activeElement.className"


def _summary_walk(page: Any) -> list[str]:
    assert page.evaluate(FOCUSED) == "error-summary"
    heading = page.locator(".error-summary h2").inner_text()
    links = page.locator(".error-summary a")
    targets = []
    for index in range(links.count()):
        target = links.nth(index).get_attribute("data-error-link")
        links.nth(index).click()
        assert page.evaluate("document.activeElement.id") == target
        targets.append(target)
        page.locator(".error-summary").focus()
    return [heading, *targets]


def test_an_invalid_goal_is_summarised_and_focused_without_a_browser_bubble(
    page: Any, live_server: Any
) -> None:
    person = person_make()
    sign_in(page, live_server, worker_of(person))
    page.goto(f"/personen/{person.pk}/ziele/neu/")
    assert page.evaluate("document.querySelector('main form').noValidate") is True
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_selector(".error-summary")
    walked = _summary_walk(page)
    assert walked[0].startswith("Bitte korrigieren Sie")
    assert len(walked) > 1 and str(len(walked) - 1) in walked[0]
    assert Goal.objects.count() == 0


def test_an_invalid_person_is_summarised_and_each_link_reaches_its_field(
    page: Any, live_server: Any
) -> None:
    person = person_make()
    sign_in(page, live_server, worker_of(person))
    page.goto("/personen/neu/")
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_selector(".error-summary")
    walked = _summary_walk(page)
    assert f"Bitte korrigieren Sie {len(walked) - 1} Angabe" in walked[0]
    assert "id_name" in walked or any(t.startswith("id_") for t in walked[1:])


def test_an_invalid_offer_edit_is_summarised_with_a_link_to_each_field_of_its_forms(
    page: Any, live_server: Any
) -> None:
    offer = offer_make("Mittagstisch")
    sign_in(page, live_server, user_with_role(Role.PROVIDER_EDITOR, offer.provider))
    page.goto(f"/angebote/{offer.pk}/bearbeiten/")
    page.locator("#id_name").fill("")
    for day in page.locator("input[name='hours-0-days']").all():
        day.uncheck()
    page.locator("#id_cost-0-amount").fill("-3")
    page.locator("main form button[type=submit]").last.click()
    page.wait_for_selector(".error-summary")
    # One summary, no second notice: the offer's, the hours row's and the price's errors.
    assert page.locator("main [role=alert]").count() == 0
    walked = _summary_walk(page)
    assert walked[0] == "Bitte korrigieren Sie 3 Angaben:"
    assert walked[1:] == ["id_name", "id_hours-0-days_0", "id_cost-0-amount"]
    offer.refresh_from_db()
    assert offer.name == "Mittagstisch"


def test_after_a_search_a_link_skips_to_the_results(page: Any) -> None:
    offer_make("Mittagstisch", latitude=54.7895, longitude=9.4315)
    page.goto("/angebote/?q=Mittagstisch")
    page.keyboard.press("Tab")  # the page's skip link
    page.keyboard.press("Tab")
    while page.evaluate("document.activeElement.className") != "results-skip":
        page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "results-heading"
