"""Demography and supply: residents (all, 65+, 80+) with the projection, and the offers
of the public directory per district and category, per 1,000 residents, their accessible
and stale shares, and coverage gaps.

Offers count in every district where they have a place (an offer with places in two
districts counts in both, so the city's row is the sum of its districts'). An offer is
*accessible* when one of its places in the district has a step-free entrance or full
wheelchair access, and *stale* when nobody confirmed it within ``OFFER_STALE_DAYS``.

Coverage gaps: the platform does not know where older residents live within a district,
so the district's centre (the centroid of its boundary) stands in for it: a category is
a gap when no place of an offer of that category lies within :data:`WALKING_DISTANCE_M`
of the centre. The city's row counts the districts with the gap.
"""

from __future__ import annotations

import bisect
import datetime as dt
import math
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Final

from django.conf import settings
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from sozialraum.directory.models import Category, Offer, Wheelchair
from sozialraum.districts.models import District
from sozialraum.districts.selectors import district_profiles, population_data
from sozialraum.lib.disclosure import Cell, derived, protect_counts
from sozialraum.lib.geo import EARTH_RADIUS_M, haversine_m, shape_from_geojson

from .base import CITY, PUBLIC_RULE, Area, Figure, cells_figure, counts_figure

#: A walk of about seven minutes at an older person's pace.
WALKING_DISTANCE_M: Final = 500
_HUNDREDTH = Decimal("0.01")
_TENTH = Decimal("0.1")

RESIDENTS, OLDER, OLDEST = "residents", "65+", "80+"
PROJECTED, PROJECTED_OLDEST = "projected", "projected_80+"
BANDS: Final = {RESIDENTS: (0, None), OLDER: (65, None), OLDEST: (80, None)}


def demography_figure(area: Area) -> Figure:
    """Official residents in the latest year with a total, aged 65+ and 80+ where the
    published bands allow, and the projection to ``PROJECTION_TARGET_YEAR``."""
    places = [area.city, *area.districts]
    data = population_data(places)
    profiles = {p.district.pk: p for p in district_profiles(places)}
    values: dict[tuple[Any, str], int] = {}
    for district in places:
        row = CITY if district == area.city else district.pk
        series = data[district.pk].series(0, None)
        year = series[-1][0] if series else None
        for column, band in BANDS.items():
            count = data[district.pk].count(year, *band) if year else None
            if count is not None:
                values[(row, column)] = count
        profile = profiles[district.pk]
        for column, projection in (
            (PROJECTED, profile.projection_total),
            (PROJECTED_OLDEST, profile.projection_80_plus),
        ):
            if projection is not None:
                values[(row, column)] = projection.value
    year = settings.PROJECTION_TARGET_YEAR
    labels = {
        RESIDENTS: _("residents"),
        OLDER: _("aged 65 and over"),
        OLDEST: _("aged 80 and over"),
        PROJECTED: _("residents in %(year)s (projection)") % {"year": year},
        PROJECTED_OLDEST: _("aged 80 and over in %(year)s (projection)") % {"year": year},
    }
    return cells_figure(
        area,
        _public_cells(area, values, labels),
        key="demography",
        title=_("Residents and projection"),
        unit=_("residents"),
        column_labels=labels,
        note=_(
            "Official population figures of the latest year; the projection assumes no migration."
        ),
    )


def _public_cells(
    area: Area, values: Mapping[tuple[Any, str], int], labels: Mapping[str, str]
) -> dict[tuple[Any, str], Cell]:
    """Official figures through the disclosure step (nothing withheld), the city as a row
    of its own (its published figures, not a sum); missing figures stay missing."""
    table = protect_counts(
        values, rows=[*area.rows, CITY], columns=list(labels), column_total=False, rule=PUBLIC_RULE
    )
    return {key: table.cell(*key) for key in values}


@dataclass(frozen=True)
class _OfferRow:
    offer: int
    district: int
    category: int | None
    accessible: bool
    stale: bool


def _offer_rows(area: Area) -> list[_OfferRow]:
    """Every (offer, compared district, category) with whether the offer is accessible
    at a place in that district and whether it is stale (one query)."""
    cutoff = timezone.now() - dt.timedelta(days=settings.OFFER_STALE_DAYS)
    rows = (
        Offer.objects.filter(places__district__isnull=False)
        .values_list(
            "pk",
            "places__district_id",
            "categories__id",
            "places__step_free_entrance",
            "places__wheelchair",
            "last_confirmed_at",
        )
        .distinct()
    )
    result = []
    for offer, district, category, step_free, wheelchair, confirmed in rows:
        leaf = area.leaf(district)
        if leaf is None:
            continue
        accessible = bool(step_free) or wheelchair == Wheelchair.YES
        stale = confirmed is None or confirmed < cutoff
        result.append(_OfferRow(offer, leaf, category, accessible, stale))
    return result


@dataclass(frozen=True)
class Supply:
    """The supply figures of the dashboard."""

    by_category: Figure
    rates: Figure
    per_1000_65: Figure
    gaps: Figure


def supply_figures(area: Area, demography: Figure) -> Supply:
    """Offers by category, the rates and shares, coverage gaps (four queries)."""
    rows = _offer_rows(area)
    categories = dict(Category.objects.values_list("pk", "name"))
    used = {row.category for row in rows if row.category is not None}
    labels = {pk: categories[pk] for pk in sorted(used, key=lambda pk: (categories[pk], pk))}
    pairs = {(row.offer, row.district, row.category) for row in rows}
    counts = [(district, category, 1) for _offer, district, category in pairs]
    by_category = counts_figure(
        area,
        counts,
        key="offers_by_category",
        title=_("Offers by category"),
        unit=_("offers"),
        column_labels=labels,
        rule=PUBLIC_RULE,
        note=_("An offer with places in several districts counts in each of them."),
    )
    totals = _totals_figure(area, rows)
    return Supply(
        by_category=by_category,
        rates=_rates_figure(area, totals, demography),
        per_1000_65=_per_1000_by_category(area, by_category, demography),
        gaps=_gaps_figure(area, labels),
    )


OFFERS, ACCESSIBLE, STALE = "offers", "accessible", "stale"


def _totals_figure(area: Area, rows: list[_OfferRow]) -> Figure:
    offers: dict[int, set[int]] = defaultdict(set)
    accessible: dict[int, set[int]] = defaultdict(set)
    stale: dict[int, set[int]] = defaultdict(set)
    for row in rows:
        offers[row.district].add(row.offer)
        if row.accessible:
            accessible[row.district].add(row.offer)
        if row.stale:
            stale[row.district].add(row.offer)
    counts = [
        (district, column, len(found[district]))
        for column, found in ((OFFERS, offers), (ACCESSIBLE, accessible), (STALE, stale))
        for district in found
    ]
    return counts_figure(
        area,
        counts,
        key="offer_totals",
        title=_("Offers"),
        unit=_("offers"),
        column_labels={OFFERS: _("offers"), ACCESSIBLE: _("accessible"), STALE: _("stale")},
        rule=PUBLIC_RULE,
    )


def rate(part: Cell | None, whole: Cell | None, per: int) -> Cell | None:
    """``part`` per ``per`` of ``whole`` (one decimal for rates per 1,000, a whole per
    cent for shares), suppressed where either is; None without a denominator."""
    if part is None or whole is None or not whole.value:
        return None
    value = Decimal(part.value) * per / Decimal(whole.value)
    return derived(
        value.quantize(_TENTH if per == 1000 else _HUNDREDTH, ROUND_HALF_UP), part, whole
    )


PER_ALL, PER_OLDER, PER_OLDEST, SHARE_ACCESSIBLE, SHARE_STALE = (
    "per_1000",
    "per_1000_65",
    "per_1000_80",
    "share_accessible",
    "share_stale",
)


def _rates_figure(area: Area, totals: Figure, demography: Figure) -> Figure:
    cells: dict[tuple[Any, str], Cell] = {}
    for row in (*area.rows, CITY):
        offers = totals.cell(row, OFFERS)
        found = {
            OFFERS: offers,
            PER_ALL: rate(offers, demography.cell(row, RESIDENTS), 1000),
            PER_OLDER: rate(offers, demography.cell(row, OLDER), 1000),
            PER_OLDEST: rate(offers, demography.cell(row, OLDEST), 1000),
            SHARE_ACCESSIBLE: rate(totals.cell(row, ACCESSIBLE), offers, 100),
            SHARE_STALE: rate(totals.cell(row, STALE), offers, 100),
        }
        cells |= {(row, column): cell for column, cell in found.items() if cell is not None}
    labels = {
        OFFERS: _("offers"),
        PER_ALL: _("per 1,000 residents"),
        PER_OLDER: _("per 1,000 residents aged 65+"),
        PER_OLDEST: _("per 1,000 residents aged 80+"),
        SHARE_ACCESSIBLE: _("accessible (%)"),
        SHARE_STALE: _("not confirmed for a year or longer (%)"),
    }
    return cells_figure(
        area,
        cells,
        key="offer_rates",
        title=_("Offers per 1,000 residents, accessible and stale shares"),
        unit=_("offers"),
        column_labels=labels,
        decimals=1,
        note=_(
            "Accessible: a place in the district with a step-free entrance or full wheelchair "
            "access. Stale: not confirmed by the provider within the time the directory allows."
        ),
    )


def _per_1000_by_category(area: Area, by_category: Figure, demography: Figure) -> Figure:
    cells = {}
    for row in (*area.rows, CITY):
        for column in by_category.columns:
            per_1000 = rate(by_category.cell(row, column), demography.cell(row, OLDER), 1000)
            if per_1000 is not None:
                cells[(row, column)] = per_1000
    return cells_figure(
        area,
        cells,
        key="offers_per_1000_65",
        title=_("Offers per 1,000 residents aged 65+ by category"),
        unit=_("offers"),
        column_labels=by_category.column_labels,
        decimals=1,
    )


def _centre(district: District) -> tuple[float, float] | None:
    """``(latitude, longitude)`` of the centroid of the district's boundary."""
    if not district.boundary_display:
        return None
    point = shape_from_geojson(district.boundary_display).centroid
    return point.y, point.x


def _gaps_figure(area: Area, labels: Mapping[int, str]) -> Figure:
    """1 for a category with no offer's place within walking distance of the district's
    centre (0 otherwise; no cell for a district without a boundary), summed for the city
    (three queries: places by category, and the boundaries)."""
    points = (
        Offer.objects.filter(
            ~Q(places__latitude=None), ~Q(places__longitude=None), categories__isnull=False
        )
        .values_list("categories__id", "places__latitude", "places__longitude")
        .distinct()
    )
    by_category: dict[int, list[tuple[float, float]]] = defaultdict(list)
    for category, lat, lon in points:
        if lat is not None and lon is not None:
            by_category[category].append((lat, lon))
    # Sorted by latitude: a place within the walking distance lies within the distance's
    # angle north or south of the centre, so only that slice is measured.
    latitudes: dict[int, list[float]] = {}
    for category, found in by_category.items():
        found.sort()
        latitudes[category] = [lat for lat, _lon in found]
    window = math.degrees(WALKING_DISTANCE_M / EARTH_RADIUS_M)
    boundaries = District.objects.filter(pk__in=area.rows).only("pk", "boundary_display")
    counts: list[tuple[int, Any, int]] = []
    for district in boundaries:
        centre = _centre(district)
        if centre is None:
            continue
        for category in labels:
            found, lats = by_category[category], latitudes.get(category, [])
            first = bisect.bisect_left(lats, centre[0] - window)
            last = bisect.bisect_right(lats, centre[0] + window)
            near = any(
                haversine_m(*centre, lat, lon) <= WALKING_DISTANCE_M
                for lat, lon in found[first:last]
            )
            counts.append((district.pk, category, 0 if near else 1))
    figure = counts_figure(
        area,
        counts,
        key="coverage_gaps",
        title=_("Coverage gaps near the district's centre"),
        unit=_("districts"),
        column_labels=labels,
        rule=PUBLIC_RULE,
        note=_(
            "1: no offer of the category within %(metres)s m of the centre of the district "
            "(where older residents live is not known to the platform; the centre stands in "
            "for it). The city's row counts the districts with the gap."
        )
        % {"metres": WALKING_DISTANCE_M},
    )
    located = {d for d, _category, _value in counts}
    return _only_rows(figure, located)


def _only_rows(figure: Figure, rows: set[int]) -> Figure:
    """Drops the cells of districts without a boundary (no gap can be said there)."""
    cells = {k: v for k, v in figure.cells.items() if k[0] == CITY or k[0] in rows}
    return Figure(**{**figure.__dict__, "cells": cells})
