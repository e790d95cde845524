"""Map data for district pages: GeoJSON features, choropleth classes and legend.

The page hands this to the Leaflet island (``districts/map.js``) through ``json_script``.
Classes are computed here, so the legend in the HTML and the colours on the map agree, and
the same figures stand in the page's table for anyone who cannot use the map.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext as _

from sozialraum.lib.templatetags.sozialraum import percent as _percent

from .models import District, DistrictKind
from .selectors import DistrictProfile

#: Sequential blue ramp, 5 classes, spaced evenly in luminance so neighbouring classes are
#: at least 1.65:1 apart (ColorBrewer's "Blues" was 1.35:1 at its lightest step); 3:1
#: between five neighbours is impossible, so the legend names each class's values and
#: areas without figures are hatched (map.js, map.css) rather than a near-white colour.
RAMP = ("#dfebf6", "#76b5f4", "#4185c8", "#2a5e92", "#093b6d")
NO_DATA = "#ffffff"


@dataclass(frozen=True)
class LegendEntry:
    colour: str
    label: str
    #: Names the entry's swatch class in ``sozialraum/map.css`` (``swatch-<key>``).
    key: str


def class_breaks(values: Sequence[float], classes: int = len(RAMP)) -> list[float]:
    """Upper bounds of equal-count (quantile) classes; the last bound is the maximum."""
    ordered = sorted(values)
    if not ordered:
        return []
    count = min(classes, len(ordered))
    return [
        ordered[min(len(ordered) - 1, (i + 1) * len(ordered) // count - 1)] for i in range(count)
    ]


def colour_for(value: float | None, breaks: Sequence[float]) -> str:
    if value is None or not breaks:
        return NO_DATA
    for index, bound in enumerate(breaks):
        if value <= bound:
            return RAMP[index]
    return RAMP[len(breaks) - 1]


def legend(
    breaks: Sequence[float],
    shown: Callable[[float], str] = _percent,
    no_data: str | None = None,
) -> list[LegendEntry]:
    """A class per bound with its values as ``shown`` writes them (shares as per cent by
    default), and the entry of areas without a figure (``no_data`` names it)."""
    entries = []
    lower: float | None = None
    for index, bound in enumerate(breaks):
        if lower is None:
            text = _("up to %(upper)s") % {"upper": shown(bound)}
        else:
            text = _("over %(lower)s to %(upper)s") % {"lower": shown(lower), "upper": shown(bound)}
        entries.append(LegendEntry(RAMP[index], text, f"ramp-{index}"))
        lower = bound
    entries.append(LegendEntry(NO_DATA, no_data or _("no figures"), "no-data"))
    return entries


def district_map(district: District, child_profiles: Sequence[DistrictProfile]) -> dict[str, Any]:
    """The district's outline, and its parts coloured by their share of residents 80+."""
    shares = [p.share_80_plus for p in child_profiles if p.share_80_plus is not None]
    breaks = class_breaks(shares)
    children = [
        p.district.feature(
            url=p.district.get_absolute_url(),
            fill=colour_for(p.share_80_plus, breaks),
            share=_percent(p.share_80_plus) if p.share_80_plus is not None else _("no figures"),
            no_data=p.share_80_plus is None,
        )
        for p in child_profiles
        if p.district.has_boundary
    ]
    outline = [district.feature(url=district.get_absolute_url())] if district.has_boundary else []
    return {
        "outline": outline,
        "children": children,
        "choropleth": bool(breaks),
        "legend": [entry.__dict__ for entry in legend(breaks)] if breaks else [],
        "tiles": {"url": settings.MAP_TILE_URL, "attribution": settings.MAP_TILE_ATTRIBUTION},
        "labels": {"share": _("Residents 80+")},
    }


def picker_map() -> dict[str, Any]:
    """Map data for a form's point picker (``sozialraum/point_picker.js``): the outlines of
    the top of the district tree (the cities) and of the cities' districts that have a
    boundary, so the map shows where one is without a tile server (one query, simplified
    boundaries; the smaller areas below would only crowd the map)."""
    shapes = (
        District.objects.filter(
            Q(parent__isnull=True) | Q(parent__kind=DistrictKind.CITY), min_lon__isnull=False
        )
        .only("pk", "name", "slug", "kind", "boundary_display")
        .order_by("pk")
    )
    return {
        "outline": [shape.feature() for shape in shapes],
        "children": [],
        "points": [],
        "tiles": {"url": settings.MAP_TILE_URL, "attribution": settings.MAP_TILE_ATTRIBUTION},
        "labels": {},
    }
