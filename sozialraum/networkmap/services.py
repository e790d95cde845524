"""Writes to network maps: create a map, versions (a copy of the latest), contacts placed
in their sector and ring, ties, and easyNWK import.

Every function expects the person to have been read through ``person_for_user(...,
purpose=Purpose.NETWORK_MAP, write=True)`` by its caller; multi-row writes run in one
transaction.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from sozialraum.audit.models import AccessAction
from sozialraum.audit.purposes import Purpose
from sozialraum.audit.services import access_log_write
from sozialraum.casework.models import Person

from .choices import MAX_CONTACTS, MAX_TIES
from .easynwk import NwkAlter, NwkVersion, parse_easynwk, write_easynwk
from .geometry import fits, free_position, ring_at, sector_at
from .models import Contact, MapVersion, NetworkMap, Tie
from .selectors import network_map_record


def network_map_create(*, person: Person, user: Any, title: str = "") -> NetworkMap:
    """The person's map with an empty first version (the map if it exists already)."""
    with transaction.atomic():
        network_map, created = NetworkMap.objects.get_or_create(
            person=person, defaults={"created_by": _user(user)}
        )
        if created:
            MapVersion.objects.create(
                network_map=network_map, number=1, title=title, created_by=_user(user)
            )
    return network_map


def map_version_create(
    *, network_map: NetworkMap, user: Any, title: str = "", date: dt.date | None = None
) -> MapVersion:
    """A new latest version, a copy of the previous latest one's contacts (same keys) and
    ties. Locks the map row so two workers do not take the same number."""
    with transaction.atomic():
        NetworkMap.objects.select_for_update().get(pk=network_map.pk)
        latest = network_map.versions.order_by("-number").first()
        version = MapVersion.objects.create(
            network_map=network_map,
            number=(latest.number + 1) if latest else 1,
            title=title,
            date=date or timezone.localdate(),
            created_by=_user(user),
        )
        if latest is not None:
            _copy_contents(latest, version)
    return version


def _copy_contents(source: MapVersion, target: MapVersion) -> None:
    old_contacts = list(source.contacts.all())
    copies = Contact.objects.bulk_create(
        [_copy(contact, version=target) for contact in old_contacts]
    )
    new_by_old = {old.pk: new for old, new in zip(old_contacts, copies, strict=True)}
    Tie.objects.bulk_create(
        [
            _tie(target, new_by_old[tie.first_id], new_by_old[tie.second_id])
            for tie in source.ties.all()
        ]
    )


def _copy(contact: Contact, *, version: MapVersion) -> Contact:
    fields = {
        f.name: getattr(contact, f.name)
        for f in Contact._meta.concrete_fields
        if f.name not in {"id", "version"}
    }
    return Contact(version=version, **fields)


def _tie(version: MapVersion, one: Contact, other: Contact) -> Tie:
    first, second = sorted((one, other), key=lambda contact: contact.pk)
    return Tie(version=version, first=first, second=second)


def contact_create(*, version: MapVersion, **fields: Any) -> Contact:
    """A new contact in ``version`` with a key new to the whole map, placed in its sector
    and ring away from the contacts already there. ``fields`` are Contact fields (name,
    role, sector, ring, human, deceased, bond, note)."""
    with transaction.atomic():
        NetworkMap.objects.select_for_update().get(pk=version.network_map_id)
        if Contact.objects.filter(version=version).count() >= MAX_CONTACTS:
            raise ValidationError(
                _("This version already holds %(limit)d contacts, the most a version can hold.")
                % {"limit": MAX_CONTACTS}
            )
        used = Contact.objects.filter(version__network_map_id=version.network_map_id)
        key = (used.aggregate(top=Max("key"))["top"] or 0) + 1
        contact = Contact(version=version, key=key, **fields)
        contact.angle, contact.distance = _free_spot(contact)
        contact.full_clean()
        contact.save()
    return contact


def contact_update(*, contact: Contact, **fields: Any) -> Contact:
    """Changes ``contact``; if it moves to another sector or ring, it gets a free spot
    there, else it keeps its place in the picture."""
    for name, value in fields.items():
        setattr(contact, name, value)
    if not fits(contact.angle, contact.distance, contact.sector, contact.ring):
        contact.angle, contact.distance = _free_spot(contact)
    contact.full_clean()
    contact.save()
    return contact


def _free_spot(contact: Contact) -> tuple[float, float]:
    neighbours = Contact.objects.filter(version_id=contact.version_id, sector=contact.sector)
    neighbours = neighbours.exclude(pk=contact.pk)
    return free_position(contact.sector, contact.ring, neighbours.values_list("angle", flat=True))


def contact_delete(*, contact: Contact) -> None:
    """Removes the contact and its ties from its version (other versions keep theirs)."""
    contact.delete()


def tie_create(*, version: MapVersion, one: Contact, other: Contact) -> Tie:
    """Ties two contacts of ``version``; an existing tie is returned unchanged."""
    if one.pk == other.pk:
        raise ValidationError(_("A contact cannot be tied to itself."))
    tie = _tie(version, one, other)
    tie.full_clean(exclude=["first", "second"], validate_unique=False)
    with transaction.atomic():
        NetworkMap.objects.select_for_update().get(pk=version.network_map_id)
        existing = Tie.objects.filter(first=tie.first, second=tie.second).first()
        if existing is not None:
            return existing
        if Tie.objects.filter(version=version).count() >= MAX_TIES:
            raise ValidationError(
                _("This version already holds %(limit)d ties, the most a version can hold.")
                % {"limit": MAX_TIES}
            )
        tie.save()
    return tie


def tie_delete(*, tie: Tie) -> None:
    tie.delete()


# --- easyNWK -------------------------------------------------------------------------------


def network_map_import(*, person: Person, data: bytes, file: str, user: Any) -> list[MapVersion]:
    """Adds every version of an easyNWK file to the person's map (made if missing), after
    the versions it has. All or nothing: a file with any problem raises ``DataImportError``
    listing them, and nothing is written. Contact keys are the file's alter ids, shifted
    past the keys the map already uses. Gender and age of contacts and the file's ego are
    not kept (the person is the ego; the platform records no more than it needs)."""
    record = parse_easynwk(data, file=file)
    with transaction.atomic():
        network_map = network_map_create(person=person, user=user)
        map_row = NetworkMap.objects.select_for_update().get(pk=network_map.pk)
        offset, number = _continuation(map_row)
        return [
            _version_import(map_row, version, number=number + index, offset=offset, user=user)
            for index, version in enumerate(record.versions, start=1)
        ]


def _continuation(network_map: NetworkMap) -> tuple[int, int]:
    """The key offset and the last version number: an untouched empty first version (as
    made with the map) is replaced by the file's versions."""
    versions = list(network_map.versions.order_by("number"))
    if len(versions) == 1 and not versions[0].contacts.exists():
        versions[0].delete()
        return 0, 0
    top = Contact.objects.filter(version__network_map=network_map).aggregate(top=Max("key"))
    return top["top"] or 0, versions[-1].number if versions else 0


def _version_import(
    network_map: NetworkMap, source: NwkVersion, *, number: int, offset: int, user: Any
) -> MapVersion:
    version = MapVersion.objects.create(
        network_map=network_map,
        number=number,
        title=source.title,
        date=source.date or timezone.localdate(),
        created_by=_user(user),
    )
    contacts = Contact.objects.bulk_create(
        [_contact_from(alter, version, offset) for alter in source.alteri]
    )
    by_id = {alter.id: contact for alter, contact in zip(source.alteri, contacts, strict=True)}
    Tie.objects.bulk_create([_tie(version, by_id[c.id1], by_id[c.id2]) for c in source.connections])
    return version


def _contact_from(alter: NwkAlter, version: MapVersion, offset: int) -> Contact:
    return Contact(
        version=version,
        key=alter.id + offset,
        name=alter.name,
        role=alter.role,
        sector=sector_at(alter.angle),
        ring=ring_at(alter.distance),
        human=alter.human,
        deceased=alter.deceased,
        bond=alter.edge_type,
        note=alter.note,
        angle=alter.angle,
        distance=alter.distance,
    )


def _user(user: Any) -> Any:
    return user if getattr(user, "is_authenticated", False) else None


def easynwk_export(*, network_map: NetworkMap, user: Any) -> bytes:
    """The whole map (every version) as an easyNWK file; the export is written to the
    access log, whether a page or the API asked for it."""
    content = write_easynwk(network_map_record(network_map))
    access_log_write(
        user=user,
        person_ids=[network_map.person_id],
        action=AccessAction.EXPORT,
        purpose=Purpose.NETWORK_MAP,
        granted=True,
    )
    return content
