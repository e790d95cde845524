"""The own data page in a real browser: a resident with help-group and Mitmach-Kommune
data reads it with no serious axe-core violation and no sideways scrolling on a desktop
and a phone-sized screen, then deletes their account with the password."""

from __future__ import annotations

from typing import Any

import pytest

from sozialraum.accounts.models import User
from sozialraum.accounts.tests.factories import PASSWORD
from sozialraum.conftest import axe_violations
from sozialraum.lib.tests._browser import sign_in

from .test_own_data import resident_with_data

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [1280, 375])
def test_a_resident_reads_their_data_and_deletes_their_account(
    page: Any, live_server: Any, width: int
) -> None:
    user, _me, _neighbour = resident_with_data()
    page.set_viewport_size({"width": width, "height": 800})
    sign_in(page, live_server, user)
    page.goto("/konto/meine-daten/")
    assert "Quokkaweg 17" in page.locator("main").inner_text()
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= width + 1
    page.fill("input[name=password]", PASSWORD)
    page.locator("main form.stack button[type=submit]").click()
    page.wait_for_load_state()
    assert not User.objects.filter(pk=user.pk).exists()
