"""Geometry helpers on WGS84 longitude/latitude, independent of any app.

GeoJSON order is (longitude, latitude) and every function taking a GeoJSON geometry or a
shapely shape uses it; the functions taking plain numbers say which order they want.
Distances and areas are computed on a sphere fitted to the WGS84 ellipsoid where needed, so
no projection library (pyproj, GDAL) is required.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Generic, TypeVar

import numpy as np
import shapely
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

K = TypeVar("K")

#: Mean Earth radius (IUGG), used for great-circle distances.
EARTH_RADIUS_M = 6_371_008.8
_WGS84_A = 6_378_137.0
_WGS84_E2 = 6.69437999014e-3
_POLYGONAL = ("Polygon", "MultiPolygon")


#: Decimals a coordinate is shown with: five are about one metre, as precise as a place
#: (and a person's home) is ever entered; more digits are noise from geocoders and maps.
DISPLAY_DECIMALS = 5


def coordinate_round(value: float) -> float:
    """A latitude or longitude rounded for display (see ``DISPLAY_DECIMALS``)."""
    return round(float(value), DISPLAY_DECIMALS)


def haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres between two points given as (latitude, longitude).

    On the mean-radius sphere the error against the WGS84 ellipsoid stays below 0.5 %.
    """
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    half_dphi = (phi2 - phi1) / 2
    half_dlambda = math.radians(lon2 - lon1) / 2
    h = math.sin(half_dphi) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(half_dlambda) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(h)))


def shape_from_geojson(geometry: Mapping[str, Any]) -> BaseGeometry:
    """A shapely shape from a GeoJSON geometry dict."""
    return shape(geometry)


def geojson_from_shape(geometry: BaseGeometry) -> dict[str, Any]:
    """A GeoJSON geometry dict with plain lists (as a JSON round trip would give)."""
    return dict(json.loads(shapely.to_geojson(geometry)))


def polygonal(geometry: BaseGeometry) -> tuple[BaseGeometry, bool]:
    """``geometry`` made valid (``shapely.make_valid``) with only its polygonal parts kept,
    and whether a repair was needed. Raises ValueError for a geometry with no area.
    """
    repaired = not geometry.is_valid
    if repaired:
        parts = shapely.get_parts(shapely.make_valid(geometry))
        geometry = shapely.union_all([part for part in parts if part.geom_type in _POLYGONAL])
    if geometry.geom_type not in _POLYGONAL or geometry.is_empty:
        raise ValueError(f"a {geometry.geom_type} has no area")
    return geometry, repaired


def local_radius_m(lat: float) -> float:
    """The Gaussian radius of curvature sqrt(M·N) of the WGS84 ellipsoid at ``lat``: the
    sphere that matches the ellipsoid's area scale there."""
    w = 1 - _WGS84_E2 * math.sin(math.radians(lat)) ** 2
    meridional = _WGS84_A * (1 - _WGS84_E2) / w**1.5
    prime_vertical = _WGS84_A / math.sqrt(w)
    return math.sqrt(meridional * prime_vertical)


def area_km2(geometry: BaseGeometry) -> float:
    """Area in km² of a polygon given in longitude/latitude.

    Projects with the sinusoidal projection (x = R·Δλ·cos φ, y = R·φ), which is equal-area
    on a sphere, using the sphere fitted to the ellipsoid at the centroid's latitude
    (:func:`local_radius_m`). For a city-sized area the result is within 0.01 % of the
    ellipsoidal area; across a whole country the error grows to a few tenths of a per cent.
    """
    centre = geometry.centroid
    radius = local_radius_m(centre.y)
    lon0 = centre.x

    def project(coords: np.ndarray) -> np.ndarray:
        lam = np.radians(coords[:, 0] - lon0)
        phi = np.radians(coords[:, 1])
        return np.column_stack((radius * lam * np.cos(phi), radius * phi))

    return float(shapely.transform(geometry, project).area) / 1e6


class PolygonIndex(Generic[K]):
    """Finds which of many polygons cover a point, testing only plausible candidates.

    Built from ``(key, GeoJSON geometry)`` pairs; the order of the pairs is the index order,
    and every answer lists keys in that order, so callers rank polygons by ordering them
    (e.g. the most specific first). A bounding-box tree (shapely's STRtree) picks the
    candidates, and prepared polygons answer ``covers`` for them. ``covers`` includes the
    boundary, so a point on a border shared by two polygons is in both and a point-to-one
    answer (:meth:`locate`) is the first of them in index order: deterministic.

    Precondition: the geometries are valid polygons or multipolygons (see :func:`polygonal`).
    """

    def __init__(self, items: Iterable[tuple[K, Mapping[str, Any]]]) -> None:
        keys: list[K] = []
        shapes: list[BaseGeometry] = []
        for key, geometry in items:
            polygon = shape_from_geojson(geometry)
            if polygon.geom_type not in _POLYGONAL:
                raise ValueError(f"{key!r}: a {polygon.geom_type} is not a polygon")
            keys.append(key)
            shapes.append(polygon)
        self._keys = keys
        self._polygons = np.array(shapes, dtype=object)
        shapely.prepare(self._polygons)
        self._tree = shapely.STRtree(self._polygons)

    def __len__(self) -> int:
        return len(self._keys)

    def _candidates(self, point: BaseGeometry) -> list[int]:
        """Polygons whose bounding box holds the point, in index order."""
        return sorted(self._tree.query(point).tolist())

    def containing(self, lon: float, lat: float) -> list[K]:
        """Keys of all polygons covering the point (boundary included), in index order."""
        point = shapely.Point(lon, lat)
        return [self._keys[i] for i in self._candidates(point) if self._covers(i, point)]

    def locate(self, lon: float, lat: float) -> K | None:
        """The first key (in index order) whose polygon covers the point, else None."""
        point = shapely.Point(lon, lat)
        for i in self._candidates(point):
            if self._covers(i, point):
                return self._keys[i]
        return None

    def _covers(self, i: int, point: BaseGeometry) -> bool:
        # The method's scalar path uses the prepared polygon too, with less overhead than
        # the vectorised shapely.covers() on one pair.
        return bool(self._polygons[i].covers(point))

    def locate_many(self, points: Sequence[tuple[float, float]]) -> list[K | None]:
        """:meth:`locate` for many ``(lon, lat)`` points at once (vectorised)."""
        if not points:
            return []
        geoms = shapely.points(np.asarray(points, dtype=float).reshape(-1, 2))
        point_idx, polygon_idx = self._tree.query(geoms)
        covered = shapely.covers(self._polygons[polygon_idx], geoms[point_idx])
        missing = len(self._keys)
        first = np.full(len(geoms), missing)
        np.minimum.at(first, point_idx[covered], polygon_idx[covered])
        return [None if i == missing else self._keys[i] for i in first.tolist()]
