"""Pages of walks and barriers (mounted at ``/begehungen/``): the walks of one's
organisations, planning a walk, a walk with its route and barriers, recording a barrier
from a phone, a barrier with its way through the office, its photo, the office's list
with overdue flags, the reporter's follow-up question, the provider's review of what walks
reported about its places, and a district's barrier map, table and exports (public)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from sozialraum.directory.access import offers_for_editor
from sozialraum.directory.models import Place
from sozialraum.districts.models import GEOMETRY, District
from sozialraum.lib.access import PUBLIC, SIGNED_IN, Role, access
from sozialraum.lib.images import PHOTO_CONTENT_TYPE

from . import services
from .access import (
    REVIEWERS,
    TEAM,
    barrier_get,
    can_move,
    can_reopen,
    follow_up_for_user,
    walk_for_user,
    walks_for_user,
)
from .exports import barrier_map, barriers_geojson, route_map
from .forms import (
    BarrierForm,
    FollowUpForm,
    ReopenForm,
    TransitionForm,
    WalkForm,
    organisations_of,
)
from .models import ACTIVE_STATES, Barrier, FollowUp, PlaceReport, ReportStatus
from .places import report_review

#: The columns a barrier list loads (never the photo).
LIST_FIELDS = (
    "pk",
    "kind",
    "kerb_shape",
    "height_cm",
    "severity",
    "permanent",
    "latitude",
    "longitude",
    "address",
    "state",
    "state_since",
    "reported_at",
    "office__name",
    "office__days_open",
    "office__days_acknowledged",
    "office__days_planned",
    "walk_id",
    "district_id",
)


#: Barriers per page of a district's table and map.
DISTRICT_PAGE_SIZE = 50


def _listed(barriers: Any) -> Any:
    return barriers.select_related("office").only(*LIST_FIELDS)


@access(TEAM)
def walk_list(request: HttpRequest) -> HttpResponse:
    walks = walks_for_user(request.user).defer(
        "route", "notes", "district__boundary", "district__boundary_display"
    )
    return render(request, "barriers/walk_list.html", {"walks": walks})


@access(TEAM)
def walk_add(request: HttpRequest) -> HttpResponse:
    form = WalkForm(request.POST or None, organisations=organisations_of(request.user))
    if request.method == "POST" and form.is_valid():
        form.instance.organiser = request.user
        walk = form.save()
        messages.success(request, _("The walk is planned."))
        return redirect(walk)
    return render(
        request, "barriers/walk_form.html", {"form": form, "map": route_map(None, [], [])}
    )


@access(TEAM)
def walk_edit(request: HttpRequest, walk_pk: int) -> HttpResponse:
    """The walk's organiser changes its route, participants, date (403 for anyone else)."""
    walk = walk_for_user(request.user, walk_pk)
    if walk.organiser_id != request.user.pk:
        raise PermissionDenied
    form = WalkForm(
        request.POST or None, instance=walk, organisations=organisations_of(request.user)
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("The walk is changed."))
        return redirect(walk)
    barriers = list(_listed(walk.barriers.all()))
    context = {"form": form, "walk": walk, "map": route_map(walk.district, walk.route, barriers)}
    return render(request, "barriers/walk_form.html", context)


@access(TEAM)
def walk_detail(request: HttpRequest, walk_pk: int) -> HttpResponse:
    walk = walk_for_user(request.user, walk_pk)
    barriers = list(_listed(walk.barriers.all()))
    return render(
        request,
        "barriers/walk.html",
        {"walk": walk, "barriers": barriers, "map": route_map(walk.district, walk.route, barriers)},
    )


@access(TEAM)
def barrier_add(request: HttpRequest, walk_pk: int) -> HttpResponse:
    walk = walk_for_user(request.user, walk_pk)
    form = BarrierForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        fields = {k: v for k, v in form.cleaned_data.items() if k != "photo_upload"}
        try:
            barrier = services.barrier_record(
                reporter=request.user, walk=walk, photo=form.cleaned_data["photo_upload"], **fields
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Barrier recorded and sent to: %(office)s.") % {"office": barrier.office.name},
            )
            return redirect("barriers:barrier_add", walk_pk=walk.pk)
    return render(
        request,
        "barriers/barrier_form.html",
        {"walk": walk, "form": form, "map": route_map(walk.district, walk.route, [])},
    )


@access(TEAM)
def barrier_detail(request: HttpRequest, barrier_pk: int) -> HttpResponse:
    barrier = barrier_get(barrier_pk)
    movable, reopenable = can_move(request.user, barrier), can_reopen(request.user, barrier)
    transition = TransitionForm(barrier=barrier) if movable and barrier.next_states() else None
    reopen = ReopenForm() if reopenable and not barrier.next_states() else None
    if request.method == "POST":
        if "reopen" in request.POST:
            reopen = ReopenForm(request.POST)
            outcome = _reopen(request, barrier, reopen, allowed=reopenable)
        else:
            transition = TransitionForm(request.POST, barrier=barrier)
            outcome = _move(request, barrier, transition, allowed=movable)
        if outcome is not None:
            return outcome
    context = {
        "barrier": barrier,
        "events": barrier.events.select_related("office", "actor"),
        "reports": barrier.reports.select_related("place"),
        "transition": transition,
        "reopen": reopen,
        "overdue": barrier.is_overdue(),
        "map": barrier_map(barrier.district, [barrier], linked=False),
    }
    return render(request, "barriers/barrier.html", context)


def _move(
    request: HttpRequest, barrier: Barrier, form: TransitionForm, *, allowed: bool
) -> HttpResponse | None:
    if not allowed:
        raise PermissionDenied
    if not form.is_valid():
        return None
    try:
        services.barrier_transition(
            barrier=barrier,
            state=form.cleaned_data["state"],
            actor=request.user,
            note=form.cleaned_data["note"],
        )
    except ValidationError as error:
        form.add_error(None, error)
        return None
    messages.success(request, _("The barrier's state is changed."))
    return redirect(barrier)


def _reopen(
    request: HttpRequest, barrier: Barrier, form: ReopenForm, *, allowed: bool
) -> HttpResponse | None:
    if not allowed:
        raise PermissionDenied
    if not form.is_valid():
        return None
    try:
        services.barrier_reopen(barrier=barrier, actor=request.user, note=form.cleaned_data["note"])
    except ValidationError as error:
        form.add_error(None, error)
        return None
    messages.success(request, _("The barrier is open again and back with the office."))
    return redirect(barrier)


@access(TEAM)
def barrier_photo(request: HttpRequest, barrier_pk: int) -> HttpResponse:
    photo = get_object_or_404(Barrier.objects.only("photo"), pk=barrier_pk).photo
    if not photo:
        return HttpResponse(status=404)
    response = HttpResponse(bytes(photo), content_type=PHOTO_CONTENT_TYPE)
    response["Cache-Control"] = "private, max-age=3600"
    return response


@access(TEAM)
def office_list(request: HttpRequest) -> HttpResponse:
    """The barriers still to do at the offices of the user's organisations, overdue first."""
    barriers = _listed(Barrier.objects.filter(state__in=ACTIVE_STATES))
    if Role.ADMIN not in getattr(request.user, "roles", frozenset()):
        barriers = barriers.filter(office__organisation__memberships__user=request.user)
    now = timezone.now()
    rows = sorted(barriers.distinct(), key=lambda b: (not b.is_overdue(now), b.due_at() or now))
    return render(request, "barriers/office.html", {"rows": rows, "now": now})


@access(SIGNED_IN)
def follow_up(request: HttpRequest, follow_up_pk: int) -> HttpResponse:
    question: FollowUp = follow_up_for_user(request.user, follow_up_pk)
    form = FollowUpForm(request.POST or None)
    if request.method == "POST" and question.answered_at is None and form.is_valid():
        services.follow_up_answer(
            follow_up=question,
            still_fixed=form.cleaned_data["still_fixed"],
            comment=form.cleaned_data["comment"],
        )
        messages.success(request, _("Thank you for your answer."))
        return redirect("barriers:follow_up", follow_up_pk=question.pk)
    return render(request, "barriers/follow_up.html", {"question": question, "form": form})


@access(REVIEWERS)
def place_reports(request: HttpRequest) -> HttpResponse:
    """What walks reported about the places of the user's offers, to confirm or reject."""
    places = Place.objects.filter(offers__in=offers_for_editor(request.user)).distinct()
    reports = PlaceReport.objects.filter(place__in=places, status=ReportStatus.PENDING)
    if request.method == "POST":
        report = get_object_or_404(reports, pk=request.POST.get("report"))
        report_review(report, user=request.user, accept=request.POST.get("decision") == "accept")
        messages.success(request, _("Thank you: your review is saved."))
        return redirect("barriers:place_reports")
    rows = reports.select_related("place", "barrier").order_by("place__name", "pk")
    return render(request, "barriers/place_reports.html", {"reports": rows})


def _district(slug: str) -> District:
    return get_object_or_404(District.objects.defer(*GEOMETRY), slug=slug)


@access(PUBLIC)
def district_barriers(request: HttpRequest, slug: str) -> HttpResponse:
    """A page of the district's barriers (newest first) as a table and on the map."""
    district = get_object_or_404(District.objects.defer("boundary"), slug=slug)
    listed = _listed(Barrier.objects.filter(district=district)).order_by("-reported_at", "-pk")
    page = Paginator(listed, DISTRICT_PAGE_SIZE).get_page(request.GET.get("seite"))
    barriers = list(page.object_list)
    linked = TEAM.allows(request.user)
    return render(
        request,
        "barriers/district.html",
        {
            "district": district,
            "barriers": barriers,
            "page": page,
            "linked": linked,
            "map": barrier_map(district, barriers, linked=linked),
        },
    )


@access(PUBLIC)
def district_export(request: HttpRequest, slug: str) -> HttpResponse:
    """The district's barriers as GeoJSON with OSM tags and A11yJSON in each feature."""
    district = _district(slug)
    barriers = _listed(Barrier.objects.filter(district=district))
    response = JsonResponse(barriers_geojson(barriers), json_dumps_params={"ensure_ascii": False})
    response["Content-Disposition"] = f'attachment; filename="barrieren-{district.slug}.geojson"'
    return response
