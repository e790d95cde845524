"""The choropleth's classes: neighbours distinguishable, "no figures" not a colour, and the
legend's swatches in the stylesheet the same as the map's fills; the point picker's map."""

from __future__ import annotations

import itertools
import re
from pathlib import Path
from typing import Any

import pytest

from sozialraum.districts.maps import NO_DATA, RAMP, legend, picker_map
from sozialraum.districts.models import DistrictKind
from sozialraum.districts.tests.factories import DistrictFactory

STYLESHEET = Path(__file__).parents[2] / "lib" / "static" / "sozialraum" / "map.css"


def luminance(colour: str) -> float:
    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.03928 else ((channel + 0.055) / 1.055) ** 2.4

    red, green, blue = (linear(int(colour[i : i + 2], 16) / 255) for i in (1, 3, 5))
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(one: str, other: str) -> float:
    darker, lighter = sorted((luminance(one), luminance(other)))
    return (lighter + 0.05) / (darker + 0.05)


def test_neighbouring_classes_are_at_least_1_65_to_1_apart() -> None:
    steps = [contrast(one, other) for one, other in itertools.pairwise(RAMP)]
    assert min(steps) >= 1.65


def test_the_legend_names_every_class_and_no_figures_by_its_hatched_swatch() -> None:
    entries = legend([0.05, 0.1, 0.15, 0.2, 0.25])
    assert [e.key for e in entries] == [f"ramp-{i}" for i in range(len(RAMP))] + ["no-data"]
    assert entries[-1].colour == NO_DATA
    css = STYLESHEET.read_text()
    assert re.search(r"\.swatch-no-data \{ background: repeating-linear-gradient", css)


def test_the_legends_swatches_have_the_maps_colours() -> None:
    css = STYLESHEET.read_text()
    for index, colour in enumerate(RAMP):
        assert f".swatch-ramp-{index} {{ background: {colour}; }}" in css


@pytest.mark.django_db
def test_the_point_picker_map_outlines_the_cities_and_their_districts_in_one_query(
    django_assert_num_queries: Any,
) -> None:
    city = DistrictFactory.create(name="Stadt", kind=DistrictKind.CITY, **_square(9.3))
    part = DistrictFactory.create(name="Teil", parent=city, **_square(9.31))
    DistrictFactory.create(name="Block", parent=part, kind=DistrictKind.QUARTER, **_square(9.32))
    DistrictFactory.create(name="Ohne Grenze", parent=city)
    with django_assert_num_queries(1):
        data = picker_map()
    assert [feature["properties"]["name"] for feature in data["outline"]] == ["Stadt", "Teil"]
    assert data["points"] == [] and data["children"] == []


def _square(lon: float, lat: float = 54.78, size: float = 0.01) -> dict[str, Any]:
    ring = [[lon, lat], [lon + size, lat], [lon + size, lat + size], [lon, lat + size], [lon, lat]]
    return {
        "boundary": {"type": "Polygon", "coordinates": [ring]},
        "min_lon": lon, "min_lat": lat, "max_lon": lon + size, "max_lat": lat + size,
    }  # fmt: skip
