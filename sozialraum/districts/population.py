"""Population figures of one district as stored: counts by year and age band, and bands
combined from them.

Sources publish overlapping age bands ``[age_from, age_to)`` (``age_to`` None = "and older"):
Flensburg 0-18, 0-7, 60+ and 65-80 side by side, Kiel twenty fine bands. Rows are stored as
published. :class:`PopulationData` answers a question for any band: the stored band if there
is one, otherwise the sum of stored, non-overlapping bands that exactly tile it, found by a
depth-first search (widest band first, so the coarsest tiling wins, e.g. Kiel's 60+ = 60-64
+ 65-69 + 70-74 + 75-79 + 80+). No tiling means no figure (None); nothing is ever
interpolated inside a band.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

#: A band ``(age_from, age_to)``; ``age_to`` None means "and older".
Band = tuple[int, int | None]

#: Bands every profile shows; both cities' sources can be combined into them.
STANDARD_BANDS: tuple[Band, ...] = ((0, 18), (18, 30), (30, 45), (45, 65), (65, 80), (80, None))

TOTAL: Band = (0, None)


def _upper(age_to: int | None) -> float:
    return math.inf if age_to is None else age_to


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
            for band in sorted({b for part in present for b in part.by_year[year]}, key=band_order):
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
            for band in sorted(self.by_year[year], key=band_order):
                yield year, band, self.by_year[year][band]


def band_order(band: Band) -> tuple[int, float]:
    """Sort key of bands: by start, then by end (the open end last)."""
    return band[0], _upper(band[1])
