"""Open311 GeoReport v2 (http://wiki.open311.org/GeoReport_v2/) over the barriers, so city
systems can take the reports: ``services.json`` (one service per kind of barrier),
``requests.json`` (GET: a list filtered by service_code, status, start_date/end_date or
service_request_id; POST: a new request) and ``requests/{id}.json``. Field names are the
specification's. Status is ``open`` or ``closed``; the detail (acknowledged, planned,
fixed, won't fix and why) is in ``status_notes``.

Access: GET is public, as the specification allows (barriers are in public space and carry
no name). POST needs a signed-in user (session cookie and CSRF token, as every write of
this platform); the specification's ``api_key`` is not a credential here, and the
personal fields (email, first_name, last_name, phone, device_id, account_id) are not
stored: the signed-in user is the reporter and is asked after "fixed" on the platform.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import BooleanField, Case, QuerySet, Value, When
from django.http import HttpRequest, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from ninja import Form, Query, Router, Schema, Status

from sozialraum.lib.access import PUBLIC, SIGNED_IN, api_access

from .models import ACTIVE_STATES, Barrier, BarrierKind
from .services import barrier_record

router = Router()

#: The specification's default window and the longest one a request may ask for.
WINDOW = dt.timedelta(days=90)
#: The most requests one answer lists (the specification's default limit).
LIMIT = 1000


class Service(Schema):
    service_code: str
    service_name: str
    description: str
    metadata: bool
    type: str
    keywords: str
    group: str


class ServiceRequest(Schema):
    service_request_id: str
    status: str
    status_notes: str
    service_name: str
    service_code: str
    description: str
    agency_responsible: str
    service_notice: str
    requested_datetime: str
    updated_datetime: str
    expected_datetime: str | None
    address: str
    address_id: str
    zipcode: str
    lat: float
    long: float
    media_url: str


class RequestFilter(Schema):
    service_request_id: str | None = None
    service_code: str | None = None
    status: str | None = None
    start_date: str | None = None
    end_date: str | None = None


class RequestPost(Schema):
    service_code: str = ""
    lat: float | None = None
    long: float | None = None
    address_string: str = ""
    description: str = ""
    api_key: str = ""


class Created(Schema):
    service_request_id: str
    service_notice: str
    account_id: str | None


class Open311Error(Schema):
    code: int
    description: str


def _error(status: int, description: str) -> JsonResponse:
    """The specification's error answer: a list of ``{code, description}``."""
    return JsonResponse([{"code": status, "description": description}], status=status, safe=False)


def _w3c(moment: dt.datetime) -> str:
    return timezone.localtime(moment).isoformat(timespec="seconds")


def _status_notes(barrier: Barrier) -> str:
    notes = str(barrier.get_state_display())
    return f"{notes}: {barrier.state_reason}" if barrier.state_reason else notes


def request_row(request: HttpRequest, barrier: Barrier) -> dict[str, Any]:
    """One barrier as a GeoReport v2 service request."""
    due = barrier.due_at()
    media = reverse("barriers:photo", kwargs={"barrier_pk": barrier.pk})
    has_photo = getattr(barrier, "photo_present", None)
    has_photo = barrier.has_photo if has_photo is None else has_photo
    return {
        "service_request_id": str(barrier.pk),
        "status": "open" if barrier.state in ACTIVE_STATES else "closed",
        "status_notes": _status_notes(barrier),
        "service_name": str(barrier.get_kind_display()),
        "service_code": barrier.kind,
        "description": barrier.notes,
        "agency_responsible": barrier.office.name,
        "service_notice": "",
        "requested_datetime": _w3c(barrier.reported_at),
        "updated_datetime": _w3c(barrier.updated_at),
        "expected_datetime": _w3c(due) if due else None,
        "address": barrier.address,
        "address_id": "",
        "zipcode": "",
        "lat": barrier.latitude,
        "long": barrier.longitude,
        "media_url": request.build_absolute_uri(media) if has_photo else "",
    }


def _requests() -> QuerySet[Barrier]:
    """Barriers with their office, the photo's presence instead of its bytes."""
    return (
        Barrier.objects.select_related("office")
        .defer("photo")
        .annotate(
            photo_present=Case(
                When(photo__isnull=True, then=Value(False)),
                default=Value(True),
                output_field=BooleanField(),
            )
        )
    )


@router.get(
    "/services.json",
    response=list[Service],
    summary="Services (kinds of barrier)",
    **api_access(PUBLIC),
)
def services(request: HttpRequest) -> list[dict[str, Any]]:
    return [
        {
            "service_code": kind.value,
            "service_name": str(kind.label),
            "description": str(kind.label),
            "metadata": False,
            "type": "realtime",
            "keywords": "barrier,accessibility",
            "group": "barriers",
        }
        for kind in BarrierKind
    ]


def _moment(text: str | None, field: str) -> dt.datetime | None:
    if not text:
        return None
    moment = parse_datetime(text)
    if moment is None:
        raise ValueError(f"{field}: not a W3C date and time (e.g. 2026-12-05T10:00:00+01:00)")
    return moment if timezone.is_aware(moment) else timezone.make_aware(moment)


def _filtered(filters: RequestFilter) -> QuerySet[Barrier]:
    """The requests the filters ask for (``service_request_id`` overrides the others; the
    dates default to the last 90 days and may span at most 90)."""
    barriers = _requests()
    if filters.service_request_id:
        ids = [part.strip() for part in filters.service_request_id.split(",")]
        if not all(part.isdigit() for part in ids):
            raise ValueError("service_request_id: comma-separated numbers")
        return barriers.filter(pk__in=[int(part) for part in ids])
    end = _moment(filters.end_date, "end_date") or timezone.now()
    start = _moment(filters.start_date, "start_date") or end - WINDOW
    if end - start > WINDOW or start > end:
        raise ValueError("start_date/end_date: at most 90 days, start before end")
    barriers = barriers.filter(reported_at__range=(start, end))
    if filters.service_code:
        barriers = barriers.filter(kind=filters.service_code)
    if filters.status == "open":
        barriers = barriers.filter(state__in=ACTIVE_STATES)
    elif filters.status == "closed":
        barriers = barriers.exclude(state__in=ACTIVE_STATES)
    elif filters.status:
        raise ValueError("status: open or closed")
    return barriers


@router.get(
    "/requests.json",
    response={200: list[ServiceRequest], 400: list[Open311Error]},
    summary="Service requests (barriers)",
    **api_access(PUBLIC),
)
def requests_list(request: HttpRequest, filters: Query[RequestFilter]) -> Any:
    try:
        barriers = _filtered(filters)
    except ValueError as error:
        return _error(400, str(error))
    return [request_row(request, b) for b in barriers.order_by("-reported_at", "-pk")[:LIMIT]]


@router.get(
    "/requests/{service_request_id}.json",
    response={200: list[ServiceRequest], 404: list[Open311Error]},
    summary="One service request (barrier)",
    **api_access(PUBLIC),
)
def request_detail(request: HttpRequest, service_request_id: int) -> Any:
    barrier = _requests().filter(pk=service_request_id).first()
    if barrier is None:
        return _error(404, f"service_request_id {service_request_id} not found")
    return [request_row(request, barrier)]


def _posted_fields(data: RequestPost) -> dict[str, Any]:
    """The barrier's fields from a POST, or ValueError naming the field."""
    if data.service_code not in BarrierKind.values:
        raise ValueError("service_code: not one of services.json")
    if data.lat is None or data.long is None:
        raise ValueError("lat, long: the position is required")
    if not (-90 <= data.lat <= 90 and -180 <= data.long <= 180):
        raise ValueError("lat, long: out of range")
    kerb = "raised" if data.service_code == BarrierKind.KERB else ""
    return {
        "kind": data.service_code,
        "kerb_shape": kerb,
        "latitude": data.lat,
        "longitude": data.long,
        "address": data.address_string[:200],
        "notes": data.description[:4000],
    }


@router.post(
    "/requests.json",
    response={201: list[Created], 400: list[Open311Error]},
    summary="Report a barrier (service request)",
    **api_access(SIGNED_IN),
)
def request_create(request: HttpRequest, data: Form[RequestPost]) -> Any:
    try:
        barrier = barrier_record(reporter=request.user, walk=None, **_posted_fields(data))
    except ValueError as error:
        return _error(400, str(error))
    except ValidationError as error:
        return _error(400, "; ".join(error.messages))
    row = {"service_request_id": str(barrier.pk), "service_notice": "", "account_id": None}
    return Status(201, [row])
