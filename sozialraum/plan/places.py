"""Whether a place of the subjective map lies in the person's city: inside a district of
the city when the city has boundaries, else within :data:`NEAR_M` of the person's home."""

from __future__ import annotations

from django.db.models import Q

from sozialraum.casework.models import Person
from sozialraum.districts.lookup import district_at
from sozialraum.districts.models import District
from sozialraum.lib.geo import haversine_m

#: How far from home a place may lie in a city without boundaries.
NEAR_M = 30_000


def _city(district: District) -> District:
    while district.parent_id is not None:
        district = District.objects.only("pk", "name", "parent").get(pk=district.parent_id)
    return district


def _has_boundaries(city: District) -> bool:
    tree = Q(pk=city.pk) | Q(parent=city) | Q(parent__parent=city) | Q(parent__parent__parent=city)
    return District.objects.filter(tree, boundary__isnull=False).exists()


def city_outside(person: Person, latitude: float, longitude: float) -> str | None:
    """The name of the person's city when the point lies outside it; None when inside or
    when the person's city is not known."""
    if person.district is None:
        return None
    city = _city(person.district)
    if _has_boundaries(city):
        found = district_at(latitude, longitude)
        return None if found is not None and _city(found).pk == city.pk else city.name
    if person.latitude is None or person.longitude is None:
        return None
    far = haversine_m(person.latitude, person.longitude, latitude, longitude) > NEAR_M
    return city.name if far else None
