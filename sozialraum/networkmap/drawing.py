"""The network map as an SVG picture, laid out like the paper form.

The person sits in the centre; the four sectors are the quadrants (family top right,
friends and neighbours top left, colleagues/school/work bottom left, professional helpers
bottom right, as in easyNWK); three rings mark closeness. People are circles, institutions
squares; a deceased contact is drawn hollow, crossed out and labelled with a cross. Lines
join tied contacts; thin grey lines show the bond to the person (thicker for a bond in
several ways, none for no current contact).

The picture is drawn on the server (no JavaScript), carries ``role="img"`` with a title
and a description, and is always shown with a table of the same data for screen readers.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from .choices import Bond, Sector
from .geometry import OUTER
from .labels import Box, Label, marker_box, place_labels, text_box_size
from .snapshot import MapContact, MapSnapshot

WIDTH = 760
HEIGHT = 640
CX = WIDTH / 2
CY = HEIGHT / 2
#: Longer names are shortened in the picture (the table shows them in full).
LABEL_LENGTH = 22
RADIUS = 250
LEGEND_HEIGHT = 56
#: Contacts beyond the outer ring are drawn just outside it, never off the picture.
FARTHEST = OUTER * 1.12
NEAREST = 9.0
SECTOR_COLOURS = {
    Sector.FAMILY: "#b3261e",
    Sector.FRIENDS: "#1d6b3a",
    Sector.WORK: "#7a4a00",
    Sector.PROFESSIONAL: "#0b5c8c",
}
#: Where each sector's name is written: the outer corner of its quadrant.
SECTOR_CORNERS = {
    Sector.FAMILY: (WIDTH - 8, 20, "end"),
    Sector.FRIENDS: (8, 20, "start"),
    Sector.WORK: (8, HEIGHT - 10, "start"),
    Sector.PROFESSIONAL: (WIDTH - 8, HEIGHT - 10, "end"),
}
# The picture's styles are in the site's stylesheet (sozialraum/map.css): the
# Content-Security-Policy refuses <style> elements in markup.
#: How far the axes reach beyond the outer ring.
AXIS_REACH = RADIUS + 20


@dataclass(frozen=True)
class Point:
    x: float
    y: float


def position(contact: MapContact) -> Point:
    """Where ``contact`` is drawn: its angle and distance, y pointing down in SVG."""
    distance = min(max(contact.distance, NEAREST), FARTHEST)
    radians = math.radians(contact.angle)
    scale = RADIUS / OUTER
    return Point(
        x=round(CX + math.cos(radians) * distance * scale, 2),
        y=round(CY - math.sin(radians) * distance * scale, 2),
    )


def network_svg(
    snapshot: MapSnapshot, *, title: str, description: str, svg_id: str, centre_label: str
) -> SafeString:
    """The picture of ``snapshot``; ``title`` and ``description`` are announced by screen
    readers, ``svg_id`` makes their element ids unique on the page."""
    points = {contact.key: position(contact) for contact in snapshot.contacts}
    labels = contact_labels(snapshot, points, centre_label)
    height = HEIGHT + LEGEND_HEIGHT
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}"'
        ' role="img" aria-labelledby="{id}-title {id}-desc" class="network-map" id="{id}">'
        '<title id="{id}-title">{title}</title><desc id="{id}-desc">{desc}</desc>'
        "{frame}{bonds}{ties}{ego}{contacts}{legend}</svg>",
        width=WIDTH,
        height=height,
        id=svg_id,
        title=title,
        desc=description,
        frame=_frame(),
        bonds=_bonds(snapshot, points),
        ties=_ties(snapshot, points),
        ego=_ego(centre_label),
        contacts=_contacts(snapshot, points, labels),
        legend=_legend(),
    )


def _frame() -> SafeString:
    rings = format_html_join(
        "",
        '<circle class="ring" cx="{}" cy="{}" r="{}"></circle>',
        ((CX, CY, round(RADIUS * step / 3, 2)) for step in (1, 2, 3)),
    )
    reach = AXIS_REACH
    axes = format_html(
        '<line class="axis" x1="{}" y1="{}" x2="{}" y2="{}"></line>'
        '<line class="axis" x1="{}" y1="{}" x2="{}" y2="{}"></line>',
        CX - reach,
        CY,
        CX + reach,
        CY,
        CX,
        CY - reach,
        CX,
        CY + reach,
    )
    names = format_html_join(
        "",
        '<text class="sector" x="{}" y="{}" text-anchor="{}" fill="{}">{}</text>',
        ((*SECTOR_CORNERS[sector], SECTOR_COLOURS[sector], sector.label) for sector in Sector),
    )
    return format_html("{}{}{}", rings, axes, names)


def _bonds(snapshot: MapSnapshot, points: dict[int, Point]) -> SafeString:
    return format_html_join(
        "",
        '<line class="bond{}" x1="{}" y1="{}" x2="{}" y2="{}"></line>',
        (
            (
                " bond-multiple" if contact.bond == Bond.MULTIPLE else "",
                CX,
                CY,
                points[contact.key].x,
                points[contact.key].y,
            )
            for contact in snapshot.contacts
            if contact.bond != Bond.NONE and not contact.deceased
        ),
    )


def _ties(snapshot: MapSnapshot, points: dict[int, Point]) -> SafeString:
    return format_html_join(
        "",
        '<line class="tie" x1="{}" y1="{}" x2="{}" y2="{}"></line>',
        (
            (points[tie.a].x, points[tie.a].y, points[tie.b].x, points[tie.b].y)
            for tie in snapshot.ties
            if tie.a in points and tie.b in points
        ),
    )


def _ego(label: str) -> SafeString:
    return format_html(
        '<circle class="ego" cx="{x}" cy="{y}" r="11"></circle>'
        '<text x="{x}" y="{below}" text-anchor="middle" font-weight="600">{label}</text>',
        x=CX,
        y=CY,
        below=CY + 28,
        label=label,
    )


def _label_text(contact: MapContact) -> str:
    return ("† " if contact.deceased else "") + _short(contact.name)


def fixed_boxes(centre_label: str) -> list[Box]:
    """What labels must keep clear of besides the markers: the centre with its name, the
    axes and the sector names."""
    width, _height = text_box_size(centre_label)
    boxes = [
        marker_box(CX, CY, 12),
        Box(CX - width / 2, CY + 28 - 12, CX + width / 2, CY + 28 + 4),
        Box(CX - AXIS_REACH, CY - 1.5, CX + AXIS_REACH, CY + 1.5),
        Box(CX - 1.5, CY - AXIS_REACH, CX + 1.5, CY + AXIS_REACH),
    ]
    for sector in Sector:
        x, y, anchor = SECTOR_CORNERS[sector]
        width, _height = text_box_size(str(sector.label))
        left = x - width if anchor == "end" else x
        boxes.append(Box(left, y - 12, left + width, y + 4))
    return boxes


def contact_labels(
    snapshot: MapSnapshot, points: dict[int, Point], centre_label: str
) -> dict[int, Label]:
    """Each contact's label, placed so that no two labels, markers or axes overlap
    (:func:`~.labels.place_labels`); nearer contacts choose first."""
    order = sorted(snapshot.contacts, key=lambda c: (c.distance, c.key))
    markers = [marker_box(points[c.key].x, points[c.key].y) for c in snapshot.contacts]
    anchors = [(points[c.key].x, points[c.key].y, _label_text(c)) for c in order]
    placed = place_labels(anchors, [*markers, *fixed_boxes(centre_label)], Box(0, 0, WIDTH, HEIGHT))
    return {contact.key: label for contact, label in zip(order, placed, strict=True)}


def _contacts(
    snapshot: MapSnapshot, points: dict[int, Point], labels: dict[int, Label]
) -> SafeString:
    return format_html_join(
        "", "{}", ((_contact(c, points[c.key], labels[c.key]),) for c in snapshot.contacts)
    )


def _leader(label: Label) -> SafeString | str:
    if label.leader is None:
        return ""
    return format_html(
        '<line class="leader" x1="{}" y1="{}" x2="{}" y2="{}"></line>', *label.leader
    )


def _contact(contact: MapContact, at: Point, placed: Label) -> SafeString:
    colour = SECTOR_COLOURS[Sector(contact.sector)]
    css = "deceased" if contact.deceased else ""
    if contact.human:
        shape = format_html(
            '<circle class="{}" cx="{}" cy="{}" r="8" fill="{}"></circle>', css, at.x, at.y, colour
        )
    else:
        shape = format_html(
            '<rect class="{}" x="{}" y="{}" width="16" height="16" fill="{}"></rect>',
            css,
            at.x - 8,
            at.y - 8,
            colour,
        )
    cross = ""
    if contact.deceased:
        cross = format_html(
            '<line class="cross" x1="{}" y1="{}" x2="{}" y2="{}"></line>',
            at.x - 8,
            at.y - 8,
            at.x + 8,
            at.y + 8,
        )
    return format_html(
        '<g class="contact" data-key="{key}">{leader}{shape}{cross}'
        '<text class="label" x="{x}" y="{y}">{label}</text></g>',
        key=contact.key,
        leader=_leader(placed),
        shape=shape,
        cross=cross,
        x=placed.x,
        y=placed.y,
        label=_label_text(contact),
    )


def _short(name: str) -> str:
    return name if len(name) <= LABEL_LENGTH else name[: LABEL_LENGTH - 1].rstrip() + "…"


def _legend() -> SafeString:
    top = HEIGHT + 18
    return format_html(
        '<g class="legend">'
        '<circle cx="16" cy="{top}" r="7" fill="#5a6470"></circle>'
        '<text x="30" y="{text}">{person}</text>'
        '<rect x="130" y="{square}" width="14" height="14" fill="#5a6470"></rect>'
        '<text x="152" y="{text}">{institution}</text>'
        '<text x="270" y="{text}">† {deceased}</text>'
        '<line class="tie" x1="380" y1="{top}" x2="410" y2="{top}"></line>'
        '<text x="418" y="{text}">{tie}</text>'
        '<line class="bond" x1="8" y1="{top2}" x2="38" y2="{top2}"></line>'
        '<text x="46" y="{text2}">{bond}</text>'
        "</g>",
        top=top,
        text=top + 5,
        square=top - 7,
        top2=top + 24,
        text2=top + 29,
        person=_("person"),
        institution=_("institution"),
        deceased=_("deceased"),
        tie=_("tie between contacts"),
        bond=_("in contact with the person"),
    )
