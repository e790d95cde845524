"""A measure's effect over time: the figures it answers (``Measure.figures``), per year
before and after its decision, in the districts it concerns and the city, from the same
protected figures as the dashboard (:mod:`.figures.timeline`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from .figures import CITY, area_load
from .figures.timeline import KEYS, Timeline, timeline
from .models import Measure


@dataclass(frozen=True)
class Place:
    slug: str
    name: str
    lines: list[Any]


@dataclass(frozen=True)
class Effect:
    timeline: Timeline
    decided: int
    places: list[Place]


def measure_effect(measure: Measure) -> Effect | None:
    """The measure's figures per year in each compared district it lies in (a quarter
    counts in its district) and in the city; None without a linked figure or district."""
    keys = [key for key in KEYS if key in measure.figures]
    districts = list(measure.districts.all())
    if not keys or not districts:
        return None
    area = area_load(district=districts[0].slug)
    if area is None:
        return None
    rows: list[Any] = []
    for district in districts:
        row = CITY if district.pk == area.city.pk else area.leaf(district.pk)
        if row is not None and row not in rows:
            rows.append(row)
    if CITY not in rows:
        rows.append(CITY)
    over_time = timeline(area)
    places = []
    for row in rows:
        name = area.label(row)
        if row == CITY and len(rows) > 1:
            name = _("%(city)s, for comparison") % {"city": name}
        places.append(Place(area.slug(row), name, over_time.lines(row, keys)))
    return Effect(timeline=over_time, decided=measure.decided_on.year, places=places)
