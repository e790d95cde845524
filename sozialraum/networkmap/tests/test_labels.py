"""The network map's labels: no label meets a marker, an axis, a sector name or another
label, checked over the SVG output with boxes from the estimated text width."""

from __future__ import annotations

import random
from xml.etree import ElementTree

import pytest

from sozialraum.networkmap.choices import Bond, Ring, Sector
from sozialraum.networkmap.drawing import HEIGHT, WIDTH, fixed_boxes, network_svg
from sozialraum.networkmap.labels import ASCENT, Box, marker_box, text_box_size
from sozialraum.networkmap.snapshot import MapContact, MapSnapshot

NS = {"svg": "http://www.w3.org/2000/svg"}
SECTOR_ANGLES = {
    Sector.FAMILY: (0, 90),
    Sector.FRIENDS: (90, 180),
    Sector.WORK: (180, 270),
    Sector.PROFESSIONAL: (270, 360),
}
NAMES = ["Maria Mutter", "Hubert", "Pflegedienst Nord", "Frau Ahmadi", "Tafel", "Jonas",
         "Hausärztin Dr. Petersen", "Sportverein TSB", "Oma Ilse", "Nachbar Kai"]  # fmt: skip


def _contacts(count: int, seed: int) -> MapSnapshot:
    chance = random.Random(seed)
    contacts = []
    for key in range(1, count + 1):
        sector = chance.choice(list(Sector))
        low, high = SECTOR_ANGLES[sector]
        contacts.append(
            MapContact(
                key=key,
                name=f"{chance.choice(NAMES)} {key}",
                sector=sector,
                ring=chance.choice(list(Ring)),
                angle=chance.uniform(low + 3, high - 3),
                distance=chance.uniform(10, 110),
                human=chance.random() < 0.7,
                deceased=chance.random() < 0.1,
                bond=chance.choice(list(Bond)),
            )
        )
    return MapSnapshot(contacts=tuple(contacts), ties=())


def _svg(snapshot: MapSnapshot) -> ElementTree.Element:
    svg = network_svg(snapshot, title="Karte", description="", svg_id="k", centre_label="Rosa")
    return ElementTree.fromstring(str(svg))


def overlaps(root: ElementTree.Element) -> list[str]:
    """Pairs of a label and anything it meets, read from the drawn SVG."""
    labels, markers = [], []
    for group in root.iterfind(".//svg:g[@class='contact']", NS):
        text = group.find("svg:text", NS)
        assert text is not None and text.text is not None
        x, y = float(text.attrib["x"]), float(text.attrib["y"])
        width, height = text_box_size(text.text)
        labels.append((text.text, Box(x, y - ASCENT, x + width, y - ASCENT + height)))
        shape = group.find("svg:circle", NS)
        if shape is None:
            shape = group.find("svg:rect", NS)
            assert shape is not None
            cx, cy = float(shape.attrib["x"]) + 8, float(shape.attrib["y"]) + 8
        else:
            cx, cy = float(shape.attrib["cx"]), float(shape.attrib["cy"])
        markers.append(marker_box(cx, cy, 8))
    frame = Box(0, 0, WIDTH, HEIGHT)
    found = [f"{name} outside" for name, box in labels if not box.inside(frame)]
    others = [*markers, *fixed_boxes("Rosa")]
    for index, (name, box) in enumerate(labels):
        found += [f"{name} meets {o}" for o in others if box.meets(o)]
        found += [f"{name} meets {n}" for n, b in labels[index + 1 :] if box.meets(b)]
    return found


def test_a_small_map_has_no_overlapping_labels() -> None:
    assert overlaps(_svg(_contacts(12, seed=1))) == []


@pytest.mark.parametrize("seed", range(5))
def test_a_dense_map_of_forty_contacts_has_no_overlapping_labels(seed: int) -> None:
    assert overlaps(_svg(_contacts(40, seed=seed))) == []


def test_a_label_moved_away_from_its_marker_gets_a_leader_line() -> None:
    root = _svg(_contacts(40, seed=0))
    assert root.findall(".//svg:line[@class='leader']", NS)
