"""The administration's import page in a real browser: a platform operator uploads
Flensburg's Stadtteile (CC0, shipped), sees the preview and confirms; axe-core finds nothing
serious or critical on the form or the preview, and the page needs no inline script or
style (the page fixture fails on any Content-Security-Policy violation)."""

from __future__ import annotations

from typing import Any

import pytest
from django.urls import reverse

from sozialraum.accounts.tests.factories import platform_operator
from sozialraum.conftest import axe_violations
from sozialraum.districts.importers import FLENSBURG_DIR
from sozialraum.districts.models import District
from sozialraum.lib.tests._browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_upload_preview_and_confirm_with_nothing_serious_for_axe(
    page: Any, live_server: Any
) -> None:
    sign_in(page, live_server, platform_operator())
    page.goto(live_server.url + reverse("admin:districts_district_import"))
    assert axe_violations(page) == []
    page.get_by_label("Was importiert wird:").select_option("boundaries")
    page.get_by_label("Datei:", exact=True).set_input_files(
        str(FLENSBURG_DIR / "flensburg_stadtteile.geojson")
    )
    page.get_by_label("Stadt:", exact=True).fill("Flensburg")
    page.get_by_label("Feld mit dem Namen:").fill("AREA_NAME")
    page.get_by_label("Feld mit dem Schlüssel:", exact=True).fill("AREA_ID")
    page.get_by_role("button", name="Vorschau zeigen").click()
    page.get_by_role("heading", name="Vorschau von flensburg_stadtteile.geojson").wait_for()
    assert not District.objects.exists()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Jetzt importieren").click()
    page.wait_for_url("**/verwaltung/districts/district/")
    assert District.objects.filter(code__startswith="flensburg:").count() == 13
