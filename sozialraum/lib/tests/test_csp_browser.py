"""The Content-Security-Policy in a real browser: pages we did not write (the API docs, the
admin's lists and forms with their select2 search) and our own work under it, and nothing
they do is refused. (Every browser test also fails on a refusal logged to the console.)"""

from __future__ import annotations

from typing import Any

import pytest

from sozialraum.accounts.tests.factories import user_with_role
from sozialraum.conftest import csp_violations
from sozialraum.directory.tests._pages import offer_make
from sozialraum.directory.tests.factories import square_district
from sozialraum.lib.access import Role

from ._browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def refused_on(page: Any, path: str, ready: str = "body") -> list[str]:
    response = page.goto(path)
    assert (
        response is not None
        and "frame-ancestors 'none'" in response.headers["content-security-policy"]
    ), path
    page.wait_for_selector(ready)
    page.wait_for_load_state("networkidle")
    return csp_violations(page)


def test_the_api_docs_work_under_the_policy(page: Any) -> None:
    assert refused_on(page, "/api/v1/docs", ".api-operation") == []
    assert refused_on(page, "/api/hsds/docs", ".api-operation") == []


def test_public_pages_with_maps_and_charts_work_under_the_policy(page: Any) -> None:
    district = square_district(9.42, 54.78, size=0.02, name="Altstadt")
    offer = offer_make("Mittagstisch", latitude=54.7895, longitude=9.4315)
    assert refused_on(page, "/", "main") == []
    assert refused_on(page, "/angebote/", "[data-map][data-ready=true]") == []
    assert refused_on(page, f"/angebote/{offer.pk}/", "[data-map][data-ready=true]") == []
    assert refused_on(page, district.get_absolute_url(), "main") == []
    assert refused_on(page, "/gibt-es-nicht/", "main") == []


def test_the_admin_works_under_the_policy(page: Any, live_server: Any) -> None:
    offer = offer_make("Mittagstisch")
    operator = user_with_role(Role.ADMIN)  # a platform operator: every organisation's offers
    operator.is_superuser = True
    operator.save()
    sign_in(page, live_server, operator)
    assert refused_on(page, "/verwaltung/", "#content") == []
    assert refused_on(page, "/verwaltung/directory/offer/", "#result_list") == []
    assert refused_on(page, f"/verwaltung/directory/offer/{offer.pk}/change/", "form") == []
    select2 = page.locator(".select2-selection").first
    if select2.count():
        select2.click()
        page.wait_for_selector(".select2-search__field")
    assert csp_violations(page) == []
    assert refused_on(page, "/verwaltung/accounts/user/add/", "form") == []
