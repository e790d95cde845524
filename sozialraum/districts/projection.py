"""A cohort-component projection of a district's population by age, year by year.

Base
    The latest year of the district's figures (``base_year``); its stored bands must tile the
    whole population (0+) ending in an "and older" band that starts between
    :data:`MIN_OPEN_AGE` and the life table's last age but one. The finest such tiling is
    used (Kiel: twenty bands to 80+; Flensburg 2021: 0-17 ... 65-79, 80+). Earlier years
    are never extrapolated: a break in the series (below) therefore never reaches into a
    projection, which always starts after it.

Single years
    Each closed band is spread evenly over its single years of age (a band of 5 years and
    100 residents: 20 at each age). The "and older" band w+ is spread over its ages as in
    the life table's stationary population (age x gets L(x)/T(w) of it) up to
    :data:`OPEN_AGE`, whose share T(OPEN_AGE)/T(w) stays one open group; an "and older"
    band from a later age stays one group as published. So Flensburg's 65+ (where a
    district lacks 65-79 and 80+) still gives 80+.

One year forward
    * Survival: the residents of age x reach age x+1 with L(x+1)/L(x) of the life table
      (:mod:`.lifetable`, both sexes combined); those of the open group a+ and those aged a-1
      make the new open group with T(a+1)/T(a) and L(a)/L(a-1).
    * Births: :attr:`Assumptions.tfr` children per woman spread evenly over the ages 15-49
      (TFR/35 a year), times the women among the residents aged 15-49 at the start of the
      year (their share in the life table's stationary population, about 49 %); the births
      alive at the year's end (L(0)/l(0)) are the new age 0.
    * Migration: :attr:`Assumptions.net_migration_rate` net migrants per 1,000 residents a
      year, with the residents' own age structure: every age grows (or shrinks) by that
      rate. Default 0: a projection without migration.

Result
    The single years are summed into the bands asked for and rounded; a band that starts
    inside the open group (from :data:`OPEN_AGE` on) cannot be given.

Breaks (:func:`series_breaks`)
    A standard band's change from one year to the next is a break when it moves by more
    than :data:`BREAK_THRESHOLD` (a fifth) and by at least :data:`BREAK_MIN_RESIDENTS`
    residents, and its neighbouring standard bands together moved by more than
    :data:`BREAK_THRESHOLD` less (ageing moves people between neighbours; a change they do
    not share is a change of counting, e.g. a register cleanup). Kiel's 80+ fell by 26 %
    from 2018 to 2019 while 65-79 fell by 1 %.

Implausible results (:attr:`CohortProjection.flags`)
    Ten years after the base year (:data:`FLAG_HORIZON`), a standard band that had at least
    :data:`FLAG_MIN_RESIDENTS` residents has more than doubled or fallen below half, or the
    projected total is zero or less (at that year or the target year). A district of
    ordinary age structure without migration changes far less in ten years; such a result
    says the assumptions do not fit the district (e.g. a student quarter that lives on
    moving in and out), not that it will happen.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from sozialraum.lib.templatetags.sozialraum import number

from .lifetable import LIFE_TABLE_NAME, OLDEST_AGE, LifeTable, life_table
from .models import band_label
from .population import STANDARD_BANDS, TOTAL, Band, PopulationData

COHORT_COMPONENT = "cohort_component"

#: Total fertility rate in Germany in 2024 (Destatis, press release of July 2025: 1.35
#: children per woman).
DEFAULT_TFR = 1.35
MIN_TFR, MAX_TFR = 0.0, 4.0

#: Net migrants per 1,000 residents a year; 0 = no migration.
DEFAULT_NET_MIGRATION_RATE = 0.0
MIN_NET_MIGRATION_RATE, MAX_NET_MIGRATION_RATE = -50.0, 50.0

#: Ages of mothers: [15, 50).
FERTILE_AGES = (15, 50)

#: The open "and older" group must start at or above this age, so every mother is a
#: single year of age.
MIN_OPEN_AGE = FERTILE_AGES[1]

#: The open group of the calculation: ages from here on are one group (see "Single years").
OPEN_AGE = 90

#: Farthest target year after the base year.
MAX_HORIZON = 60

BREAK_THRESHOLD = 0.2
BREAK_MIN_RESIDENTS = 50

FLAG_HORIZON = 10
FLAG_MIN_RESIDENTS = 100

#: The bands every projection gives, in the order pages list them.
PROJECTED_BANDS: tuple[Band, ...] = (TOTAL, *STANDARD_BANDS, (60, None))

PROJECTION_METHOD: Promise = _(
    "The projection moves the residents of the latest year forward year by year "
    "(cohort-component method): each age group grows one year older, and as many survive as "
    "the life table of Germany says; children are born according to the birth rate, and "
    "people move in or out according to the migration rate. Age bands are spread evenly "
    "over their single years. The projection starts from the latest year, never from a "
    "trend across earlier years, so a break in the series does not carry into it. It is a "
    "calculation under the stated assumptions, not a forecast."
)


@dataclass(frozen=True)
class Assumptions:
    """What the projection assumes beyond the base population (see the module docstring)."""

    tfr: float = DEFAULT_TFR
    net_migration_rate: float = DEFAULT_NET_MIGRATION_RATE


@dataclass(frozen=True)
class Projection:
    """One band's residents in ``base_year`` and projected to ``target_year``."""

    age_from: int
    age_to: int | None
    label: str
    target_year: int
    value: int
    base_year: int
    base_value: int
    method: str = COHORT_COMPONENT


@dataclass(frozen=True)
class SeriesBreak:
    """A band's change from ``year - 1`` to ``year`` that its neighbours do not share."""

    age_from: int
    age_to: int | None
    label: str
    year: int
    before: int
    after: int

    @property
    def change(self) -> float:
        """The change as a fraction of ``before`` (-0.25: fell by a quarter)."""
        return self.after / self.before - 1


@dataclass(frozen=True)
class Flag:
    """Why a projection is implausible: ``band`` (a label) went from ``base_value`` to
    ``value`` by ``year``; ``kind`` is ``doubles``, ``halves`` or ``empty`` (total)."""

    kind: str
    band: str
    year: int
    base_value: int
    value: int

    @property
    def reason(self) -> str:
        texts = {
            "doubles": _("%(band)s more than doubles by %(year)s (%(before)s → %(after)s)."),
            "halves": _("%(band)s falls below half by %(year)s (%(before)s → %(after)s)."),
            "empty": _("No residents are left by %(year)s."),
        }
        before, after = number(self.base_value), number(self.value)
        values = {"band": self.band, "year": self.year, "before": before, "after": after}
        return str(texts[self.kind]) % values


@dataclass(frozen=True)
class CohortProjection:
    """A district's projection: the bands in ``target_year``, what it rests on, the breaks
    found in the series and the reasons it is implausible (none: plausible)."""

    base_year: int
    target_year: int
    assumptions: Assumptions
    base_bands: tuple[str, ...]
    bands: tuple[Projection, ...]
    breaks: tuple[SeriesBreak, ...]
    flags: tuple[Flag, ...]
    life_table: str = LIFE_TABLE_NAME
    method: str = COHORT_COMPONENT

    @property
    def implausible(self) -> bool:
        return bool(self.flags)

    def band(self, age_from: int, age_to: int | None) -> Projection | None:
        return next((p for p in self.bands if (p.age_from, p.age_to) == (age_from, age_to)), None)


# --- Base population ------------------------------------------------------------------------


def finest_tiling(bands: dict[Band, int]) -> list[Band] | None:
    """The stored bands that tile 0+ with the most bands, ending in an open band that starts
    between :data:`MIN_OPEN_AGE` and the life table's last age but one; None if none does."""
    ends: dict[int, list[int | None]] = {}
    for start, end in bands:
        ends.setdefault(start, []).append(end)
    best: dict[int, list[Band] | None] = {}

    def search(start: int) -> list[Band] | None:
        if start not in best:
            options: list[list[Band] | None] = []
            for end in ends.get(start, []):
                if end is None:
                    fits = MIN_OPEN_AGE <= start < OLDEST_AGE
                    options.append([(start, end)] if fits else None)
                else:
                    rest = search(end)
                    options.append([(start, end), *rest] if rest is not None else None)
            found = [option for option in options if option is not None]
            best[start] = max(found, key=len) if found else None
        return best[start]

    return search(0)


@dataclass
class _Ages:
    """Residents by single year of age below ``len(single)``, and the open group above."""

    single: list[float]
    open: float

    def total(self, age_from: int, age_to: int | None) -> float | None:
        """Residents in ``[age_from, age_to)``, None if the band starts in the open group or
        ends inside it."""
        limit = len(self.single)
        if age_to is None:
            return sum(self.single[age_from:]) + self.open if age_from <= limit else None
        return sum(self.single[age_from:age_to]) if age_to <= limit else None


def spread(bands: dict[Band, int], tiling: list[Band], table: LifeTable) -> _Ages:
    """The tiling's counts spread over single years: evenly in each closed band, and the
    open band by the life table up to :data:`OPEN_AGE` (see the module docstring)."""
    single: list[float] = []
    for start, end in tiling[:-1]:
        assert end is not None
        single.extend([bands[(start, end)] / (end - start)] * (end - start))
    start, count = tiling[-1][0], float(bands[tiling[-1]])
    if start >= OPEN_AGE:
        return _Ages(single, count)
    single.extend(count * table.L[age] / table.T[start] for age in range(start, OPEN_AGE))
    return _Ages(single, count * table.T[OPEN_AGE] / table.T[start])


# --- One year forward -----------------------------------------------------------------------


def step(ages: _Ages, table: LifeTable, assumptions: Assumptions) -> _Ages:
    """The residents a year later (see the module docstring)."""
    w = len(ages.single)
    mothers = sum(ages.single[FERTILE_AGES[0] : FERTILE_AGES[1]]) * table.share_of_women(
        *FERTILE_AGES
    )
    births = mothers * assumptions.tfr / (FERTILE_AGES[1] - FERTILE_AGES[0])
    single = [births * table.birth_survival()]
    single.extend(ages.single[x] * table.survival(x) for x in range(w - 1))
    open_group = ages.single[w - 1] * table.survival(w - 1) + ages.open * table.open_survival(w)
    growth = 1 + assumptions.net_migration_rate / 1000
    return _Ages([count * growth for count in single], open_group * growth)


# --- Breaks ---------------------------------------------------------------------------------


def series_breaks(data: PopulationData) -> list[SeriesBreak]:
    """Every break in the standard bands' series, oldest first (see the module docstring)."""
    found = []
    for year in data.years:
        if year - 1 not in data.by_year:
            continue
        for index, band in enumerate(STANDARD_BANDS):
            below, above = STANDARD_BANDS[max(index - 1, 0) : index], STANDARD_BANDS[index + 1 :]
            found_break = _break(data, band, below + above[:1], year)
            if found_break is not None:
                found.append(found_break)
    return found


def _pair(data: PopulationData, band: Band, year: int) -> tuple[int, int] | None:
    before, after = data.count(year - 1, *band), data.count(year, *band)
    return (before, after) if before is not None and after is not None else None


def _break(
    data: PopulationData, band: Band, neighbours: tuple[Band, ...], year: int
) -> SeriesBreak | None:
    pair = _pair(data, band, year)
    if pair is None or not pair[0] or abs(pair[1] - pair[0]) < BREAK_MIN_RESIDENTS:
        return None
    change = pair[1] / pair[0] - 1
    if abs(change) <= BREAK_THRESHOLD:
        return None
    pairs = [p for p in (_pair(data, n, year) for n in neighbours) if p is not None]
    before = sum(p[0] for p in pairs)
    if before and abs(change - (sum(p[1] for p in pairs) / before - 1)) <= BREAK_THRESHOLD:
        return None
    return SeriesBreak(band[0], band[1], band_label(*band), year, pair[0], pair[1])


# --- The projection -------------------------------------------------------------------------


def cohort_projection(
    data: PopulationData, target_year: int, assumptions: Assumptions | None = None
) -> CohortProjection | None:
    """The district's projection to ``target_year``, or None if its latest year has no
    tiling (see the module docstring). Raises ValueError if ``target_year`` is before the
    base year or more than :data:`MAX_HORIZON` years after it."""
    assumptions = assumptions or Assumptions()
    base_year = data.latest_year
    if base_year is None:
        return None
    bands = data.by_year[base_year]
    tiling = finest_tiling(bands)
    if tiling is None:
        return None
    if not base_year <= target_year <= base_year + MAX_HORIZON:
        raise ValueError(f"target year must lie between {base_year} and {base_year + MAX_HORIZON}")
    table = life_table()
    base = spread(bands, tiling, table)
    at_target, at_horizon = base, base
    ages = base
    for year in range(base_year + 1, max(target_year, base_year + FLAG_HORIZON) + 1):
        ages = step(ages, table, assumptions)
        at_target = ages if year == target_year else at_target
        at_horizon = ages if year == base_year + FLAG_HORIZON else at_horizon
    return CohortProjection(
        base_year=base_year,
        target_year=target_year,
        assumptions=assumptions,
        base_bands=tuple(band_label(*band) for band in tiling),
        bands=tuple(_bands(data, base_year, base, at_target, target_year)),
        breaks=tuple(series_breaks(data)),
        flags=tuple(_flags(base, at_horizon, base_year + FLAG_HORIZON, at_target, target_year)),
    )


def _round(value: float) -> int:
    return max(0, math.floor(value + 0.5))


def _bands(
    data: PopulationData, base_year: int, base: _Ages, ages: _Ages, target_year: int
) -> list[Projection]:
    """The projected bands that can be given; the base value as published where the stored
    bands tile it, otherwise as spread."""
    found = []
    for band in PROJECTED_BANDS:
        value, spread_base = ages.total(*band), base.total(*band)
        if value is None or spread_base is None:
            continue
        published = data.count(base_year, *band)
        base_value = published if published is not None else _round(spread_base)
        label = band_label(*band)
        found.append(
            Projection(band[0], band[1], label, target_year, _round(value), base_year, base_value)
        )
    return found


def _flags(
    base: _Ages, horizon: _Ages, horizon_year: int, target: _Ages, target_year: int
) -> list[Flag]:
    flags = []
    for year, ages in ((horizon_year, horizon), (target_year, target)):
        total = ages.total(*TOTAL)
        if total is not None and total < 0.5:
            return [Flag("empty", band_label(*TOTAL), year, _round(base.total(*TOTAL) or 0), 0)]
    for band in STANDARD_BANDS:
        before, after = base.total(*band), horizon.total(*band)
        if before is None or after is None or before < FLAG_MIN_RESIDENTS:
            continue
        kind = "doubles" if after > 2 * before else "halves" if after < before / 2 else None
        if kind:
            flags.append(Flag(kind, band_label(*band), horizon_year, _round(before), _round(after)))
    return flags
