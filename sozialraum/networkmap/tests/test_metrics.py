"""Metrics of a version, and the comparison of two versions."""

from __future__ import annotations

from typing import Any

import pytest

from sozialraum.networkmap.choices import Bond, Ring, Sector
from sozialraum.networkmap.metrics import map_metrics
from sozialraum.networkmap.snapshot import MapContact, MapSnapshot, MapTie, compare


def contact(
    key: int, sector: str = Sector.FAMILY, ring: int = Ring.CLOSE, **extra: Any
) -> MapContact:
    return MapContact(
        key=key, name=f"K{key}", sector=sector, ring=ring, angle=10.0, distance=10.0, **extra
    )


def snapshot(contacts: list[MapContact], ties: list[tuple[int, int]] | None = None) -> MapSnapshot:
    pairs = ties or []
    return MapSnapshot(contacts=tuple(contacts), ties=tuple(MapTie.between(*t) for t in pairs))


def test_metrics_of_an_empty_map_name_every_sector_empty() -> None:
    metrics = map_metrics(snapshot([]))
    assert (metrics.size, metrics.ties, metrics.density, metrics.max_degree) == (0, 0, 0.0, 0)
    assert metrics.empty_sectors == tuple(Sector.values)
    assert metrics.most_connected == ()


def test_size_density_isolated_and_most_connected_follow_the_ties() -> None:
    contacts = [
        contact(1),
        contact(2),
        contact(3, Sector.FRIENDS, Ring.DISTANT),
        contact(4, Sector.WORK, human=False),
    ]
    metrics = map_metrics(snapshot(contacts, [(1, 2), (1, 3)]))
    assert metrics.size == 4
    assert metrics.institutions == 1
    assert metrics.density == pytest.approx(2 / 6)
    assert metrics.density_percent == 33
    assert [c.key for c in metrics.isolated] == [4]
    assert [c.key for c in metrics.most_connected] == [1]
    assert metrics.max_degree == 2
    assert [(s.sector, s.total, s.per_ring) for s in metrics.sectors] == [
        ("family", 2, (2, 0, 0)),
        ("friends", 1, (0, 0, 1)),
        ("work", 1, (1, 0, 0)),
        ("professional", 0, (0, 0, 0)),
    ]
    assert metrics.empty_sectors == ("professional",)
    assert metrics.thin_sectors == ("friends", "work")


def test_deceased_contacts_are_counted_apart_and_their_ties_left_out() -> None:
    contacts = [contact(1), contact(2, deceased=True), contact(3)]
    metrics = map_metrics(snapshot(contacts, [(1, 2)]))
    assert (metrics.size, metrics.deceased, metrics.ties, metrics.density) == (2, 1, 0, 0.0)
    assert [c.key for c in metrics.isolated] == [1, 3]


def test_comparison_names_who_came_went_moved_and_died() -> None:
    before = snapshot([contact(1, ring=Ring.DISTANT), contact(2), contact(3), contact(4)])
    after = snapshot(
        [
            contact(1, ring=Ring.MIDDLE),
            contact(2, ring=Ring.DISTANT),
            contact(3, Sector.FRIENDS, deceased=True, bond=Bond.NONE),
            contact(5),
        ]
    )
    changes = compare(before, after)
    assert [c.key for c in changes.came] == [5]
    assert [c.key for c in changes.went] == [4]
    assert [(m.before.ring, m.after.ring) for m in changes.closer] == [(3, 2)]
    assert [m.after.key for m in changes.further] == [2]
    assert [m.after.key for m in changes.changed_sector] == [3]
    assert [c.key for c in changes.died] == [3]
    assert not changes.unchanged
    assert compare(after, after).unchanged
