"""Positions, sectors and rings on the map."""

from __future__ import annotations

import pytest

from sozialraum.networkmap.choices import Ring, Sector
from sozialraum.networkmap.geometry import fits, free_position, ring_at, ring_middle, sector_at


@pytest.mark.parametrize(
    ("angle", "sector"),
    [
        (0, Sector.FAMILY),
        (89.9, Sector.FAMILY),
        (90, Sector.FRIENDS),
        (180, Sector.FRIENDS),
        (-180, Sector.WORK),
        (-90.1, Sector.WORK),
        (-90, Sector.PROFESSIONAL),
        (-0.1, Sector.PROFESSIONAL),
    ],
)
def test_the_angle_decides_the_sector_as_in_easynwk(angle: float, sector: Sector) -> None:
    assert sector_at(angle) == sector


@pytest.mark.parametrize(
    ("distance", "ring"),
    [
        (0, Ring.CLOSE),
        (33.3, Ring.CLOSE),
        (33.34, Ring.MIDDLE),
        (66.6, Ring.MIDDLE),
        (66.7, Ring.DISTANT),
        (100, Ring.DISTANT),
        (140, Ring.DISTANT),
    ],
)
def test_the_distance_decides_the_ring_in_thirds(distance: float, ring: Ring) -> None:
    assert ring_at(distance) == ring


def test_a_free_position_lies_in_its_sector_and_ring_and_away_from_others() -> None:
    for sector in Sector:
        for ring in Ring:
            angle, distance = free_position(sector, ring, [])
            assert fits(angle, distance, sector, ring)
            assert distance == pytest.approx(ring_middle(ring))
    first, _ = free_position(Sector.FAMILY, Ring.CLOSE, [])
    second, _ = free_position(Sector.FAMILY, Ring.CLOSE, [first])
    assert abs(second - first) > 30
