"""Offer directory pages: the public search and offer pages, and the provider's pages to
create, edit, confirm offers and read their history."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from sozialraum.accounts.models import User
from sozialraum.lib.access import ORGANISATION_ROLES, PUBLIC, Role, access, roles

from .access import offer_for_editor, offers_for_editor, providers_for_editor
from .forms import OfferEditor, SearchForm, query_params
from .history import category_names, change_rows
from .models import Offer, Place
from .place_notes import place_notes
from .residents.selectors import saved_offer_ids
from .search import OfferHit, SearchResult, offer_search, search_miss_record
from .services import offer_confirm
from .services_editing import stale_max_age

EDITORS = roles(Role.PROVIDER_EDITOR, Role.ADMIN)
#: Staff may also find offers nobody confirmed recently.
STAFF = roles(*ORGANISATION_ROLES)
PER_PAGE = 20
#: Fewer hits than this and the page offers the selector's suggestions to widen the search.
FEW_HITS = 3


@access(PUBLIC)
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET, staff=STAFF.allows(request.user))
    result: SearchResult | None = None
    if form.is_valid():
        query = form.query(per_page=PER_PAGE)
        result = offer_search(query)
        if result.total == 0 and _submitted(request):
            search_miss_record(query=query, district=form.cleaned_data.get("district"))
    hits = _hit_rows(result.hits) if result else []
    context = {
        "form": form,
        "result": result,
        "hits": hits,
        "submitted": _submitted(request),
        "suggestions": _suggestion_links(result),
        "did_you_mean": _spelling_link(result),
        "pages": _pages(request, result, form),
        "map": _map([(row["offer"], row["place"]) for row in hits]),
        "saved_ids": saved_offer_ids(request.user, (row["offer"].pk for row in hits)),
    }
    # A page beyond the last one the search shows is a bad request, not an empty page.
    status = 400 if "page" in form.errors else 200
    return render(request, "directory/search.html", context, status=status)


def _submitted(request: HttpRequest) -> bool:
    return any(value for key, value in request.GET.items() if key != "page")


def _hit_rows(hits: list[OfferHit]) -> list[dict[str, Any]]:
    offers = [hit.offer for hit in hits]
    prefetch_related_objects(offers, "provider", "cost_options")
    now = timezone.now()
    return [
        {
            "offer": hit.offer,
            "place": hit.place,
            "distance_m": hit.distance_m,
            "open_now": hit.offer.is_open_at(now),
        }
        for hit in hits
    ]


def _suggestion_links(result: SearchResult | None) -> list[dict[str, str]]:
    if result is None or result.total >= FEW_HITS:
        return []
    return [{"label": s.label, "url": "?" + query_params(s.query)} for s in result.suggestions]


def _spelling_link(result: SearchResult | None) -> dict[str, str] | None:
    if result is None or result.did_you_mean is None:
        return None
    return {
        "label": result.did_you_mean.label,
        "url": "?" + query_params(result.did_you_mean.query),
    }


def _pages(request: HttpRequest, result: SearchResult | None, form: SearchForm) -> dict[str, Any]:
    if result is None or (result.total <= PER_PAGE and result.total_exact):
        return {}
    current = (form.cleaned_data.get("page") or 1) if form.is_valid() else 1
    # Beyond an inexact total there is more: one page further than counted, no last page.
    count = (result.total + PER_PAGE - 1) // PER_PAGE + (0 if result.total_exact else 1)
    params = request.GET.copy()

    def link(number: int) -> str:
        params["page"] = str(number)
        return "?" + params.urlencode()

    return {
        "current": current,
        "count": count if result.total_exact else None,
        "previous": link(current - 1) if current > 1 else "",
        "next": link(current + 1) if current < count else "",
    }


def _map(pairs: list[tuple[Offer, Place | None]]) -> dict[str, Any]:
    """The Leaflet island's data: a point per offer place with coordinates."""
    points = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [place.longitude, place.latitude]},
            "properties": {
                "name": offer.name,
                "url": reverse("directory:detail", kwargs={"pk": offer.pk}),
                "address": place.address,
            },
        }
        for offer, place in pairs
        if place is not None and place.has_coordinates
    ]
    return {
        "outline": [],
        "children": [],
        "points": points,
        "tiles": {"url": settings.MAP_TILE_URL, "attribution": settings.MAP_TILE_ATTRIBUTION},
        "labels": {},
    }


def _offer_for_reading(pk: int) -> Offer:
    offers = Offer.objects.select_related("provider").prefetch_related(
        "places__district", "categories", "cost_options"
    )
    return get_object_or_404(offers, pk=pk)


@access(PUBLIC)
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, pk, printing=False)


@access(PUBLIC)
def print_view(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, pk, printing=True)


def _detail(request: HttpRequest, pk: int, *, printing: bool) -> HttpResponse:
    offer = _offer_for_reading(pk)
    now = timezone.now()
    places = list(offer.places.all())
    notes = place_notes(places)
    for place in places:
        place.access_notes = notes.get(place.pk, [])  # type: ignore[attr-defined]
    context = {
        "offer": offer,
        "places": places,
        "open_now": offer.is_open_at(now),
        "stale": offer.is_stale(now, stale_max_age()),
        "share_url": request.build_absolute_uri(reverse("directory:detail", kwargs={"pk": pk})),
        "share_mail": urlencode({"subject": offer.name}),
        "map": _map([(offer, place) for place in places]),
        "can_edit": EDITORS.allows(request.user)
        and offers_for_editor(request.user).filter(pk=offer.pk).exists(),
        "printing": printing,
        "is_saved": bool(saved_offer_ids(request.user, [offer.pk])),
    }
    return render(request, "directory/detail.html", context)


# --- Editing ----------------------------------------------------------------------------------


def _user(request: HttpRequest) -> User:
    """The signed-in user (the editing views' access declarations require one)."""
    assert isinstance(request.user, User)
    return request.user


@access(EDITORS)
def create(request: HttpRequest) -> HttpResponse:
    providers = providers_for_editor(request.user)
    editor = OfferEditor(request.POST or None, user=_user(request), providers=providers)
    if request.method == "POST" and editor.is_valid():
        offer = editor.save()
        if offer is not None:
            messages.success(request, _("The offer was created."))
            return redirect("directory:detail", pk=offer.pk)
    return render(request, "directory/edit.html", {"editor": editor, "offer": None})


@access(EDITORS)
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    offer = offer_for_editor(request.user, pk)
    providers = providers_for_editor(request.user)
    data = request.POST if request.method == "POST" else None
    editor = OfferEditor(data, user=_user(request), providers=providers, offer=offer)
    if request.method == "POST" and editor.is_valid() and editor.save() is not None:
        messages.success(request, _("Your changes were saved."))
        return redirect("directory:detail", pk=offer.pk)
    return render(request, "directory/edit.html", {"editor": editor, "offer": offer})


@access(EDITORS)
def confirm(request: HttpRequest, pk: int) -> HttpResponse:
    offer = offer_for_editor(request.user, pk)
    if request.method == "POST":
        offer_confirm(offer=offer, user=_user(request))
        messages.success(request, _("Thank you: the offer is confirmed as up to date."))
        if request.POST.get("next") == "mine":
            return redirect("directory:mine")
        return redirect("directory:detail", pk=offer.pk)
    return render(request, "directory/confirm.html", {"offer": offer})


@access(EDITORS)
def history(request: HttpRequest, pk: int) -> HttpResponse:
    offer = offer_for_editor(request.user, pk)
    categories = category_names()
    changes = [
        (change, change_rows(change, categories)) for change in offer.changes.select_related("user")
    ]
    return render(request, "directory/history.html", {"offer": offer, "changes": changes})


@access(EDITORS)
def mine(request: HttpRequest) -> HttpResponse:
    offers = (
        offers_for_editor(request.user)
        .select_related("provider")
        .order_by("provider__name", "name")
    )
    page = Paginator(offers, 50).get_page(request.GET.get("page"))
    now, max_age = timezone.now(), stale_max_age()
    context = {
        "page": page,
        "rows": [(offer, offer.is_stale(now, max_age)) for offer in page.object_list],
        "stale_days": stale_max_age().days,
        "providers": providers_for_editor(request.user).count(),
    }
    return render(request, "directory/mine.html", context)
