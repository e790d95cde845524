"""Test data for walks and barriers: a district with a parent, offices and rules, a walk
of an organisation, barriers recorded through the service."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from PIL import Image

from sozialraum.accounts.models import Organisation, User
from sozialraum.accounts.tests.factories import OrganisationFactory, user_with_role
from sozialraum.barriers.models import Barrier, Office, RoutingRule, Walk
from sozialraum.barriers.services import barrier_record
from sozialraum.directory.tests.factories import square_district
from sozialraum.districts.models import District
from sozialraum.lib.access import Role

#: A point inside :func:`walk_world`'s district (Flensburg, Altstadt-like square).
INSIDE = (54.79, 9.43)


def district_make(**fields: Any) -> District:
    return square_district(9.42, 54.78, size=0.02, **fields)


def office_make(
    name: str, *, fallback: bool = False, organisation: Organisation | None = None
) -> Office:
    return Office.objects.create(
        name=name,
        is_fallback=fallback,
        organisation=organisation or OrganisationFactory.create(),
    )


def rule_make(kind: str, office: Office, district: District | None = None) -> RoutingRule:
    return RoutingRule.objects.create(kind=kind, office=office, district=district)


def walk_make(organiser: User, district: District, **fields: Any) -> Walk:
    organisation = organiser.memberships.first().organisation  # type: ignore[union-attr]
    return Walk.objects.create(
        title=fields.pop("title", "Begehung Altstadt"),
        organisation=organisation,
        district=district,
        walked_on=fields.pop("walked_on", dt.date(2026, 12, 1)),
        organiser=organiser,
        participants=6,
        wheelchair_users=2,
        **fields,
    )


def barrier_make(walk: Walk | None, reporter: User, **fields: Any) -> Barrier:
    lat, lon = fields.pop("position", INSIDE)
    return barrier_record(
        reporter=reporter,
        walk=walk,
        kind=fields.pop("kind", "step"),
        latitude=lat,
        longitude=lon,
        **fields,
    )


def world() -> dict[str, Any]:
    """A district, a fallback office, a walk of a worker's organisation."""
    district = district_make(name="Altstadt")
    fallback = office_make("Bürgerbüro (Demo)", fallback=True)
    worker = user_with_role(Role.WORKER)
    walk = walk_make(worker, district)
    return {"district": district, "fallback": fallback, "worker": worker, "walk": walk}


#: The camera make written into :func:`jpeg_bytes`' EXIF (must not survive the upload).
CAMERA = "Kamera-Demo"


def jpeg_bytes(size: tuple[int, int] = (64, 48)) -> bytes:
    """A JPEG carrying EXIF metadata: a camera make and a GPS position."""
    exif = Image.Exif()
    exif[0x010F] = CAMERA
    exif.get_ifd(0x8825)[2] = (54.0, 47.0, 0.0)
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, format="JPEG", exif=exif.tobytes())
    return out.getvalue()
