"""Reads of network maps: a person's map and versions, a version as plain data for the
metrics, the drawing and the comparison, and a whole map as an easyNWK record.

Callers have read the person through ``person_for_user(..., purpose=Purpose.NETWORK_MAP)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import fields as dataclass_fields

from django.db.models import Count
from django.shortcuts import get_object_or_404

from sozialraum.casework.models import Person

from .easynwk import NwkAlter, NwkConnection, NwkEgo, NwkRecord, NwkVersion
from .models import Contact, MapVersion, NetworkMap, Tie
from .snapshot import MapContact, MapSnapshot, MapTie


def network_map_of(person: Person) -> NetworkMap | None:
    return NetworkMap.objects.filter(person=person).first()


def versions_of(network_map: NetworkMap) -> list[MapVersion]:
    """The map's versions, oldest first, each with ``contact_count``."""
    return list(network_map.versions.annotate(contact_count=Count("contacts")).order_by("number"))


def version_of(person: Person, number: int) -> MapVersion:
    """Version ``number`` of the person's map, or 404."""
    return get_object_or_404(
        MapVersion.objects.select_related("network_map"), network_map__person=person, number=number
    )


@dataclass(frozen=True)
class VersionDetail:
    """A version's contacts (table order: sector, ring, name), its ties with both
    contacts loaded, and the same as plain data."""

    contacts: list[Contact]
    ties: list[Tie]
    snapshot: MapSnapshot


def version_detail(version: MapVersion) -> VersionDetail:
    """Everything one version shows, in two queries."""
    contacts = list(version.contacts.all())
    ties = list(version.ties.select_related("first", "second"))
    snapshot = MapSnapshot(
        contacts=tuple(contact.snapshot() for contact in contacts),
        ties=tuple(MapTie.between(tie.first.key, tie.second.key) for tie in ties),
    )
    return VersionDetail(contacts=contacts, ties=ties, snapshot=snapshot)


def version_snapshot(version: MapVersion) -> MapSnapshot:
    """The version as plain data (as :func:`version_detail` gives it, the ties in the
    order they were stored), read as rows: no model per contact, and of each tie only its
    contacts' keys (two queries). The contacts' order is the model's without its first
    key, the version, which is the same for all (ordering by it joined the versions)."""
    fields = [field.name for field in dataclass_fields(MapContact)]
    order = [name for name in Contact._meta.ordering or () if name != "version"]
    rows = version.contacts.order_by(*order).values(*fields)
    contacts = tuple(MapContact(**row) for row in rows)
    ties = version.ties.order_by("pk").values_list("first__key", "second__key")
    return MapSnapshot(
        contacts=contacts, ties=tuple(MapTie.between(first, second) for first, second in ties)
    )


def network_map_record(network_map: NetworkMap) -> NwkRecord:
    """The map as an easyNWK record: every version in order, the person as ego."""
    versions = network_map.versions.prefetch_related("contacts").order_by("number")
    ties_by_version: dict[int, list[NwkConnection]] = {}
    ties = Tie.objects.filter(version__network_map=network_map)
    for version_id, first, second in ties.values_list("version_id", "first__key", "second__key"):
        low, high = sorted((first, second))
        ties_by_version.setdefault(version_id, []).append(NwkConnection(id1=low, id2=high))
    ego = NwkEgo(name=network_map.person.name)
    exported = tuple(
        _version_record(version, ties_by_version.get(version.pk, []), ego) for version in versions
    )
    return NwkRecord(versions=exported, current_version=exported[-1].id if exported else 1)


def _version_record(version: MapVersion, ties: list[NwkConnection], ego: NwkEgo) -> NwkVersion:
    alteri = tuple(
        NwkAlter(
            id=contact.key,
            name=contact.name,
            angle=contact.angle,
            distance=contact.distance,
            role=contact.role,
            human=contact.human,
            deceased=contact.deceased,
            note=contact.note,
            edge_type=contact.bond,
        )
        for contact in sorted(version.contacts.all(), key=lambda contact: contact.key)
    )
    return NwkVersion(
        id=version.number,
        title=version.title,
        date=version.date,
        alteri=alteri,
        connections=tuple(sorted(ties, key=lambda c: (c.id1, c.id2))),
        ego=ego,
    )
