"""The Gegenstrom loop in a real browser: the planner opens the city dashboard, a
district, a provider's finding, records a measure answering it, and a member of the
district team sees the measure on their start page. axe-core finds nothing serious or
critical on any page at 1280 and 375 px."""

from __future__ import annotations

import re
from typing import Any

import pytest

from sozialraum.accounts.tests.factories import DistrictTeamFactory, user_with_role
from sozialraum.conftest import axe_violations, csp_violations
from sozialraum.districts.maps import RAMP
from sozialraum.lib.access import Role
from sozialraum.lib.tests._browser import sign_in
from sozialraum.planning.models import Finding, Measure, Theme

from .conftest import SmallCity

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

DESK = {"width": 1280, "height": 900}
PHONE = {"width": 375, "height": 800}


def _audit(page: Any, problems: list[str]) -> None:
    url = page.url
    page.set_viewport_size(DESK)
    problems += [f"{url} 1280: {v}" for v in axe_violations(page)]
    page.set_viewport_size(PHONE)
    problems += [f"{url} 375: {v}" for v in axe_violations(page)]
    page.set_viewport_size(DESK)


def test_a_planner_answers_a_finding_with_a_measure_the_district_team_sees(
    page: Any, live_server: Any, small_city: SmallCity
) -> None:
    provider = user_with_role(Role.PROVIDER_EDITOR)
    finding = Finding.objects.create(
        district=small_city.altstadt,
        theme=Theme.LONELINESS,
        text="Ältere Alleinlebende suchen einen Mittagstisch in Gehweite (fiktiv).",
        evidence="Zwölf Anrufe in drei Monaten (fiktiv).",
        organisation=provider.memberships.get().organisation,
        recorded_by=provider,
    )
    worker = user_with_role(Role.WORKER)
    team = DistrictTeamFactory.create()
    team.districts.set([small_city.altstadt])
    team.members.set(worker.memberships.all())
    problems: list[str] = []

    sign_in(page, live_server, user_with_role(Role.PLANNER))
    page.goto(f"{live_server.url}/planung/")
    assert page.locator("h1").inner_text() == "Sozialplanung: Teststadt"
    _audit(page, problems)
    page.get_by_role("link", name="Altstadt", exact=True).first.click()
    page.wait_for_url("**/planung/quartier/altstadt/")
    _audit(page, problems)
    page.get_by_role("link", name="Druckansicht (zum Drucken oder Speichern als PDF)").click()
    page.wait_for_url("**/druck/")
    _audit(page, problems)

    page.goto(f"{live_server.url}/planung/befunde/")
    page.get_by_role("link", name="Einsamkeit und Kontakte: Ältere Alleinlebende").click()
    page.wait_for_url(f"**{finding.get_absolute_url()}")
    _audit(page, problems)
    page.fill("input[name=group]", "Treffpunkte fehlen")
    page.get_by_role("button", name="Die Gruppe speichern").click()
    page.wait_for_url(f"**{finding.get_absolute_url()}")
    page.get_by_role("link", name="Eine Maßnahme zu diesem Befund erfassen").click()
    page.wait_for_url("**/planung/massnahmen/neu/**")
    _audit(page, problems)
    page.fill("input[name=title]", "Mittagstisch im Nachbarschaftstreff (fiktiv)")
    page.check(f"input[name=districts][value='{small_city.altstadt.pk}']")
    page.fill("textarea[name=reason]", "Ältere finden keinen Treffpunkt in Gehweite.")
    page.fill("input[name=budget]", "12000")
    page.fill("input[name=owner]", "Sozialplanung")
    assert page.is_checked(f"input[name=findings][value='{finding.pk}']")
    page.get_by_role("button", name="Die Maßnahme speichern").click()
    page.wait_for_url(re.compile(r"/planung/massnahmen/\d+/$"))
    measure = Measure.objects.get()
    assert page.url.endswith(measure.get_absolute_url())
    _audit(page, problems)
    assert list(measure.findings.all()) == [finding]

    page.context.clear_cookies()
    sign_in(page, live_server, worker)
    page.goto(f"{live_server.url}/start/")
    assert page.get_by_role("link", name="Mittagstisch im Nachbarschaftstreff (fiktiv)").count()
    _audit(page, problems)
    assert problems == []


def test_the_comparison_map_draws_the_districts_under_the_policy_with_text_tooltips(
    page: Any, live_server: Any, small_city: SmallCity
) -> None:
    sign_in(page, live_server, user_with_role(Role.PLANNER))
    page.goto(f"{live_server.url}/planung/?karte=per_1000_65")
    page.wait_for_selector("#comparison-map-view[data-ready=true]")
    shapes = page.locator("#comparison-map-view path.leaflet-interactive")
    assert shapes.count() == 2
    assert csp_violations(page) == []
    fills = sorted(shapes.nth(i).get_attribute("fill") or "" for i in range(2))
    assert fills == sorted(RAMP[:2])
    shapes.first.hover()
    tooltip = page.locator(".leaflet-tooltip")
    tooltip.wait_for()
    assert re.fullmatch(r"(Altstadt – .* 4,0|Berg – .* 6,7)", tooltip.inner_text())
    assert tooltip.locator("span").count() == 1  # a text node in a span, not parsed markup
    page.select_option("#comparison-figure", "share_stale")
    page.get_by_role("button", name="Vergleichen").click()
    page.wait_for_selector("#comparison-map-view[data-ready=true]")
    assert "karte=share_stale" in page.url
    problems: list[str] = []
    _audit(page, problems)
    assert problems == []
