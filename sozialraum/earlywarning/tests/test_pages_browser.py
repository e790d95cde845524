"""Early warning in a real browser: a worker reports a discharge with the person's
consent; the team's coordinator sees the person on the outreach list with the reason,
opens the entry, records a visit (a next step with a script payload that stays text);
a provider reports a concern at an address; a worker screens with PRISMA-7. axe-core
finds no serious or critical violation on any page at 1280 and 375 px."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from sozialraum.conftest import axe_violations, csp_violations
from sozialraum.earlywarning.models import Contact, Entry, EntryStatus
from sozialraum.lib.tests._browser import sign_in

from .conftest import World

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAYLOAD = "Zweiter Besuch <img src=x onerror=alert(1)>"


def _checked(page: Any, width: int, name: str) -> None:
    page.wait_for_load_state("networkidle")
    assert axe_violations(page) == [], f"{name} at {width}"
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1, name


def _submit(page: Any, form: str = "main form.stack") -> None:
    page.locator(f"{form} button[type=submit]").first.click()
    page.wait_for_load_state()


def _report_discharge(page: Any, world: World, width: int) -> None:
    page.goto(f"/fruehe-hinweise/person/{world.person.pk}/hinweis/")
    _checked(page, width, "report form")
    _submit(page)
    assert page.locator("[aria-invalid=true]").count() >= 1
    _checked(page, width, "report form with errors")
    page.check("input[name=event][value=hospital]")
    page.fill("input[name=on]", timezone.localdate().isoformat())
    page.check("input[name=consent]")
    _submit(page)
    assert page.url.endswith(f"/personen/{world.person.pk}/")


@pytest.mark.parametrize("width", [1280, 375])
def test_a_coordinator_sees_a_discharge_with_its_reason_and_records_a_visit(
    page: Any, live_server: Any, world: World, width: int
) -> None:
    dialogs: list[str] = []

    def dismissed(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismissed)
    page.set_viewport_size({"width": width, "height": 800})
    sign_in(page, live_server, world.worker)
    _report_discharge(page, world, width)

    page.context.clear_cookies()
    sign_in(page, live_server, world.coordinator)
    page.goto("/start/")
    page.get_by_role("link", name="Team Nord").first.click()
    page.wait_for_load_state()
    _checked(page, width, "outreach list")
    row = page.locator("tbody tr").first
    assert world.person.name in row.inner_text()
    assert "Entlassung aus dem Krankenhaus am" in row.inner_text()  # the browser reads German

    row.get_by_role("link").click()
    page.wait_for_load_state()
    _checked(page, width, "entry")
    body = page.locator("main").inner_text()
    assert "Entlassung aus Krankenhaus oder Kurzzeitpflege" in body
    assert "Einwilligung der Person" in body  # the rule's legal basis or consent

    _submit(page, "main form[action$='/kontakt/']")
    _checked(page, width, "contact form with errors")
    page.check("input[name=kind][value=visit]")
    page.check("input[name=topics][value=health]")
    page.check("input[name=topics][value=care]")
    page.check("input[name=outcome][value=advice]")
    page.fill("input[name=next_step]", PAYLOAD)
    page.fill("input[name=next_step_on]", "2030-01-15")
    page.select_option("select[name=next_step_owner]", str(world.coordinator.pk))
    _submit(page, "main form[action$='/kontakt/']")

    contact = Contact.objects.get()
    assert (contact.kind, contact.outcome, contact.topics) == (
        "visit",
        "advice",
        ["health", "care"],
    )
    assert Entry.objects.get().status == EntryStatus.OPEN
    assert PAYLOAD in page.locator("main").inner_text()
    assert page.locator("main img[src=x]").count() == 0
    _checked(page, width, "entry with a contact")
    assert dialogs == [] and csp_violations(page) == []


@pytest.mark.parametrize("width", [1280, 375])
def test_concern_screening_rules_and_figures_pages_are_accessible(
    page: Any, live_server: Any, world: World, width: int
) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    sign_in(page, live_server, world.worker)
    for url, name in [
        ("/fruehe-hinweise/", "teams"),
        ("/fruehe-hinweise/regeln/", "rules"),
        ("/fruehe-hinweise/sorge/", "concern"),
        (f"/fruehe-hinweise/person/{world.person.pk}/prisma-7/", "screening"),
        ("/fruehe-hinweise/zahlen/", "figures"),
    ]:
        page.goto(url)
        _checked(page, width, name)
    page.goto("/fruehe-hinweise/sorge/")
    _submit(page)
    assert page.locator("[aria-invalid=true]").count() >= 1
    _checked(page, width, "concern with errors")
