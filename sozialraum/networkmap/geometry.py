"""Where a contact sits on the map, in easyNWK's coordinates.

A position is an ``angle`` in degrees from the positive x-axis, counter-clockwise, between
-180 and 180, and a ``distance`` from the person normalised to 100 at the outer ring. The
angle decides the sector (family 0..90, friends 90..180, colleagues -180..-90, professional
helpers -90..0: family top right, as in easyNWK), the distance the ring (thirds of 100;
beyond 100 still counts as the outer ring).
"""

from __future__ import annotations

from collections.abc import Iterable

from .choices import Ring, Sector

OUTER = 100.0
RING_LIMITS = {Ring.CLOSE: 100 / 3, Ring.MIDDLE: 200 / 3, Ring.DISTANT: OUTER}
#: Where each sector's angles start; each spans 90 degrees counter-clockwise from there.
SECTOR_START = {
    Sector.FAMILY: 0.0,
    Sector.FRIENDS: 90.0,
    Sector.WORK: -180.0,
    Sector.PROFESSIONAL: -90.0,
}
#: Candidate angles within a sector for a newly placed contact, as fractions of 90 degrees
#: (kept off the sector's edges, where the axes are drawn).
_SLOTS = [0.1 + 0.8 * (index + 0.5) / 12 for index in range(12)]


def sector_at(angle: float) -> Sector:
    """The sector of a position at ``angle`` (easyNWK's rule, boundaries included)."""
    if angle < -90:
        return Sector.WORK
    if angle < 0:
        return Sector.PROFESSIONAL
    if angle < 90:
        return Sector.FAMILY
    return Sector.FRIENDS


def ring_at(distance: float) -> Ring:
    """The closeness ring of a position at ``distance`` (easyNWK's thirds)."""
    if distance < RING_LIMITS[Ring.CLOSE]:
        return Ring.CLOSE
    if distance < RING_LIMITS[Ring.MIDDLE]:
        return Ring.MIDDLE
    return Ring.DISTANT


def ring_middle(ring: int) -> float:
    """The distance halfway through ``ring``."""
    inner = 0.0 if ring == Ring.CLOSE else RING_LIMITS[Ring(ring - 1)]
    return (inner + RING_LIMITS[Ring(ring)]) / 2


def fits(angle: float, distance: float, sector: str, ring: int) -> bool:
    """Whether the position lies in ``sector`` and ``ring``."""
    return sector_at(angle) == sector and ring_at(distance) == ring


def free_position(sector: str, ring: int, taken: Iterable[float]) -> tuple[float, float]:
    """A position in ``sector`` and ``ring`` whose angle is farthest from the ``taken``
    angles of the contacts already in the sector; of equally free angles, the one nearest
    the middle of the sector wins (so the first contact sits in the middle)."""
    start = SECTOR_START[Sector(sector)]
    angles = list(taken)
    candidates = sorted((start + 90 * slot for slot in _SLOTS), key=lambda a: abs(a - start - 45))
    best = max(candidates, key=lambda a: min((abs(a - t) for t in angles), default=360.0))
    return round(best, 6), round(ring_middle(ring), 6)
