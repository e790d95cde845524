"""Where the network map writes each contact's name: a label layout without overlaps.

Each label is tried at candidate places around its marker, nearest first (right, left,
above, below, the corners, then the same directions further out); the first place whose
box lies inside the picture and meets no marker, no axis, no sector name and no label
placed before is taken. A label placed away from its marker gets a leader line. Boxes are
estimated from the text length (:data:`CHAR_WIDTH` is generous for 13 px system fonts),
so the check holds in the browser too.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

#: Estimated advance of one character and the line height at 13 px, with a margin.
CHAR_WIDTH = 8.0
LINE_HEIGHT = 16.0
ASCENT = 12.0
#: Gap between a marker and its label; distances of the candidate rings beyond it.
GAP = 4.0
RINGS = (0.0, 14.0, 30.0, 50.0, 75.0, 105.0, 140.0)
#: A label farther than this from its marker's edge is joined to it by a leader line.
LEADER_FROM = 10.0


@dataclass(frozen=True)
class Box:
    left: float
    top: float
    right: float
    bottom: float

    def meets(self, other: Box) -> bool:
        return not (
            self.right <= other.left
            or other.right <= self.left
            or self.bottom <= other.top
            or other.bottom <= self.top
        )

    def inside(self, frame: Box) -> bool:
        return (
            self.left >= frame.left
            and self.right <= frame.right
            and self.top >= frame.top
            and self.bottom <= frame.bottom
        )

    def nearest(self, x: float, y: float) -> tuple[float, float]:
        return min(max(x, self.left), self.right), min(max(y, self.top), self.bottom)


@dataclass(frozen=True)
class Label:
    """A placed label: its box, the baseline start of its text, and the leader line's
    ends (None when the label sits next to its marker)."""

    box: Box
    x: float
    y: float
    leader: tuple[float, float, float, float] | None


def text_box_size(text: str) -> tuple[float, float]:
    return len(text) * CHAR_WIDTH, LINE_HEIGHT


def marker_box(x: float, y: float, half: float = 9.0) -> Box:
    return Box(x - half, y - half, x + half, y + half)


def _candidates(x: float, y: float, half: float, width: float, height: float) -> Iterable[Box]:
    for ring in RINGS:
        d = half + GAP + ring
        for dx, dy in ((1, 0), (-1, 0), (0, -1), (0, 1), (1, -1), (-1, -1), (1, 1), (-1, 1)):
            cx = x + dx * (d + width / 2) if dx else x
            cy = y + dy * (d + height / 2) if dy else y
            yield Box(cx - width / 2, cy - height / 2, cx + width / 2, cy + height / 2)


def place_labels(
    anchors: list[tuple[float, float, str]], obstacles: list[Box], frame: Box, half: float = 9.0
) -> list[Label]:
    """A label for each ``(x, y, text)`` marker, in the given order, avoiding
    ``obstacles`` (the markers included) and each other, inside ``frame``. If no candidate
    is free (a picture far too crowded), the label takes the place that meets the fewest."""
    placed: list[Box] = []
    labels: list[Label] = []
    for x, y, text in anchors:
        width, height = text_box_size(text)
        taken = [*obstacles, *placed]
        best: Box | None = None
        fewest = None
        for box in _candidates(x, y, half, width, height):
            if not box.inside(frame):
                continue
            hits = sum(1 for other in taken if box.meets(other))
            if hits == 0:
                best = box
                break
            if fewest is None or hits < fewest:
                best, fewest = box, hits
        box = best or Box(x + half + GAP, y - height / 2, x + half + GAP + width, y + height / 2)
        placed.append(box)
        labels.append(_label(box, x, y, half))
    return labels


def _label(box: Box, x: float, y: float, half: float) -> Label:
    end = box.nearest(x, y)
    gap = max(abs(end[0] - x), abs(end[1] - y)) - half
    leader = (x, y, round(end[0], 2), round(end[1], 2)) if gap > LEADER_FROM else None
    baseline = box.top + ASCENT
    return Label(box, round(box.left, 2), round(baseline, 2), leader)
