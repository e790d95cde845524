"""The account pages in a real browser: a member of staff signs in for the first time,
sets up an authenticator app, saves recovery codes and opens their team; every page passes
axe-core without serious or critical violations.
"""

from __future__ import annotations

from typing import Any

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from sozialraum.accounts.models import User
from sozialraum.accounts.tests.factories import (
    PASSWORD,
    DistrictTeamFactory,
    totp_code,
    user_with_role,
)
from sozialraum.conftest import axe_violations
from sozialraum.districts.tests.factories import DistrictFactory
from sozialraum.lib.access import Role

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def worker() -> User:
    user = user_with_role(Role.WORKER)
    team = DistrictTeamFactory.create(name="Stadtteil-Team Nord")
    team.districts.set([DistrictFactory.create()])
    team.members.set([user.memberships.get()])
    return user


def _accessible(page: Any) -> None:
    assert axe_violations(page) == [], page.url


def test_staff_sign_in_set_up_the_app_and_reach_their_team(page: Any, worker: User) -> None:
    page.goto("/konto/anmelden/")
    _accessible(page)
    page.get_by_label("Benutzername").fill(worker.username)
    page.get_by_label("Passwort").fill(PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()

    assert "/konto/zweiter-faktor/einrichten/" in page.url
    assert page.locator("figure svg title").count() == 1
    _accessible(page)
    device = TOTPDevice.objects.get(user=worker, confirmed=False)
    page.locator("input[name=code]").fill(totp_code(device))
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()

    assert "/konto/zweiter-faktor/wiederherstellungscodes/" in page.url
    assert page.locator("ol.codes li").count() == 10
    _accessible(page)
    page.locator("main a.button").click()
    page.wait_for_load_state()

    assert page.url.endswith("/start/")
    _accessible(page)
    page.goto("/konto/")
    page.get_by_role("link", name="Stadtteil-Team Nord").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "Stadtteil-Team Nord"
    _accessible(page)


def test_the_code_page_is_accessible_with_the_recovery_form_open(page: Any, worker: User) -> None:
    TOTPDevice.objects.create(user=worker, name="phone", confirmed=True)
    page.goto("/konto/anmelden/")
    page.locator("input[name=username]").fill(worker.username)
    page.locator("input[name=password]").fill(PASSWORD)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    assert "/konto/zweiter-faktor/" in page.url
    page.locator("details summary").click()
    page.locator("input[name=recovery-code]").fill("aaaa-bbbb")
    page.locator("details form button[type=submit]").click()
    page.wait_for_load_state()

    assert page.locator("details[open] .errorlist").count() == 1
    _accessible(page)
