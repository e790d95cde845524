"""The base layout in a real browser: the focus ring on the dark header, long headings at
320 px, the search results' order on a phone, and form controls that grow with text-only
zoom."""

from __future__ import annotations

from typing import Any

import pytest

from sozialraum.accounts.tests.factories import user_with_role
from sozialraum.directory.tests._pages import offer_make
from sozialraum.lib.access import Role

from ._browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

RGB = "getComputedStyle(document.activeElement).{prop}.match(/\\d+/g).slice(0, 3).map(Number)"


def _luminance(rgb: list[int]) -> float:
    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(v) for v in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(first: list[int], second: list[int]) -> float:
    light, dark = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_the_focus_ring_on_the_dark_header_has_at_least_3_to_1(page: Any) -> None:
    page.goto("/angebote/")
    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Tab")  # the brand link in the header
    assert page.evaluate("document.activeElement.className") == "brand"
    ring = page.evaluate(RGB.format(prop="outlineColor"))
    header = page.evaluate(
        "getComputedStyle(document.querySelector('.site-header')).backgroundColor"
        ".match(/\\d+/g).slice(0, 3).map(Number)"
    )
    assert _contrast(ring, header) >= 3


def test_a_long_german_word_in_a_heading_does_not_widen_the_page_at_320_px(page: Any) -> None:
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto("/angebote/")
    page.evaluate(
        "document.querySelector('h1').textContent = "
        "'Seniorenbegegnungsstättenmittagstischangebotsverzeichnis'"
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_on_a_phone_the_result_list_comes_before_the_map_as_in_the_focus_order(
    page: Any,
) -> None:
    """The list precedes the map in the markup, so also on the screen (a map shown above
    the list but focused after it was a finding of the audit)."""
    offer_make("Mittagstisch", latitude=54.79, longitude=9.43)
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto("/angebote/?q=Mittagstisch")
    page.wait_for_selector("[data-map][data-ready=true]")
    top = "selector => document.querySelector(selector).getBoundingClientRect().top"
    assert page.evaluate(top, ".results-grid .offer-list") < page.evaluate(
        top, ".results-grid .results-map"
    )


#: Text-only zoom: the reader's root font size, doubled (CSSOM, which the CSP allows).
DOUBLE_TEXT = "document.documentElement.style.fontSize = '200%'"

HEIGHT = "selector => document.querySelector(selector).getBoundingClientRect().height"


def test_checkboxes_and_time_inputs_grow_with_text_only_zoom(page: Any, live_server: Any) -> None:
    sign_in(page, live_server, user_with_role(Role.PROVIDER_EDITOR))
    page.goto("/angebote/neu/")
    controls = ("input[type=checkbox]", "input[type=time]")
    before = [page.evaluate(HEIGHT, control) for control in controls]
    page.evaluate(DOUBLE_TEXT)
    after = [page.evaluate(HEIGHT, control) for control in controls]
    assert all(grown >= 1.8 * size for grown, size in zip(after, before, strict=True)), (
        before,
        after,
    )
