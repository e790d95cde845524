"""Population figures of districts: counts by age band, shares and projections.

Bands
    Sources publish overlapping age bands ``[age_from, age_to)`` (``age_to`` None = "and
    older"): Flensburg 0-18, 0-7, 60+ and 65-80 side by side, Kiel twenty fine bands. Rows are
    stored as published. :class:`PopulationData` answers a question for any band: the stored
    band if there is one, otherwise the sum of stored, non-overlapping bands that exactly tile
    it, found by a depth-first search (widest band first, so the coarsest tiling wins, e.g.
    Kiel's 60+ = 60-64 + 65-69 + 70-74 + 75-79 + 80+). No tiling means no figure (None);
    nothing is ever interpolated inside a band.

Cities
    A city usually has no rows of its own. Its figures are then the sum over its child
    districts of kind ``district``: in each year, a band is summed over the children that have
    data in that year, and only if every one of them has the band (stored or tiled). Cities
    that do have rows keep them.

Shares
    Fractions 0..1 of the total (band 0+) in the same year: the latest year that has a total.

Projections (:func:`project_band`)
    This is a trend extrapolation, not a cohort-component projection: it models no births,
    deaths or migration and does not age people from one band into the next. It is an
    indication for planning, and every :class:`Projection` names the years it rests on.

    * ``linear_trend``: the band has figures for at least three years. An ordinary
      least-squares line is fitted through all of them and read at the target year, rounded
      and never below 0.
    * ``share_of_parent_band``: the band has figures for fewer years (Flensburg's 80+ exists
      only for 2021). The smallest stored band that contains it, has at least three years and
      has a figure in the band's latest year (for Flensburg's 80+: 65+) is projected by linear
      trend, and the band's latest figure is scaled by that band's growth factor (projected /
      figure in the band's latest year): the band keeps its share of the containing band.

    Otherwise there is no projection (None).
"""

from __future__ import annotations

import math
import statistics
import threading
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar, cast

from django.conf import settings
from django.db.models import QuerySet
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from sozialraum.lib.dataversion import data_version

from .models import District, DistrictKind, PopulationCount, band_label

#: A band ``(age_from, age_to)``; ``age_to`` None means "and older".
Band = tuple[int, int | None]

T = TypeVar("T")

#: Bands every profile shows; both cities' sources can be combined into them.
STANDARD_BANDS: tuple[Band, ...] = ((0, 18), (18, 30), (30, 45), (45, 65), (65, 80), (80, None))

TOTAL: Band = (0, None)

#: Fewest years of figures a linear trend is fitted to.
MIN_TREND_YEARS = 3

LINEAR_TREND = "linear_trend"
SHARE_OF_PARENT_BAND = "share_of_parent_band"

PROJECTION_METHOD: Promise = _(
    "Projections are trend extrapolations, not population forecasts: they model no births, "
    "deaths or migration. Where an age band has figures for at least three years, a straight "
    "line is fitted through all of them (least squares) and read at the target year, never "
    "below zero. Where a band has figures for fewer years, the smallest published band that "
    "contains it and has at least three years is extrapolated in the same way, and the band "
    "keeps its latest share of it. Each projection names the years it rests on. Use them as "
    "an indication for planning."
)


def _upper(age_to: int | None) -> float:
    return math.inf if age_to is None else age_to


def _contains(outer: Band, inner: Band) -> bool:
    return outer[0] <= inner[0] and _upper(outer[1]) >= _upper(inner[1])


def _tile(bands: dict[Band, int], age_from: int, age_to: int | None) -> int | None:
    """The sum of stored bands that exactly tile ``[age_from, age_to)``, or None."""
    by_start: dict[int, list[tuple[int | None, int]]] = defaultdict(list)
    for (start, end), count in bands.items():
        if start >= age_from and _upper(end) <= _upper(age_to):
            by_start[start].append((end, count))
    for ends in by_start.values():
        ends.sort(key=lambda item: _upper(item[0]), reverse=True)
    dead_ends: set[int] = set()

    def search(start: int) -> int | None:
        for end, count in by_start.get(start, []):
            if end == age_to:
                return count
            if end is None or end in dead_ends:
                continue
            rest = search(end)
            if rest is not None:
                return count + rest
            dead_ends.add(end)
        return None

    return search(age_from)


@dataclass
class PopulationData:
    """Stored population counts of one district: ``{year: {(age_from, age_to): count}}``."""

    by_year: dict[int, dict[Band, int]] = field(default_factory=dict)

    @classmethod
    def from_rows(cls, rows: Iterable[tuple[int, int, int | None, int]]) -> PopulationData:
        """Built from ``(year, age_from, age_to, count)`` rows."""
        data = cls()
        for year, age_from, age_to, count in rows:
            data.add(year, age_from, age_to, count)
        return data

    @classmethod
    def combined(cls, parts: Sequence[PopulationData]) -> PopulationData:
        """The sum of ``parts`` (a city's children): per year over the parts that have data in
        that year, each band only where every one of them has it (stored or tiled)."""
        data = cls()
        for year in sorted({year for part in parts for year in part.by_year}):
            present = [part for part in parts if year in part.by_year]
            for band in sorted({b for part in present for b in part.by_year[year]}, key=_order):
                counts = [part.count(year, *band) for part in present]
                if None not in counts:
                    data.add(year, band[0], band[1], sum(c for c in counts if c is not None))
        return data

    def add(self, year: int, age_from: int, age_to: int | None, count: int) -> None:
        self.by_year.setdefault(year, {})[(age_from, age_to)] = count

    @property
    def years(self) -> list[int]:
        return sorted(self.by_year)

    @property
    def latest_year(self) -> int | None:
        return max(self.by_year, default=None)

    def count(self, year: int, age_from: int, age_to: int | None) -> int | None:
        """Residents in ``[age_from, age_to)`` in ``year``: the stored band, else the sum of
        stored bands that exactly tile it, else None."""
        bands = self.by_year.get(year)
        if not bands:
            return None
        if (age_from, age_to) in bands:
            return bands[(age_from, age_to)]
        return _tile(bands, age_from, age_to)

    def series(self, age_from: int, age_to: int | None) -> list[tuple[int, int]]:
        """``(year, count)`` for every year that has a figure for the band, oldest first."""
        points = ((year, self.count(year, age_from, age_to)) for year in self.years)
        return [(year, count) for year, count in points if count is not None]

    def stored_bands(self) -> set[Band]:
        return {band for bands in self.by_year.values() for band in bands}

    def rows(self) -> Iterator[tuple[int, Band, int]]:
        """Every stored ``(year, band, count)``, sorted by year and band."""
        for year in self.years:
            for band in sorted(self.by_year[year], key=_order):
                yield year, band, self.by_year[year][band]


def _order(band: Band) -> tuple[int, float]:
    return band[0], _upper(band[1])


# --- Loading --------------------------------------------------------------------------------


def population_data(
    districts: Iterable[District], *, reuse_cities: bool = True
) -> dict[int, PopulationData]:
    """Population data by district pk, for every given district (empty where there is none).

    One query for the districts' own rows, and one or two more if a city without rows of its
    own is among them (its figures are then summed over its children of kind ``district``,
    see :func:`_city_data`; ``reuse_cities=False`` sums them anew without asking the cache,
    for callers that keep their own results).
    """
    districts = list(districts)
    ids = [district.pk for district in districts]
    data = {pk: PopulationData() for pk in ids}
    rows = PopulationCount.objects.filter(district_id__in=ids).values_list(
        "district_id", "year", "age_from", "age_to", "count"
    )
    for district_id, year, age_from, age_to, count in rows:
        data[district_id].add(year, age_from, age_to, count)
    cities = [d.pk for d in districts if d.kind == DistrictKind.CITY and not data[d.pk].by_year]
    if cities:
        data.update(_city_data(cities) if reuse_cities else _city_data_compute(cities))
    return data


class StampedCache:
    """Results kept per process under a key and a stamp of the rows they were computed from
    (see :func:`rows_stamp`): a changed stamp means a recomputation. Cached values are
    shared between requests: callers only read them."""

    def __init__(self, size: int = 32) -> None:
        self._entries: dict[tuple[Any, tuple[Any, ...]], Any] = {}
        self._size = size
        self._lock = threading.Lock()

    def get(self, key: Any, stamp: tuple[Any, ...], compute: Callable[[], T]) -> T:
        with self._lock:
            found = self._entries.get((key, stamp), _MISSING)
        if found is not _MISSING:
            return cast(T, found)
        value = compute()
        with self._lock:
            if len(self._entries) >= self._size:
                self._entries.clear()
            self._entries[(key, stamp)] = value
        return value

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()


_MISSING = object()


def rows_stamp() -> tuple[Any, ...]:
    """The stamp of cached values computed from population and district rows: the public
    data's version (:mod:`sozialraum.lib.dataversion`), which every write to them changes,
    in one primary-key query."""
    return (data_version(),)


#: Cities' summed figures by city ids (see _city_data).
_CITY_CACHE = StampedCache()


def _children_rows(city_ids: list[int]) -> QuerySet[PopulationCount]:
    return PopulationCount.objects.filter(
        district__parent_id__in=city_ids, district__kind=DistrictKind.DISTRICT
    )


def _city_data(city_ids: list[int]) -> dict[int, PopulationData]:
    """The cities' figures summed over their children: a city has thousands of rows, so the
    sums are kept per process and recomputed when the data changes (:func:`rows_stamp`)."""
    key = tuple(sorted(city_ids))
    stamp = rows_stamp()
    return dict(_CITY_CACHE.get(key, stamp, lambda: _city_data_compute(city_ids)))


def _city_data_compute(city_ids: list[int]) -> dict[int, PopulationData]:
    rows = _children_rows(city_ids).values_list(
        "district__parent_id", "district_id", "year", "age_from", "age_to", "count"
    )
    children: dict[int | None, dict[int, PopulationData]] = defaultdict(
        lambda: defaultdict(PopulationData)
    )
    for city_id, child_id, year, age_from, age_to, count in rows:
        children[city_id][child_id].add(year, age_from, age_to, count)
    return {
        city_id: PopulationData.combined(list(children[city_id].values())) for city_id in city_ids
    }


# --- Projection -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Projection:
    """A band's figure extrapolated to ``target_year`` (see the module docstring).

    ``parent_label`` names the containing band for ``share_of_parent_band`` ("" otherwise);
    ``years_used`` are the years the fitted trend rests on.
    """

    age_from: int
    age_to: int | None
    label: str
    target_year: int
    value: int
    base_year: int
    base_value: int
    method: str
    years_used: tuple[int, ...]
    parent_label: str = ""


def _trend(series: list[tuple[int, int]], target_year: int) -> int:
    """Least-squares line through ``series`` read at ``target_year``, rounded, at least 0."""
    years = [float(year) for year, _count in series]
    counts = [float(count) for _year, count in series]
    slope, intercept = statistics.linear_regression(years, counts)
    return max(0, math.floor(slope * target_year + intercept + 0.5))


def project_band(
    data: PopulationData, age_from: int, age_to: int | None, target_year: int
) -> Projection | None:
    """The band ``[age_from, age_to)`` extrapolated to ``target_year``, or None when neither
    method applies (see the module docstring)."""
    band = (age_from, age_to)
    series = data.series(*band)
    if len(series) >= MIN_TREND_YEARS:
        value = _trend(series, target_year)
        return _projection(band, target_year, series, value, LINEAR_TREND, series)
    if not series:
        return None
    return _project_by_parent(data, band, series, target_year)


def _project_by_parent(
    data: PopulationData, band: Band, series: list[tuple[int, int]], target_year: int
) -> Projection | None:
    base_year, base_value = series[-1]
    parent = _parent_band(data, band, base_year)
    if parent is None:
        return None
    parent_series = data.series(*parent)
    parent_base = dict(parent_series)[base_year]
    growth = _trend(parent_series, target_year) / parent_base if parent_base else 0.0
    value = math.floor(base_value * growth + 0.5)
    return _projection(
        band, target_year, series, value, SHARE_OF_PARENT_BAND, parent_series, band_label(*parent)
    )


def _projection(
    band: Band,
    target_year: int,
    series: list[tuple[int, int]],
    value: int,
    method: str,
    basis: list[tuple[int, int]],
    parent_label: str = "",
) -> Projection:
    base_year, base_value = series[-1]
    return Projection(
        age_from=band[0],
        age_to=band[1],
        label=band_label(*band),
        target_year=target_year,
        value=value,
        base_year=base_year,
        base_value=base_value,
        method=method,
        years_used=tuple(year for year, _count in basis),
        parent_label=parent_label,
    )


def _parent_band(data: PopulationData, band: Band, base_year: int) -> Band | None:
    """The smallest stored band strictly containing ``band`` with enough years for a trend
    and a figure in ``base_year``."""
    candidates = [b for b in data.stored_bands() if b != band and _contains(b, band)]
    candidates.sort(key=lambda b: (_upper(b[1]) - b[0], -b[0]))
    for candidate in candidates:
        years = [year for year, _count in data.series(*candidate)]
        if len(years) >= MIN_TREND_YEARS and base_year in years:
            return candidate
    return None


# --- Profiles -------------------------------------------------------------------------------


@dataclass(frozen=True)
class BandCount:
    """Residents of one band in a profile's year; ``share`` is a fraction 0..1 of the total."""

    age_from: int
    age_to: int | None
    label: str
    count: int | None
    share: float | None


@dataclass(frozen=True)
class DistrictProfile:
    """A district's population at a glance: the latest year with a total, the standard bands,
    the shares of residents aged 60+ and 80+, and projections of 80+ and the total;
    ``projections`` holds every band that can be projected (total, standard bands, 60+)."""

    district: District
    year: int | None
    total: int | None
    bands: list[BandCount]
    share_60_plus: float | None
    share_80_plus: float | None
    projections: list[Projection]

    @property
    def has_population(self) -> bool:
        return self.total is not None

    @property
    def projection_80_plus(self) -> Projection | None:
        return self._projection(80, None)

    @property
    def projection_total(self) -> Projection | None:
        return self._projection(*TOTAL)

    def _projection(self, age_from: int, age_to: int | None) -> Projection | None:
        band = (age_from, age_to)
        return next((p for p in self.projections if (p.age_from, p.age_to) == band), None)


def _share(part: int | None, total: int | None) -> float | None:
    if part is None or not total:
        return None
    return part / total


def _profile(district: District, data: PopulationData, target_year: int) -> DistrictProfile:
    series = data.series(*TOTAL)
    year, total = series[-1] if series else (None, None)

    def share_of(age_from: int, age_to: int | None) -> float | None:
        return _share(data.count(year, age_from, age_to), total) if year else None

    bands = [
        BandCount(a, b, band_label(a, b), data.count(year, a, b) if year else None, share_of(a, b))
        for a, b in STANDARD_BANDS
    ]
    return DistrictProfile(
        district=district,
        year=year,
        total=total,
        bands=bands,
        share_60_plus=share_of(60, None),
        share_80_plus=share_of(80, None),
        projections=_projections(data, target_year),
    )


#: The bands each profile projects, in the order pages list them.
PROJECTED_BANDS: tuple[Band, ...] = (TOTAL, *STANDARD_BANDS, (60, None))


def _projections(data: PopulationData, target_year: int) -> list[Projection]:
    found = (project_band(data, a, b, target_year) for a, b in PROJECTED_BANDS)
    return [projection for projection in found if projection is not None]


#: Profiles by (districts' ids and kinds, target year), without their district objects.
_PROFILE_CACHE = StampedCache()


def _profiles_compute(districts: list[District], year: int) -> dict[int, DistrictProfile]:
    data = population_data(districts, reuse_cities=False)
    return {d.pk: _profile(d, data.get(d.pk, PopulationData()), year) for d in districts}


def district_profiles(
    districts: Iterable[District], target_year: int | None = None
) -> list[DistrictProfile]:
    """Profiles in the order given. ``target_year`` defaults to
    ``settings.PROJECTION_TARGET_YEAR``.

    Computing profiles (tilings, projections) takes long for many districts, so they are
    kept per process and reused while the public data's version is unchanged
    (:func:`rows_stamp`, one query); otherwise two more queries compute them (three if
    a city without rows of its own is among them)."""
    districts = list(districts)
    year = settings.PROJECTION_TARGET_YEAR if target_year is None else target_year
    key = (tuple(sorted((d.pk, d.kind) for d in districts)), year)
    profiles = _PROFILE_CACHE.get(key, rows_stamp(), lambda: _profiles_compute(districts, year))
    return [replace(profiles[d.pk], district=d) for d in districts]


def district_profile(district: District, target_year: int | None = None) -> DistrictProfile:
    return district_profiles([district], target_year)[0]


# --- Series and city overview ---------------------------------------------------------------


@dataclass(frozen=True)
class SeriesPoint:
    year: int
    age_from: int
    age_to: int | None
    label: str
    count: int


def population_series(district: District) -> list[SeriesPoint]:
    """Every stored figure of ``district`` (summed over its children for a city without rows
    of its own), sorted by year and band."""
    data = population_data([district])[district.pk]
    return [
        SeriesPoint(year, band[0], band[1], band_label(*band), count)
        for year, band, count in data.rows()
    ]


@dataclass(frozen=True)
class CityOverview:
    city_profile: DistrictProfile
    rows: list[DistrictProfile]


def city_overview(city: District, target_year: int | None = None) -> CityOverview:
    """The city's profile and one per child district of kind ``district``, sorted by name
    (at most four queries)."""
    children = list(city.children.filter(kind=DistrictKind.DISTRICT).order_by("name"))
    profiles = district_profiles([city, *children], target_year)
    return CityOverview(city_profile=profiles[0], rows=profiles[1:])
