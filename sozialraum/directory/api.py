"""Offer API: the public search and offer detail, and creating, editing and confirming
offers for provider editors (their own organisation's offers) and administrators.

Writes validate through the same forms as the pages; invalid input gives 422 with
``{"detail": ..., "errors": {field: [message, ...]}}`` (place fields as ``place.<name>``, prices as
``cost_options.<n>.<name>``).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from ninja import Field, Query, Router, Schema, Status
from ninja.errors import HttpError

from sozialraum.districts.models import GEOMETRY, District
from sozialraum.lib.access import PUBLIC, Role, api_access, roles
from sozialraum.lib.api_errors import ValidationErrorOut, validation_error

from .access import offer_for_editor, providers_for_editor
from .forms import OfferEditor, district_centre, editor_data_from_json, query_params
from .models import Offer, Place
from .search import NEEDS, OfferQuery, Suggestion, offer_search, search_miss_record
from .services import offer_confirm
from .services_editing import stale_max_age

router = Router()

EDITORS = roles(Role.PROVIDER_EDITOR, Role.ADMIN)

#: The deepest result a search pages to (the search page's last page is the same depth).
MAX_SEARCH_OFFSET = 10_000


class PlaceOut(Schema):
    id: int
    name: str
    address: str
    latitude: float | None
    longitude: float | None
    district: str | None = Field(None, description="Slug of the district the place lies in.")
    step_free_entrance: bool | None
    wheelchair: str = Field(description='"yes", "limited", "no", or "" when not known.')
    accessible_toilet: bool | None
    hearing_loop: bool | None
    easy_language_material: bool | None
    guide_dogs_welcome: bool | None
    disabled_parking: bool | None


class CostOptionOut(Schema):
    amount: Decimal
    currency: str
    option: str


class OfferSummaryOut(Schema):
    id: int
    name: str
    provider: str
    categories: list[str] = Field(description="Category codes.")
    min_cost: Decimal | None = Field(None, description="0 if free, None if not known.")
    opening_hours: str
    last_confirmed_at: dt.datetime | None
    is_demo: bool
    url: str


class OfferDetailOut(OfferSummaryOut):
    description: str
    email: str
    phone: str
    website: str
    for_everyone: bool
    eligibility: str
    legal_basis: str
    languages: list[str]
    fee: str
    cost_options: list[CostOptionOut]
    places: list[PlaceOut]
    open_now: bool | None
    stale: bool


class HitOut(Schema):
    offer: OfferSummaryOut
    place: PlaceOut | None
    distance_m: float | None
    rank: float


class SuggestionOut(Schema):
    kind: str
    label: str
    query: str = Field(description="Query string for this endpoint with the wider search.")


class SearchOut(Schema):
    total: int = Field(
        description="Offers found: exact when total_exact, else at least this many (counted "
        "exactly up to 100, or to the end of the requested page)."
    )
    total_exact: bool
    hits: list[HitOut]
    suggestions: list[SuggestionOut]
    did_you_mean: SuggestionOut | None = Field(
        None,
        description="The text with the typed words the search corrected (its hits are "
        "already the corrected search's); none when every word was known.",
    )


class SearchParams(Schema):
    q: str = ""
    category: list[str] = Field([], description="Category codes (repeatable).")
    district: str | None = Field(None, description="District slug.")
    lat: float | None = Field(None, ge=-90, le=90)
    lon: float | None = Field(None, ge=-180, le=180)
    radius: int | None = Field(None, ge=1, le=200_000, description="Metres.")
    needs: list[str] = Field([], description=f"Accessibility needs: {', '.join(sorted(NEEDS))}.")
    max_cost: Decimal | None = Field(None, ge=0)
    open_at: dt.datetime | None = Field(
        None, description="A moment with its time zone; without one it is read as local time."
    )
    open_now: bool = False
    language: str = ""
    limit: int = Field(20, ge=1, le=100)
    offset: int = Field(0, ge=0, le=MAX_SEARCH_OFFSET)


class PlaceIn(Schema):
    name: str = ""
    street_address: str = ""
    postal_code: str = ""
    city: str = ""
    latitude: float | None = None
    longitude: float | None = None
    step_free_entrance: bool | None = None
    wheelchair: str = ""
    accessible_toilet: bool | None = None
    hearing_loop: bool | None = None
    easy_language_material: bool | None = None
    guide_dogs_welcome: bool | None = None
    disabled_parking: bool | None = None


class CostOptionIn(Schema):
    amount: Decimal | None = None
    option: str = ""


class OfferIn(Schema):
    provider: str = Field(description="Slug of the provider organisation.")
    name: str
    description: str = ""
    categories: list[str] = Field(description="Category codes; at least one.")
    opening_hours: str = Field("", description="OpenStreetMap opening_hours syntax.")
    fee: str = Field("unknown", description='"free", "paid" or "unknown".')
    for_everyone: bool = True
    eligibility: str = ""
    legal_basis: str = ""
    languages: list[str] = ["de"]
    email: str = ""
    phone: str = ""
    url: str = ""
    place: PlaceIn | None = None
    cost_options: list[CostOptionIn] = []


def _place(place: Place) -> dict[str, Any]:
    names = [name for name in PlaceOut.model_fields if name not in {"address", "district"}]
    return {
        **{name: getattr(place, name) for name in names},
        "address": place.address,
        "district": place.district.slug if place.district else None,
    }


def _summary(offer: Offer) -> dict[str, Any]:
    return {
        "id": offer.pk,
        "name": offer.name,
        "provider": offer.provider.name,
        "categories": sorted(category.code for category in offer.categories.all()),
        "min_cost": offer.min_cost,
        "opening_hours": offer.opening_hours,
        "last_confirmed_at": offer.last_confirmed_at,
        "is_demo": offer.is_demo,
        "url": reverse("directory:detail", kwargs={"pk": offer.pk}),
    }


def _detail(offer: Offer) -> dict[str, Any]:
    now = timezone.now()
    fields = ("description", "email", "phone", "for_everyone", "eligibility", "legal_basis")
    return {
        **_summary(offer),
        **{name: getattr(offer, name) for name in fields},
        "website": offer.url,
        "languages": offer.languages,
        "fee": offer.fee,
        "cost_options": list(offer.cost_options.all()),
        "places": [_place(place) for place in offer.places.all()],
        "open_now": offer.is_open_at(now),
        "stale": offer.is_stale(now, stale_max_age()),
    }


def _offer_loaded(pk: int) -> Offer:
    offers = Offer.objects.select_related("provider").prefetch_related(
        "categories", "cost_options", "places__district"
    )
    return get_object_or_404(offers, pk=pk)


def _aware(moment: dt.datetime | None) -> dt.datetime | None:
    """``moment`` with a time zone: one given without is read in the platform's own."""
    if moment is None or timezone.is_aware(moment):
        return moment
    return timezone.make_aware(moment)


def _query(params: SearchParams) -> OfferQuery:
    unknown = set(params.needs) - NEEDS
    if unknown:
        raise HttpError(422, f"Unknown accessibility needs: {', '.join(sorted(unknown))}.")
    if (params.lat is None) != (params.lon is None):
        raise HttpError(422, "Give both lat and lon, or neither.")
    districts = District.objects.defer(*GEOMETRY)
    district = get_object_or_404(districts, slug=params.district) if params.district else None
    near = (params.lat, params.lon) if params.lat is not None else None
    if near is None and params.radius:
        near = district_centre(district)
    return OfferQuery(
        text=params.q,
        categories=tuple(params.category),
        district=district,
        near=near,  # type: ignore[arg-type]
        radius_m=params.radius if near else None,
        needs=frozenset(params.needs),
        max_cost=params.max_cost,
        open_at=timezone.now() if params.open_now else _aware(params.open_at),
        language=params.language,
        limit=params.limit,
        offset=params.offset,
    )


@router.get("/search", response=SearchOut, **api_access(PUBLIC))
def offer_search_endpoint(request: HttpRequest, params: Query[SearchParams]) -> dict[str, Any]:
    """The public search, as on the search page: residents' results (offers nobody
    confirmed recently are left out), best first. A search that finds nothing is recorded
    anonymously as unmet demand (district, words, filters; nothing about who searched)."""
    query = _query(params)
    result = offer_search(query)
    if result.total == 0:
        search_miss_record(query=query, district=query.district)
    return {
        "total": result.total,
        "total_exact": result.total_exact,
        "hits": [
            {
                "offer": _summary(hit.offer),
                "place": _place(hit.place) if hit.place else None,
                "distance_m": hit.distance_m,
                "rank": hit.rank,
            }
            for hit in result.hits
        ],
        "suggestions": [_suggestion(s) for s in result.suggestions],
        "did_you_mean": _suggestion(result.did_you_mean) if result.did_you_mean else None,
    }


def _suggestion(suggestion: Suggestion) -> dict[str, str]:
    return {
        "kind": suggestion.kind,
        "label": suggestion.label,
        "query": query_params(suggestion.query),
    }


@router.get("/{id:offer_id}", response=OfferDetailOut, **api_access(PUBLIC))
def offer_detail(request: HttpRequest, offer_id: int) -> dict[str, Any]:
    """One offer with its places, prices, hours and whether it is open now."""
    return _detail(_offer_loaded(offer_id))


def _save(request: HttpRequest, payload: OfferIn, offer: Offer | None) -> Any:
    editor = OfferEditor(
        editor_data_from_json(payload.model_dump()),
        user=request.user,  # type: ignore[arg-type]
        providers=providers_for_editor(request.user),
        offer=offer,
    )
    saved = editor.save() if editor.is_valid() else None
    if saved is None:
        return Status(422, validation_error(editor.errors))
    return _detail(_offer_loaded(saved.pk))


def _editable(request: HttpRequest, offer_id: int) -> Offer:
    try:
        return offer_for_editor(request.user, offer_id)
    except PermissionDenied as error:
        raise HttpError(403, "You may not edit this organisation's offers.") from error


@router.post("", response={200: OfferDetailOut, 422: ValidationErrorOut}, **api_access(EDITORS))
def offer_create_endpoint(request: HttpRequest, payload: OfferIn) -> Any:
    """Creates an offer of one of the caller's organisations (any for administrators)."""
    return _save(request, payload, None)


@router.put(
    "/{id:offer_id}", response={200: OfferDetailOut, 422: ValidationErrorOut}, **api_access(EDITORS)
)
def offer_update_endpoint(request: HttpRequest, offer_id: int, payload: OfferIn) -> Any:
    """Replaces the offer's details, main place and prices; the history keeps what changed."""
    return _save(request, payload, _editable(request, offer_id))


@router.post("/{id:offer_id}/confirm", response=OfferDetailOut, **api_access(EDITORS))
def offer_confirm_endpoint(request: HttpRequest, offer_id: int) -> dict[str, Any]:
    """Records that the offer is still right (sets its last-confirmed date)."""
    offer = _editable(request, offer_id)
    offer_confirm(offer=offer, user=request.user)  # type: ignore[arg-type]
    return _detail(_offer_loaded(offer.pk))
