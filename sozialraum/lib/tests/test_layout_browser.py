"""The base layout in a real browser: the focus ring on the dark header and long headings
at 320 px."""

from __future__ import annotations

from typing import Any

import pytest

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
