"""Network map API under ``/api/v1/persons/{person_id}/network-maps``: the person's map
with its versions, one version with contacts, ties and metrics, and the easyNWK export.

Every operation reads the person through ``person_for_user(..., purpose=Purpose.
NETWORK_MAP)``, as the pages do, so role, organisation and consent are checked and the
read is logged; the export is logged as an export too.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Field, Router, Schema

from sozialraum.accounts.roles import CASE_WORK
from sozialraum.audit.purposes import Purpose
from sozialraum.casework.access import person_for_user
from sozialraum.casework.models import Person
from sozialraum.lib.access import api_access

from .metrics import Metrics, map_metrics
from .models import MapVersion, NetworkMap
from .selectors import version_detail, versions_of
from .services import easynwk_export

router = Router()


class VersionSummaryOut(Schema):
    number: int
    title: str
    date: dt.date
    contacts: int
    url: str = Field(description="The version's API resource.")


class NetworkMapOut(Schema):
    id: int
    person_id: int
    versions: list[VersionSummaryOut] = Field(description="Oldest first.")
    easynwk_url: str = Field(description="The whole map as an easyNWK file.")
    page_url: str


class ContactOut(Schema):
    key: int = Field(description="The same for this contact in every version of the map.")
    name: str
    role: str
    sector: str = Field(description="family, friends, work or professional.")
    ring: int = Field(description="1 (close) to 3 (distant).")
    human: bool = Field(description="False for an institution, a group or a pet.")
    deceased: bool
    bond: int = Field(description="Contact with the person: 0 none, 1 yes, 2 in several ways.")
    note: str
    angle: float = Field(description="easyNWK position: degrees from the x-axis, -180..180.")
    distance: float = Field(description="easyNWK position: 100 is the outer ring.")


class TieOut(Schema):
    first: int = Field(description="Key of a contact.")
    second: int = Field(description="Key of the other contact.")


class SectorCountOut(Schema):
    sector: str
    total: int
    per_ring: list[int] = Field(description="Close, middle, distant.")


class MetricsOut(Schema):
    size: int = Field(description="Living contacts.")
    deceased: int
    institutions: int
    ties: int
    density: float = Field(description="Ties / possible ties between living contacts.")
    sectors: list[SectorCountOut]
    isolated: list[int] = Field(description="Keys of living contacts without any tie.")
    most_connected: list[int] = Field(description="Keys of the contacts with the most ties.")
    empty_sectors: list[str]
    thin_sectors: list[str]


class NetworkMapVersionOut(Schema):
    number: int
    title: str
    date: dt.date
    contacts: list[ContactOut]
    ties: list[TieOut]
    metrics: MetricsOut


def _person(request: HttpRequest, person_id: int) -> Person:
    return person_for_user(request.user, person_id, purpose=Purpose.NETWORK_MAP)


def _version_url(person_id: int, map_id: int, number: int) -> str:
    return reverse(
        "api:network_map_version",
        kwargs={"person_id": person_id, "map_id": map_id, "number": number},
    )


@router.get("/{id:person_id}/network-maps", response=list[NetworkMapOut], **api_access(CASE_WORK))
def network_maps(request: HttpRequest, person_id: int) -> list[dict[str, Any]]:
    """The person's network map (a list of at most one) with its versions."""
    person = _person(request, person_id)
    return [_map_out(network_map) for network_map in NetworkMap.objects.filter(person=person)]


def _map_out(network_map: NetworkMap) -> dict[str, Any]:
    person_id, map_id = network_map.person_id, network_map.pk
    return {
        "id": map_id,
        "person_id": person_id,
        "versions": [
            {
                "number": version.number,
                "title": version.title,
                "date": version.date,
                "contacts": version.contact_count,  # type: ignore[attr-defined]
                "url": _version_url(person_id, map_id, version.number),
            }
            for version in versions_of(network_map)
        ],
        "easynwk_url": reverse(
            "api:network_map_easynwk", kwargs={"person_id": person_id, "map_id": map_id}
        ),
        "page_url": reverse("networkmap:map", kwargs={"pk": person_id}),
    }


@router.get(
    "/{id:person_id}/network-maps/{id:map_id}/versions/{id:number}",
    response=NetworkMapVersionOut,
    url_name="network_map_version",
    **api_access(CASE_WORK),
)
def network_map_version(
    request: HttpRequest, person_id: int, map_id: int, number: int
) -> dict[str, Any]:
    """One version: its contacts, the ties between them (by key) and its metrics."""
    person = _person(request, person_id)
    version = get_object_or_404(
        MapVersion, network_map__person=person, network_map_id=map_id, number=number
    )
    detail = version_detail(version)
    return {
        "number": version.number,
        "title": version.title,
        "date": version.date,
        "contacts": [contact.snapshot() for contact in detail.contacts],
        "ties": [{"first": tie.a, "second": tie.b} for tie in detail.snapshot.ties],
        "metrics": _metrics_out(map_metrics(detail.snapshot)),
    }


def _metrics_out(metrics: Metrics) -> dict[str, Any]:
    return {
        "size": metrics.size,
        "deceased": metrics.deceased,
        "institutions": metrics.institutions,
        "ties": metrics.ties,
        "density": metrics.density,
        "sectors": [
            {"sector": c.sector, "total": c.total, "per_ring": list(c.per_ring)}
            for c in metrics.sectors
        ],
        "isolated": [contact.key for contact in metrics.isolated],
        "most_connected": [contact.key for contact in metrics.most_connected],
        "empty_sectors": list(metrics.empty_sectors),
        "thin_sectors": list(metrics.thin_sectors),
    }


_FILE_ACCESS = api_access(CASE_WORK)
_FILE_ACCESS["openapi_extra"] = {
    **_FILE_ACCESS["openapi_extra"],
    "responses": {
        200: {
            "description": "An easyNWK file (JSON) with every version of the map.",
            "content": {"application/json": {}},
        }
    },
}


@router.get(
    "/{id:person_id}/network-maps/{id:map_id}/easynwk",
    url_name="network_map_easynwk",
    **_FILE_ACCESS,
)
def network_map_easynwk(request: HttpRequest, person_id: int, map_id: int) -> HttpResponse:
    """The whole map as an easyNWK file, for easyNWK or another platform."""
    person = _person(request, person_id)
    network_map = get_object_or_404(NetworkMap, person=person, pk=map_id)
    content = easynwk_export(network_map=network_map, user=request.user)
    response = HttpResponse(content, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="netzwerkkarte-{person.pk}.json"'
    return response
