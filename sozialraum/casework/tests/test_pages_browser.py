"""The person pages in a real browser: a worker signs in with their authenticator app,
creates a person, records a consent, opens the information page, edits the
person, withdraws the consent and closes the case; axe-core finds no
serious or critical violations on any page, on a desktop and a phone-sized screen."""

from __future__ import annotations

from typing import Any

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from sozialraum.accounts.models import User
from sozialraum.accounts.tests.factories import (
    PASSWORD,
    OrganisationFactory,
    totp_code,
    user_with_role,
)
from sozialraum.casework.models import Consent, Person
from sozialraum.casework.tests.factories import PersonFactory
from sozialraum.conftest import axe_violations
from sozialraum.directory.tests.factories import square_district
from sozialraum.lib.access import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def worker() -> User:
    square_district(9.40, 54.78, name="Jürgensby")
    OrganisationFactory.create(name="Nachbarschaftshilfe Nord e.V.")
    user = user_with_role(Role.WORKER)
    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    return user


def _sign_in(page: Any, user: User) -> None:
    page.goto("/konto/anmelden/")
    page.fill("input[name=username]", user.username)
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    page.fill("input[name=code]", totp_code(TOTPDevice.objects.get(user=user)))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()


def _checked(page: Any, width: int, name: str) -> None:
    assert axe_violations(page) == [], name
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1, name


def _submit(page: Any) -> None:
    page.locator("main form.stack button[type=submit]").click()
    page.wait_for_load_state()


@pytest.mark.parametrize("width", [1280, 375])
def test_worker_creates_a_person_and_records_a_consent(page: Any, worker: User, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 800})
    _sign_in(page, worker)
    page.goto("/personen/")
    _checked(page, width, "person list")
    page.locator("main a.button").click()
    page.wait_for_load_state()
    _checked(page, width, "new person")

    _submit(page)
    assert page.locator("[aria-invalid=true]").count() >= 1
    _checked(page, width, "new person with errors")
    page.fill("input[name=name]", "Erika Beispiel (fiktiv)")
    page.fill("input[name=latitude]", "54.785")
    page.fill("input[name=longitude]", "9.405")
    page.check("input[name=accessibility_needs][value=wheelchair]")
    _submit(page)

    person = Person.objects.get()
    assert page.url.endswith(f"/personen/{person.pk}/")
    assert person.district is not None and person.district.name == "Jürgensby"
    assert "Jürgensby" in page.locator("main").inner_text()
    _checked(page, width, "person page")

    page.locator(f"a[href='/personen/{person.pk}/einwilligungen/neu/']").click()
    page.wait_for_load_state()
    _checked(page, width, "new consent")
    page.select_option("select[name=purpose]", "referral")
    page.select_option(
        "select[name=shared_with_organisation]", label="Nachbarschaftshilfe Nord e.V."
    )
    page.select_option("select[name=evidence]", "written")
    _submit(page)

    consent = Consent.objects.get(person=person)
    assert consent.is_live
    assert "Bedarfe an Barrierefreiheit" in consent.scope  # the referral purpose's own text
    assert page.locator("#consents-heading").count() == 1
    _checked(page, width, "person page with consent")
    page.goto(f"/personen/{person.pk}/auskunft/")
    _checked(page, width, "information page")

    page.goto(f"/personen/{person.pk}/bearbeiten/")
    _checked(page, width, "edit person")
    consent = Consent.objects.get(person=person)
    page.goto(f"/personen/{person.pk}/einwilligungen/{consent.pk}/widerrufen/")
    _checked(page, width, "withdraw consent")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None
    page.goto(f"/personen/{person.pk}/abschliessen/")
    _checked(page, width, "close case")
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    person.refresh_from_db()
    assert person.closed_at is not None
    _checked(page, width, "closed case")


def test_administrator_reviews_the_access_log(page: Any, worker: User) -> None:
    person = PersonFactory.create(organisation=worker.memberships.get().organisation)
    admin = user_with_role(Role.ADMIN, worker.memberships.get().organisation)
    TOTPDevice.objects.create(user=admin, name="phone", confirmed=True)
    _sign_in(page, worker)
    page.goto(f"/personen/{person.pk}/")
    page.context.clear_cookies()
    _sign_in(page, admin)

    page.goto(f"/zugriffsprotokoll/?person={person.pk}")

    # The worker's start page listed the person, then the worker opened the person's page.
    assert page.locator("main tbody tr").count() == 2
    assert worker.username in page.locator("main tbody").inner_text()
    _checked(page, 1280, "access log")
    page.goto("/zugriffsprotokoll/?date_from=2026-02-01&date_to=2026-01-01")
    assert page.locator("[aria-invalid=true]").count() == 1
    _checked(page, 1280, "access log with errors")
