"""The search and offer pages on a phone, measured in a real browser: after a search the
first result is on the first screen (the form is folded, the map below the list), and
the offer page's accessibility facts keep lines of readable length."""

from __future__ import annotations

from typing import Any

import pytest

from sozialraum.conftest import axe_violations
from sozialraum.directory.tests._pages import offer_make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

#: A small phone's screen (iPhone SE) in CSS pixels.
PHONE = {"width": 375, "height": 667}
#: The fewest characters a line of an accessibility fact may hold ("nicht bekannt" is 13).
LINE_CHARACTERS = 16


def test_after_a_search_a_phone_shows_the_first_result_on_the_first_screen(page: Any) -> None:
    offer_make("Mittagstisch am Hafen")
    offer_make("Mittagstisch Nordstadt", latitude=54.80, longitude=9.44)
    page.set_viewport_size(PHONE)
    page.goto("/angebote/?q=Mittagstisch")
    title = page.locator(".offer-card h3").first.bounding_box()
    assert title["y"] + title["height"] <= PHONE["height"], "the first result's title is seen"
    # The form is one tap away, and the map comes after the list.
    assert not page.locator("details.search-filters").evaluate("d => d.open")
    page.locator("details.search-filters > summary").click()
    assert page.locator("input[name=q]").is_visible()
    assert page.locator("input[name=q]").input_value() == "Mittagstisch"
    list_top = page.locator(".offer-list").bounding_box()["y"]
    assert page.locator(".results-map").bounding_box()["y"] > list_top
    assert axe_violations(page) == []


def test_a_wide_screen_shows_the_search_form_open_after_a_search(page: Any) -> None:
    offer_make("Mittagstisch am Hafen")
    page.goto("/angebote/?q=Mittagstisch")
    assert page.locator("details.search-filters").evaluate("d => d.open")
    assert page.locator("input[name=q]").is_visible()


@pytest.mark.parametrize("width", [375, 900])
def test_the_accessibility_facts_keep_readable_lines(page: Any, width: int) -> None:
    offer = offer_make("Mittagstisch am Hafen")
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(f"/angebote/{offer.pk}/")
    boxes = page.evaluate(
        """() => Array.from(document.querySelectorAll('.place .facts-list dd')).map(dd => {
             const style = getComputedStyle(dd);
             const range = document.createRange();
             range.selectNodeContents(dd);
             return {width: dd.getBoundingClientRect().width,
                     em: parseFloat(style.fontSize),
                     lines: Math.round(range.getBoundingClientRect().height
                                       / parseFloat(style.lineHeight)),
                     text: dd.textContent};
           })"""
    )
    assert len(boxes) == 7
    for box in boxes:
        # A character is about half an em wide: the box holds at least LINE_CHARACTERS.
        assert box["width"] / (box["em"] / 2) >= LINE_CHARACTERS, box
        assert box["lines"] == 1, box
    assert axe_violations(page) == []
