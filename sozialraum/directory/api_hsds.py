"""The HSDS-3-shaped read API (mounted at /api/hsds/ by ``config/api_hsds.py``), following
the paths and responses of the HSDS OpenAPI (``schemas/hsds3/openapi.json``): services,
organizations and, beyond the standard's paths, locations. Everything is public: it is
the published offer directory.

List endpoints answer with an HSDS ``Page`` (``total_items``, ``total_pages``,
``page_number``, ``size``, ``first_page``, ``last_page``, ``empty``, ``contents``) and take
``page`` (from 1) and ``per_page`` (default 50, at most 500). ``/services`` also takes:

- ``search``: words that must all occur in the name or description (case-insensitive);
- ``taxonomy_term_id``: offers with that term (our category terms and their
  ``hsds_terms``, as the export names them); ``taxonomy_id``: offers with any category
  when it names the ``sozialraum`` vocabulary;
- ``organization_id``: offers of that provider;
- ``modified_after``: offers changed at or after that ISO 8601 date-time;
- ``full``: fully nested services instead of their one-to-one fields;
- ``minimal``: only ``id`` and ``last_modified`` of each service.

Not implemented: ``format=ndjson``, ``postcode``/``proximity`` (the directory search API
does distance), taxonomies and service_at_locations endpoints.

Identifiers are the HSDS ids of the export (``hsds.offer_hsds_id`` etc.). Looking up a
derived id scans the identifiers of one table (no stored HSDS id column yet).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from django.db.models import Model, Q, QuerySet
from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.errors import HttpError

from sozialraum.accounts.models import Organisation
from sozialraum.lib.access import PUBLIC, api_access

from .exchange import hsds
from .models import Category, Offer, Place

router = Router()
M = TypeVar("M", bound=Model)

MAX_PER_PAGE = 500
#: The last page number a list answers (deeper pages are refused with 400).
MAX_PAGE = 10_000
_SERVICE_LIST_FIELDS = (
    "id",
    "name",
    "description",
    "url",
    "email",
    "status",
    "eligibility_description",
    "fees_description",
    "assured_date",
    "last_modified",
    "organization",
)


class PageQuery(Schema):
    page: int = 1
    per_page: int = 50
    search: str = ""


class ServiceQuery(PageQuery):
    taxonomy_term_id: str = ""
    taxonomy_id: str = ""
    organization_id: str = ""
    modified_after: dt.datetime | None = None
    minimal: bool = False
    full: bool = False


class OrganizationQuery(PageQuery):
    full_service: bool = False
    full: bool = False


def page_of(
    items: QuerySet[M], query: PageQuery, render: Callable[[Sequence[M]], list[dict[str, Any]]]
) -> dict[str, Any]:
    """An HSDS ``Page`` of ``items`` (two queries: the count and the page's rows)."""
    if not 1 <= query.page <= MAX_PAGE or not 1 <= query.per_page <= MAX_PER_PAGE:
        raise HttpError(400, f"page must be 1..{MAX_PAGE} and per_page 1..{MAX_PER_PAGE}")
    total = items.count()
    pages = max(1, math.ceil(total / query.per_page))
    start = (query.page - 1) * query.per_page
    contents = render(list(items[start : start + query.per_page]))
    return {
        "total_items": total,
        "total_pages": pages,
        "page_number": query.page,
        "size": len(contents),
        "first_page": query.page == 1,
        "last_page": query.page >= pages,
        "empty": not contents,
        "contents": contents,
    }


def _words(search: str, *fields: str) -> Q:
    condition = Q()
    for word in search.split():
        any_field = Q()
        for name in fields:
            any_field |= Q(**{f"{name}__icontains": word})
        condition &= any_field
    return condition


def _by_hsds_id(items: QuerySet[M], hsds_id: str, ident: Callable[[M], str]) -> M | None:
    """The row whose HSDS id is ``hsds_id``: imported rows by external id, others by
    computing the derived ids (see the module text)."""
    if "external_id" in {field.name for field in items.model._meta.fields}:
        found = items.filter(external_id=f"{hsds.HSDS_ID_PREFIX}{hsds_id}").first()
        if found is not None:
            return found
    model = items.model
    for values in model._default_manager.values(*_id_fields(model)).iterator(chunk_size=2000):
        if ident(model(**values)) == hsds_id:
            return items.filter(pk=values["pk"]).first()
    return None


def _id_fields(model: type[Model]) -> tuple[str, ...]:
    return ("pk", "slug") if model is Organisation else ("pk", "external_id")


def _found(row: M | None, what: str) -> M:
    if row is None:
        raise HttpError(404, f"No {what} with this id.")
    return row


# --- Services -------------------------------------------------------------------------------


def _term_categories(term_id: str) -> list[int]:
    matches = []
    for category in Category.objects.all():
        terms = [(hsds.TAXONOMY, category.code)] + [
            (str(term["vocabulary"]), str(term["code"])) for term in category.hsds_terms
        ]
        ids = {
            hsds.hsds_uuid("taxonomy_term", f"{vocabulary}:{code}") for vocabulary, code in terms
        }
        if term_id in ids:
            matches.append(category.pk)
    return matches


def _service_filter(query: ServiceQuery) -> Q:
    condition = _words(query.search, "name", "description")
    if query.taxonomy_term_id:
        condition &= Q(categories__in=_term_categories(query.taxonomy_term_id))
    if query.taxonomy_id:
        ours = query.taxonomy_id == hsds.hsds_uuid("taxonomy", hsds.TAXONOMY)
        condition &= Q(categories__isnull=False) if ours else Q(pk__in=[])
    if query.organization_id:
        provider = _by_hsds_id(
            Organisation.objects.all(), query.organization_id, hsds.organisation_hsds_id
        )
        condition &= Q(provider=provider) if provider else Q(pk__in=[])
    if query.modified_after:
        condition &= Q(updated_at__gte=query.modified_after)
    return condition


def _service_renderer(query: ServiceQuery) -> Callable[[Sequence[Offer]], list[dict[str, Any]]]:
    def render(offers: Sequence[Offer]) -> list[dict[str, Any]]:
        services = [hsds.hsds_service(offer) for offer in offers]
        if query.minimal:
            return [{"id": s["id"], "last_modified": s["last_modified"]} for s in services]
        if query.full:
            return services
        return [{k: v for k, v in s.items() if k in _SERVICE_LIST_FIELDS} for s in services]

    return render


@router.get("/services", **api_access(PUBLIC), summary="Paginated list of services")
def services_list(request: HttpRequest, query: Query[ServiceQuery]) -> dict[str, Any]:
    offers = hsds.offers_for_export(Offer.objects.filter(_service_filter(query)).distinct())
    return page_of(offers.order_by("name", "pk"), query, _service_renderer(query))


@router.get("/services/{id}", **api_access(PUBLIC), summary="Fully nested service by id")
def service_detail(request: HttpRequest, id: str) -> dict[str, Any]:
    offers = hsds.offers_for_export(Offer.objects.all())
    return hsds.hsds_service(_found(_by_hsds_id(offers, id, hsds.offer_hsds_id), "service"))


# --- Organizations --------------------------------------------------------------------------


def _organization(organisation: Organisation, full_service: bool) -> dict[str, Any]:
    data = hsds.hsds_organization(organisation)
    offers = hsds.offers_for_export(organisation.offers.order_by("name", "pk"))
    services = [hsds.hsds_service(offer) for offer in offers]
    data["services"] = (
        services
        if full_service
        else [{key: s[key] for key in ("id", "name", "status")} for s in services]
    )
    return data


@router.get("/organizations", **api_access(PUBLIC), summary="Paginated list of organizations")
def organizations_list(request: HttpRequest, query: Query[OrganizationQuery]) -> dict[str, Any]:
    organisations = Organisation.objects.filter(_words(query.search, "name")).order_by("name")

    def render(rows: Sequence[Organisation]) -> list[dict[str, Any]]:
        if query.full or query.full_service:
            return [_organization(row, query.full_service) for row in rows]
        return [hsds.hsds_organization(row) for row in rows]

    return page_of(organisations, query, render)


@router.get("/organizations/{id}", **api_access(PUBLIC), summary="Organization by id")
def organization_detail(
    request: HttpRequest, id: str, full_service: bool = False
) -> dict[str, Any]:
    found = _by_hsds_id(Organisation.objects.all(), id, hsds.organisation_hsds_id)
    return _organization(_found(found, "organization"), full_service)


# --- Locations ------------------------------------------------------------------------------


@router.get("/locations", **api_access(PUBLIC), summary="Paginated list of locations")
def locations_list(request: HttpRequest, query: Query[PageQuery]) -> dict[str, Any]:
    places = Place.objects.filter(_words(query.search, "name", "street_address", "city"))

    def render(rows: Sequence[Place]) -> list[dict[str, Any]]:
        return [hsds.hsds_location(row) for row in rows]

    return page_of(places.order_by("name", "pk"), query, render)


@router.get("/locations/{id}", **api_access(PUBLIC), summary="Location by id")
def location_detail(request: HttpRequest, id: str) -> dict[str, Any]:
    return hsds.hsds_location(
        _found(_by_hsds_id(Place.objects.all(), id, hsds.place_hsds_id), "location")
    )
