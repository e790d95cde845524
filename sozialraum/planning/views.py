"""Pages of social planning: the dashboard (city and district, with print view and CSV),
findings and measures. Views only translate: the figures come from :mod:`.figures`."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from sozialraum.districts.models import District, DistrictKind
from sozialraum.lib.access import PUBLIC, access

from . import figures
from .access import DASHBOARD, FINDING_AUTHORS, PLANNERS, finding_for_user, findings_for_user
from .comparison import comparison
from .effect import measure_effect
from .figures.timeline import timeline
from .forms import FindingForm, FindingGroupForm, MeasureForm
from .impact import explanation, impact_by_district
from .models import Measure
from .pdf import city_pdf, district_pdf
from .selectors import findings_grouped, measures_in, measures_listed


def _area(*, city: str | None = None, district: str | None = None) -> figures.Area:
    area = figures.area_load(city=city, district=district)
    if area is None:
        raise Http404(_("No city is loaded yet."))
    return area


def _row(area: figures.Area, slug: str) -> Any:
    row = next((d.pk for d in area.districts if d.slug == slug), None)
    if row is None:
        raise Http404(_("The dashboard compares the city's districts; this is none of them."))
    return row


def _city_context(request: HttpRequest) -> dict[str, Any]:
    area = _area(city=request.GET.get("stadt"))
    impact = impact_by_district()
    return {
        "dashboard": figures.dashboard(area),
        "area": area,
        "impact": impact,
        "impact_columns": [impact.measure_labels[m] for m in impact.measures],
        "impact_rows": [
            (row, impact.labels[row], [impact.change(row, m) for m in impact.measures])
            for row in impact.rows
        ],
        "impact_explanation": explanation(),
        "cities": District.objects.filter(kind=DistrictKind.CITY)
        .exclude(pk=area.city.pk)
        .order_by("name")
        .values("slug", "name"),
    }


@access(DASHBOARD)
def city(request: HttpRequest) -> HttpResponse:
    context = _city_context(request)
    context["comparison"] = comparison(context["dashboard"], request.GET.get("karte"))
    over_time = timeline(context["area"])
    context |= {"timeline": over_time, "timeline_lines": over_time.lines(figures.CITY)}
    return render(request, "planning/city.html", context)


@access(DASHBOARD)
def city_print(request: HttpRequest) -> HttpResponse:
    return render(request, "planning/city_print.html", _city_context(request))


@access(DASHBOARD)
def city_report(request: HttpRequest) -> HttpResponse:
    context = _city_context(request)
    pdf = city_pdf(context["dashboard"], context["impact"])
    return _pdf(pdf, f"sozialplanung-{context['area'].city.slug}.pdf")


@access(DASHBOARD)
def city_csv(request: HttpRequest) -> HttpResponse:
    area = _area(city=request.GET.get("stadt"))
    return _csv(figures.dashboard(area).csv_text(), f"zahlen-{area.city.slug}.csv")


def _district_context(request: HttpRequest, slug: str) -> dict[str, Any]:
    area = _area(district=slug)
    row = _row(area, slug)
    district = next(d for d in area.districts if d.pk == row)
    return {
        "dashboard": figures.dashboard(area),
        "area": area,
        "row": row,
        "district": district,
        "measures": list(measures_in(district)),
        "findings": list(findings_for_user(request.user).filter(district=district)),
        "planner": PLANNERS.allows(request.user),
    }


@access(DASHBOARD)
def district(request: HttpRequest, slug: str) -> HttpResponse:
    context = _district_context(request, slug)
    over_time = timeline(context["area"])
    context |= {"timeline": over_time, "timeline_lines": over_time.lines(context["row"])}
    return render(request, "planning/district.html", context)


@access(DASHBOARD)
def district_print(request: HttpRequest, slug: str) -> HttpResponse:
    return render(request, "planning/district_print.html", _district_context(request, slug))


@access(DASHBOARD)
def district_report(request: HttpRequest, slug: str) -> HttpResponse:
    context = _district_context(request, slug)
    pdf = district_pdf(context["dashboard"], context["row"], context["measures"])
    return _pdf(pdf, f"sozialplanung-{slug}.pdf")


@access(DASHBOARD)
def district_csv(request: HttpRequest, slug: str) -> HttpResponse:
    area = _area(district=slug)
    row = _row(area, slug)
    return _csv(figures.dashboard(area).csv_text(row), f"zahlen-{slug}.csv")


def _pdf(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def _csv(text: str, filename: str) -> HttpResponse:
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@access(FINDING_AUTHORS)
def finding_list(request: HttpRequest) -> HttpResponse:
    findings = findings_for_user(request.user)
    return render(
        request,
        "planning/finding_list.html",
        {"groups": findings_grouped(findings), "planner": PLANNERS.allows(request.user)},
    )


@access(FINDING_AUTHORS)
def finding_add(request: HttpRequest) -> HttpResponse:
    form = FindingForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        finding = form.save(commit=False)
        finding.recorded_by = request.user
        finding.save()
        messages.success(request, _("The finding is recorded."))
        return redirect(finding)
    return render(request, "planning/finding_form.html", {"form": form})


@access(FINDING_AUTHORS)
def finding_detail(request: HttpRequest, pk: int) -> HttpResponse:
    finding = finding_for_user(request.user, pk)
    planner = PLANNERS.allows(request.user)
    form = FindingGroupForm(request.POST or None, instance=finding) if planner else None
    if request.method == "POST":
        if form is None:
            return HttpResponse(status=403)
        if form.is_valid():
            form.save()
            messages.success(request, _("The group is saved."))
            return redirect(finding)
    return render(
        request,
        "planning/finding.html",
        {"finding": finding, "form": form, "measures": finding.measures.all()},
    )


@access(PUBLIC)
def measure_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "planning/measure_list.html",
        {"measures": measures_listed(), "planner": PLANNERS.allows(request.user)},
    )


@access(PUBLIC)
def district_measures(request: HttpRequest, slug: str) -> HttpResponse:
    district = get_object_or_404(District.objects.defer("boundary", "boundary_display"), slug=slug)
    return render(
        request,
        "planning/measure_list.html",
        {"measures": measures_in(district), "district": district},
    )


@access(PUBLIC)
def measure_detail(request: HttpRequest, pk: int) -> HttpResponse:
    measure = get_object_or_404(measures_listed(), pk=pk)
    return render(
        request,
        "planning/measure.html",
        {
            "measure": measure,
            "planner": PLANNERS.allows(request.user),
            "findings": measure.findings.select_related("district"),
            "effect": measure_effect(measure) if DASHBOARD.allows(request.user) else None,
        },
    )


@access(PLANNERS)
def measure_add(request: HttpRequest) -> HttpResponse:
    return _measure_form(request, None)


@access(PLANNERS)
def measure_edit(request: HttpRequest, pk: int) -> HttpResponse:
    return _measure_form(request, get_object_or_404(Measure, pk=pk))


def _measure_form(request: HttpRequest, measure: Measure | None) -> HttpResponse:
    initial = {"findings": request.GET.getlist("befund")} if measure is None else None
    form = MeasureForm(request.POST or None, instance=measure, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        if measure is None:
            saved.created_by = request.user
        saved.save()
        form.save_m2m()
        messages.success(request, _("The measure is saved."))
        return redirect(saved)
    return render(request, "planning/measure_form.html", {"form": form, "measure": measure})
