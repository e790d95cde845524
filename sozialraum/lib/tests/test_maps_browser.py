"""The maps for keyboard and screen reader: where a map's shapes are links (the subjective
map, a district's parts) Tab reaches each, it is named, Enter follows it and its focus is
visible in front of its neighbours; where a list beside the map carries the same links (the
search) the shapes are out of the tab order. The controls speak German; the subjective
map's marks differ by shape. A screenshot of a focused mark goes to /tmp."""

from __future__ import annotations

from typing import Any

import pytest

from sozialraum.directory.tests._pages import offer_make
from sozialraum.directory.tests.factories import square_district
from sozialraum.districts.tests.factories import add_population
from sozialraum.plan.models import OutOfReachWhy, PersonalPlace, PlaceMark
from sozialraum.plan.tests.factories import (
    goal_make,
    person_make,
    referral_make,
    worker_of,
)

from ._browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCREENSHOT = "/tmp/csp-maps-focused-marker.png"


#: The drawn boxes (left, top, right, bottom in px) of the focus ring's dark line and of the
#: focused shape.
RING_AND_SHAPE = """() => {
  const box = e => {
    const r = e.getBoundingClientRect();
    return [r.left, r.top, r.right, r.bottom];
  };
  const ring = document.querySelectorAll('[data-map] .leaflet-focus-pane path');
  return [box(ring[ring.length - 1]), box(document.activeElement)]; }"""


def ring_drawn_around_focus(page: Any) -> bool:
    """Whether the focus ring is drawn (not shrunk to nothing) around the focused shape:
    its box holds the shape's and is at most 12 px larger on each side."""
    ring, shape = page.evaluate(RING_AND_SHAPE)
    outside = [shape[0] - ring[0], shape[1] - ring[1], ring[2] - shape[2], ring[3] - shape[3]]
    return ring[2] > ring[0] and all(-1 <= gap <= 12 for gap in outside)


def open_map(page: Any, path: str) -> None:
    page.goto(path)
    page.wait_for_selector("[data-map][data-ready=true]")


def tab_into_map(page: Any) -> Any:
    """Focuses the map and presses Tab: the first of its shapes is focused."""
    page.locator("[data-map]").first.focus()
    page.keyboard.press("Tab")
    return page.evaluate_handle("document.activeElement")


def subjective_map_person() -> tuple[Any, Any, Any]:
    person = person_make()
    worker = worker_of(person)
    referral = referral_make(
        person,
        goal_make(person),
        worker,
        offer_make("Mittagstisch", latitude=54.79, longitude=9.43),
    )
    for index, mark in enumerate(PlaceMark):
        PersonalPlace.objects.create(
            person=person,
            name=f"Ort {index}",
            mark=mark,
            why=OutOfReachWhy.BARRIER if mark == PlaceMark.OUT_OF_REACH else "",
            latitude=54.786 + index * 0.001,
            longitude=9.428,
        )
    return person, referral, worker


def test_tab_reaches_a_named_link_on_the_subjective_map_and_enter_follows_it(
    page: Any, live_server: Any
) -> None:
    person, referral, worker = subjective_map_person()
    sign_in(page, live_server, worker)
    open_map(page, f"/personen/{person.pk}/landkarte/")
    focused = tab_into_map(page)
    assert focused.get_attribute("role") == "link"
    assert "Mittagstisch" in focused.get_attribute("aria-label")
    assert ring_drawn_around_focus(page)
    page.screenshot(path=SCREENSHOT)
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/personen/{person.pk}/weg-weisungen/{referral.pk}/")
    assert PersonalPlace.objects.filter(person=person).count() == len(PlaceMark)


def test_the_subjective_maps_marks_differ_by_shape_and_the_legend_shows_them(
    page: Any, live_server: Any
) -> None:
    person, _referral, worker = subjective_map_person()
    sign_in(page, live_server, worker)
    open_map(page, f"/personen/{person.pk}/landkarte/")
    on_map = page.eval_on_selector_all(
        "[data-map] .mark-icon use", "uses => uses.map(u => u.getAttribute('href'))"
    )
    assert sorted(on_map) == sorted(f"#mark-shape-{mark}" for mark in PlaceMark)
    drawn = page.eval_on_selector_all(
        "symbol[id^=mark-shape-]", "symbols => symbols.map(s => s.innerHTML.trim())"
    )
    assert len(set(drawn)) == len(PlaceMark)
    assert page.locator(".map-legend use").count() == len(PlaceMark)
    # A mark without a link is named in the table, not a tab stop on the map.
    assert page.locator("[data-map] .mark-icon[tabindex='0']").count() == 0


def test_the_map_controls_are_german(page: Any) -> None:
    offer_make("Mittagstisch", latitude=54.79, longitude=9.43)
    open_map(page, "/angebote/")
    assert page.locator(".leaflet-control-zoom-in").get_attribute("aria-label") == "Vergrößern"
    assert page.locator(".leaflet-control-zoom-out").get_attribute("aria-label") == "Verkleinern"
    attribution = page.locator(".leaflet-control-attribution").inner_text()
    assert "Kartendarstellung" in attribution


#: Text-only zoom: the reader's root font size, doubled (CSSOM, which the CSP allows).
DOUBLE_TEXT = "document.documentElement.style.fontSize = '200%'"

ZOOM_BUTTON_HEIGHT = (
    "document.querySelector('.leaflet-control-zoom-in').getBoundingClientRect().height"
)

ATTRIBUTION_SIZE = (
    "parseFloat(getComputedStyle(document.querySelector('.leaflet-control-attribution')).fontSize)"
)


def test_the_map_controls_grow_with_text_only_zoom(page: Any) -> None:
    offer_make("Mittagstisch", latitude=54.79, longitude=9.43)
    open_map(page, "/angebote/")
    button, attribution = page.evaluate(ZOOM_BUTTON_HEIGHT), page.evaluate(ATTRIBUTION_SIZE)
    page.evaluate(DOUBLE_TEXT)
    assert page.evaluate(ZOOM_BUTTON_HEIGHT) >= 1.9 * button
    assert page.evaluate(ATTRIBUTION_SIZE) >= 1.9 * attribution


def test_the_search_maps_markers_leave_the_tab_order_to_the_result_list(page: Any) -> None:
    offer = offer_make("Mittagstisch", latitude=54.79, longitude=9.43)
    open_map(page, "/angebote/")
    assert page.locator("[data-map] .leaflet-interactive[tabindex='0']").count() == 0
    assert page.locator("[data-map] .leaflet-interactive[tabindex='-1']").count() == 1
    assert page.locator(f"main a[href='/angebote/{offer.pk}/']").count() >= 1


def test_a_focused_district_part_is_a_named_link_in_front_with_a_visible_ring(page: Any) -> None:
    city = square_district(9.40, 54.76, size=0.04, name="Flensburg", slug="flensburg")
    west = square_district(9.40, 54.76, size=0.02, name="Westliche Höhe", slug="west", parent=city)
    square_district(9.42, 54.76, size=0.02, name="Jürgensby", slug="juergensby", parent=city)
    open_map(page, city.get_absolute_url())
    focused = tab_into_map(page)
    assert focused.get_attribute("role") == "link"
    name = focused.get_attribute("aria-label")
    assert name in {"Westliche Höhe", "Jürgensby"}
    # The ring is drawn in a pane above every shape: a white halo around a dark line.
    ring = page.eval_on_selector_all(
        "[data-map] .leaflet-focus-pane path", "paths => paths.map(p => p.getAttribute('stroke'))"
    )
    assert ring == ["#ffffff", "#1b1f24"]
    assert ring_drawn_around_focus(page)
    above = page.evaluate(
        "Number(getComputedStyle(document.querySelector('.leaflet-focus-pane')).zIndex)"
        " > Number(getComputedStyle(document.querySelector('.leaflet-overlay-pane')).zIndex)"
    )
    assert above
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/flensburg/" not in url)
    assert page.url.endswith(("/quartiere/west/", "/quartiere/juergensby/"))
    assert west.parent_id == city.pk


def test_a_part_without_figures_is_hatched_not_just_a_lighter_colour(page: Any) -> None:
    city = square_district(9.40, 54.76, size=0.04, name="Flensburg", slug="flensburg")
    counted = square_district(9.40, 54.76, size=0.02, name="Mürwik", slug="muerwik", parent=city)
    square_district(9.42, 54.76, size=0.02, name="Sandberg", slug="sandberg", parent=city)
    add_population(counted, {2022: {(0, None): 100, (80, None): 10}})
    open_map(page, city.get_absolute_url())
    fills = page.eval_on_selector_all(
        "[data-map] path[role=link]",
        "paths => Object.fromEntries("
        "paths.map(p => [p.getAttribute('aria-label'), p.getAttribute('fill')]))",
    )
    assert fills["Sandberg – Einwohner:innen 80+: keine Zahlen"] == "url(#map-no-data)"
    assert fills[next(name for name in fills if name.startswith("Mürwik"))].startswith("#")
    assert page.locator("#map-no-data line").count() == 1
    assert page.locator(".map-legend .swatch-no-data").count() == 1
