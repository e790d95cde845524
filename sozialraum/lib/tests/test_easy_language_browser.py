"""Leichte Sprache in a real browser: the header's switch turns it on and every later page
keeps it, in large type; the public and residents' pages pass axe-core at 1280 and 375 px
in Leichte Sprache and in standard German."""

from __future__ import annotations

from typing import Any

import pytest

from sozialraum.accounts.tests.factories import user_with_role
from sozialraum.conftest import axe_violations
from sozialraum.directory.models import OfferEvent, ResidentHome, SavedOffer
from sozialraum.directory.tests._pages import offer_make
from sozialraum.directory.tests.factories import square_district
from sozialraum.lib.access import Role

from ._browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = (1280, 375)


def _problems(page: Any, url: str) -> list[str]:
    problems = []
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(url)
        page.wait_for_load_state("networkidle")
        problems += [f"{url} {width}: {v}" for v in axe_violations(page)]
        scroll = page.evaluate("document.documentElement.scrollWidth")
        if scroll > width + 1:
            problems.append(f"{url} {width}: {scroll} px wide")
    return problems


def test_the_switch_turns_leichte_sprache_on_and_later_pages_keep_it(page: Any) -> None:
    offer = offer_make("Mittagstisch am Hafen")
    page.goto("/angebote/")
    standard = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    page.get_by_role("button", name="Leichte Sprache").click()
    page.wait_for_load_state()

    assert page.evaluate("document.documentElement.lang") == "de-x-ls"
    assert page.get_by_role("heading", level=1).inner_text() == "Angebote in Ihrer Nähe finden"
    page.goto(f"/angebote/{offer.pk}/")
    assert page.locator("html.lang-ls").count() == 1, "remembered on the next page"
    large = page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)")
    assert large >= standard * 1.15, "large type"
    assert page.get_by_text("Anbieter: Das ist die Gruppe oder das Amt.").is_visible()

    page.get_by_role("button", name="Standard-Sprache").click()
    page.wait_for_load_state()
    assert page.evaluate("document.documentElement.lang") == "de"


@pytest.mark.parametrize("language", ["de-ls", "de"])
def test_public_and_resident_pages_pass_axe_in_both_languages(
    page: Any, live_server: Any, language: str
) -> None:
    home = square_district(9.42, 54.78, size=0.02, name="Altstadt")
    offer = offer_make("Mittagstisch am Hafen", latitude=54.7895, longitude=9.4315)
    offer_make("Mittagstisch Nordstadt", latitude=54.80, longitude=9.44)
    resident = user_with_role(Role.RESIDENT)
    ResidentHome.objects.create(user=resident, district=home)
    SavedOffer.objects.create(user=resident, offer=offer)
    OfferEvent.objects.create(offer=offer, title="Sommerfest", starts_at="2099-06-01T15:00Z")
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    public = ["/", home.get_absolute_url(), "/angebote/", "/angebote/?q=Mittagstisch",
              f"/angebote/{offer.pk}/", "/konto/anmelden/"]  # fmt: skip
    problems = [problem for url in public for problem in _problems(page, url)]

    sign_in(page, live_server, resident)
    for url in ("/start/", "/angebote/gemerkt/", "/angebote/mein-quartier/",
                "/angebote/?q=Mittagstisch", f"/angebote/{offer.pk}/"):  # fmt: skip
        problems += _problems(page, url)
    page.goto("/start/")
    assert page.get_by_text("Sommerfest").is_visible()
    assert page.locator("html.lang-ls").count() == (1 if language == "de-ls" else 0)
    assert problems == []


@pytest.mark.parametrize("language", ["de-ls", "de"])
def test_neighbourhood_idea_and_own_data_pages_pass_axe_in_both_languages(
    page: Any, live_server: Any, language: str
) -> None:
    from .test_easy_language import _resident_pages

    member, urls = _resident_pages()
    page.context.add_cookies(
        [{"name": "django_language", "value": language, "url": live_server.url}]
    )
    sign_in(page, live_server, member)
    problems = [problem for url in urls.values() for problem in _problems(page, url)]

    assert page.locator("html.lang-ls").count() == (1 if language == "de-ls" else 0)
    assert problems == []
