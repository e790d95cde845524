"""Population figures of districts: counts by age band, shares and projections.

Bands
    Stored as published and combined by :class:`~.population.PopulationData` (see there).

Cities
    A city usually has no rows of its own. Its figures are then the sum over its child
    districts of kind ``district``: in each year, a band is summed over the children that have
    data in that year, and only if every one of them has the band (stored or tiled). Cities
    that do have rows keep them.

Shares
    Fractions 0..1 of the total (band 0+) in the same year: the latest year that has a total.

Projections
    A cohort-component projection from the latest year (:mod:`.projection`), with the
    default assumptions; pages and the API may ask for other assumptions.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from typing import Any, TypeVar, cast

from django.conf import settings
from django.db.models import QuerySet

from sozialraum.lib.dataversion import data_version

from .models import District, DistrictKind, PopulationCount, band_label
from .population import STANDARD_BANDS, TOTAL, Band, PopulationData
from .projection import Assumptions, CohortProjection, Projection, cohort_projection

__all__ = ["STANDARD_BANDS", "TOTAL", "Band", "PopulationData"]

T = TypeVar("T")

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
    the shares of residents aged 60+ and 80+, and the projection to the target year with the
    default assumptions (None where the figures allow none, see :mod:`.projection`)."""

    district: District
    year: int | None
    total: int | None
    bands: list[BandCount]
    share_60_plus: float | None
    share_80_plus: float | None
    projection: CohortProjection | None

    @property
    def has_population(self) -> bool:
        return self.total is not None

    @property
    def projections(self) -> tuple[Projection, ...]:
        """Every projected band (total, standard bands, 60+ where they can be given)."""
        return self.projection.bands if self.projection else ()

    @property
    def projection_80_plus(self) -> Projection | None:
        return self.projection.band(80, None) if self.projection else None

    @property
    def projection_total(self) -> Projection | None:
        return self.projection.band(*TOTAL) if self.projection else None


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
        projection=projection_or_none(data, target_year),
    )


def projection_or_none(
    data: PopulationData, target_year: int, assumptions: Assumptions | None = None
) -> CohortProjection | None:
    """The projection, or None where there is none or ``target_year`` is out of its range."""
    try:
        return cohort_projection(data, target_year, assumptions)
    except ValueError:
        return None


def district_projection(
    district: District, target_year: int, assumptions: Assumptions
) -> CohortProjection | None:
    """One district's projection under ``assumptions`` (not kept: computed on each call)."""
    return projection_or_none(population_data([district])[district.pk], target_year, assumptions)


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
