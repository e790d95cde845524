"""Point -> district: which district a place lies in, answered from an in-memory index.

The index (:class:`sozialraum.lib.geo.PolygonIndex` over every district with a boundary)
is built once per process, together with the districts' other fields, and rebuilt when the
districts change. Whether they changed is read from a cheap stamp (number of districts with
a boundary, latest ``updated_at``) with one small query per lookup, so an import or an edit
through ``save()`` takes effect with the next lookup, in every process. Changes that bypass
``save()`` (``QuerySet.update`` without ``updated_at``) are not seen.

Districts come back with ``boundary`` and ``boundary_display`` deferred (loaded on first
access): callers of a lookup rarely need the shape, and those are the large fields.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import connections
from django.db.models import Q, QuerySet
from shapely.geometry import shape

from sozialraum.lib.geo import PolygonIndex

from .models import GEOMETRY, District, DistrictKind

#: How specific a kind is: among several districts containing a point, the most specific
#: one answers; among equally specific ones, the first by code (a point on a border).
SPECIFICITY: dict[str, int] = {
    DistrictKind.QUARTER: 3,
    DistrictKind.BOROUGH: 2,
    DistrictKind.DISTRICT: 1,
    DistrictKind.CITY: 0,
}

#: The fields a found district is loaded with (all but the boundaries).
_FIELDS = [f.attname for f in District._meta.concrete_fields if f.name not in GEOMETRY]

_Stamp = tuple[Any, ...]


@dataclass
class _Indexes:
    """Everything built from one state of the districts table."""

    stamp: _Stamp
    rows: dict[int, tuple[Any, ...]] = field(default_factory=dict)
    by_kind: dict[str | None, PolygonIndex[int]] = field(default_factory=dict)

    def district(self, pk: int) -> District | None:
        """The district ``pk`` as loaded with the index; from the database if it is newer
        than that (then the next lookup's stamp rebuilds the index)."""
        row = self.rows.get(pk)
        if row is None:
            return District.objects.defer(*GEOMETRY).filter(pk=pk).first()
        return District.from_db(District.objects.db, _FIELDS, row)


class _IndexCache:
    """The process's indexes (one for all kinds, one per requested kind), built lazily
    and dropped as a whole when the stamp changes."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._indexes = _Indexes(stamp=())

    def current(self, kind: str | None) -> tuple[_Indexes, PolygonIndex[int]]:
        stamp = _stamp()
        with self._lock:
            if self._indexes.stamp != stamp:
                rows = _with_boundary().values_list(*_FIELDS)
                self._indexes = _Indexes(stamp, {row[0]: tuple(row) for row in rows})
            indexes = self._indexes
            if kind not in indexes.by_kind:
                indexes.by_kind[kind] = _index_build(kind)
            return indexes, indexes.by_kind[kind]

    def clear(self) -> None:
        with self._lock:
            self._indexes = _Indexes(stamp=())


_cache = _IndexCache()


def _with_boundary() -> QuerySet[District]:
    return District.objects.filter(boundary__isnull=False)


def _stamp() -> _Stamp:
    """(count, latest ``updated_at``) of the districts with a boundary.

    Plain SQL on purpose: this runs before every lookup, and composing it through the ORM
    costs ten times the query itself.
    """
    connection = connections[District.objects.db]
    table, updated_at, boundary = (
        connection.ops.quote_name(name)
        for name in (District._meta.db_table, "updated_at", "boundary")
    )
    sql = f"SELECT COUNT(*), MAX({updated_at}) FROM {table} WHERE {boundary} IS NOT NULL"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return tuple(cursor.fetchone() or ())


def _index_build(kind: str | None) -> PolygonIndex[int]:
    """An index of the districts (of ``kind``, or all) ordered most specific first."""
    districts = _with_boundary()
    if kind is not None:
        districts = districts.filter(kind=kind)
    rows = sorted(
        districts.values_list("pk", "kind", "code", "boundary"),
        key=lambda row: (-SPECIFICITY.get(row[1], 0), row[2]),
    )
    return PolygonIndex((pk, boundary) for pk, _kind, _code, boundary in rows if boundary)


def _checked(lat: float, lon: float) -> tuple[float, float]:
    """(lon, lat) in GeoJSON order; ValueError naming the coordinate that is out of range."""
    if not (math.isfinite(lat) and -90 <= lat <= 90):
        raise ValueError(f"Latitude {lat} is outside -90..90 (WGS84 degrees).")
    if not (math.isfinite(lon) and -180 <= lon <= 180):
        raise ValueError(f"Longitude {lon} is outside -180..180 (WGS84 degrees).")
    return (float(lon), float(lat))


def _checked_kind(kind: str | None) -> str | None:
    if kind is not None and kind not in DistrictKind.values:
        raise ValueError(f"Unknown district kind {kind!r}; use one of {DistrictKind.values}.")
    return None if kind is None else str(kind)


def district_at(lat: float, lon: float, *, kind: str | None = None) -> District | None:
    """The most specific district (quarter, then borough, district, city) whose boundary
    covers the point, or the one of ``kind``; None if none does. A point on a border
    between two equally specific districts gets the first by code. Districts without a
    boundary are never found. Raises ValueError for coordinates out of range."""
    lon_lat = _checked(lat, lon)
    indexes, index = _cache.current(_checked_kind(kind))
    pk = index.locate(*lon_lat)
    return None if pk is None else indexes.district(pk)


def district_named(city: str, name: str) -> District | None:
    """The district called ``name`` within the city called ``city`` (up to three levels
    down), for a source that names the district instead of giving coordinates inside a
    boundary; None when the city has no district of exactly that name, or several."""
    within = Q(parent__name=city) | Q(parent__parent__name=city)
    within |= Q(parent__parent__parent__name=city)
    found = list(
        District.objects.filter(within, name=name.strip()).only("pk", "name", "slug", "parent")[:2]
    )
    return found[0] if len(found) == 1 else None


def districts_at_many(
    points: Iterable[tuple[float, float]], *, kind: str | None = None
) -> list[District | None]:
    """:func:`district_at` for many ``(lat, lon)`` points, in their order (one district
    object per distinct district found)."""
    lon_lats = [_checked(lat, lon) for lat, lon in points]
    indexes, index = _cache.current(_checked_kind(kind))
    pks = index.locate_many(lon_lats)
    found = {pk: indexes.district(pk) for pk in set(pks) if pk is not None}
    return [None if pk is None else found[pk] for pk in pks]


def lookup_cache_clear() -> None:
    """Forgets this process's indexes (the stamp makes this unnecessary in normal use)."""
    _cache.clear()


def point_inside(district: District) -> tuple[float | None, float | None]:
    """A point inside the district's boundary (latitude, longitude, 6 decimals), for a
    record that needs a position in it; (None, None) for a district without boundary."""
    if not district.boundary:
        return None, None
    point = shape(district.boundary).representative_point()
    return round(point.y, 6), round(point.x, 6)
