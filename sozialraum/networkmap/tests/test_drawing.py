"""The SVG picture of a map."""

from __future__ import annotations

import re
from xml.etree import ElementTree

from sozialraum.networkmap.choices import Bond, Ring, Sector
from sozialraum.networkmap.drawing import CX, CY, network_svg, position
from sozialraum.networkmap.snapshot import MapContact, MapSnapshot, MapTie

NS = {"svg": "http://www.w3.org/2000/svg"}


def _snapshot() -> MapSnapshot:
    return MapSnapshot(
        contacts=(
            MapContact(
                key=1,
                name="Maria <Mutter>",
                sector=Sector.FAMILY,
                ring=Ring.CLOSE,
                angle=30,
                distance=20,
            ),
            MapContact(
                key=2,
                name="Hubert",
                sector=Sector.FAMILY,
                ring=Ring.DISTANT,
                angle=70,
                distance=103,
                deceased=True,
            ),
            MapContact(
                key=3,
                name="Pflegedienst",
                sector=Sector.PROFESSIONAL,
                ring=Ring.MIDDLE,
                angle=-45,
                distance=50,
                human=False,
                bond=Bond.NONE,
            ),
        ),
        ties=(MapTie.between(1, 3),),
    )


def _drawn() -> ElementTree.Element:
    svg = network_svg(
        _snapshot(),
        title="Netzwerkkarte",
        description="Drei Kontakte",
        svg_id="karte",
        centre_label="Rosa",
    )
    return ElementTree.fromstring(str(svg))


def test_the_picture_is_an_accessible_image_with_title_and_description() -> None:
    root = _drawn()
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "karte-title karte-desc"
    assert root.findtext("svg:title", namespaces=NS) == "Netzwerkkarte"
    assert root.findtext("svg:desc", namespaces=NS) == "Drei Kontakte"


def test_people_are_circles_institutions_squares_and_the_deceased_crossed_out() -> None:
    groups = {g.get("data-key"): g for g in _drawn().iterfind(".//svg:g[@class='contact']", NS)}
    assert groups["1"].find("svg:circle", NS) is not None
    assert groups["3"].find("svg:rect", NS) is not None
    assert groups["2"].find("svg:line[@class='cross']", NS) is not None
    assert groups["2"].findtext("svg:text", namespaces=NS) == "† Hubert"
    assert groups["1"].findtext("svg:text", namespaces=NS) == "Maria <Mutter>"


def test_ties_and_bonds_are_lines() -> None:
    root = _drawn()
    assert len(root.findall(".//svg:line[@class='tie']", NS)) == 2  # one tie, one in the legend
    bonds = [line for line in root.iterfind(".//svg:line", NS) if "bond" in line.get("class", "")]
    # Maria's bond and the legend's; the deceased and the contact without bond have none.
    assert len(bonds) == 2


def test_sectors_are_quadrants_like_the_paper_form() -> None:
    family = position(_snapshot().contacts[0])
    helpers = position(_snapshot().contacts[2])
    assert family.x > CX and family.y < CY
    assert helpers.x > CX and helpers.y > CY
    friends = position(
        MapContact(key=9, name="F", sector=Sector.FRIENDS, ring=1, angle=135, distance=50)
    )
    assert friends.x < CX and friends.y < CY
    assert re.search(
        r"Friends and neighbours",
        str(network_svg(_snapshot(), title="t", description="d", svg_id="s", centre_label="c")),
    )


def test_long_names_are_shortened_in_the_picture_only() -> None:
    long_name = "Ambulanter Pflegedienst der Diakonie Nord"
    contact = MapContact(
        key=1,
        name=long_name,
        sector=Sector.PROFESSIONAL,
        ring=3,
        angle=-10,
        distance=90,
        human=False,
    )
    svg = network_svg(
        MapSnapshot(contacts=(contact,), ties=()),
        title="t",
        description="d",
        svg_id="s",
        centre_label="c",
    )
    text = ElementTree.fromstring(str(svg)).findtext(
        ".//svg:g[@class='contact']/svg:text", namespaces=NS
    )
    assert text == "Ambulanter Pflegedien…"
