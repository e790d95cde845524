"""Quartier projects: the list with a form for a new one, a project with its actions and
hours, and the team's hours per organisation, district and quarter."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from sozialraum.accounts.models import DistrictTeam
from sozialraum.accounts.roles import CASE_WORK
from sozialraum.districts.models import geometry_fields
from sozialraum.lib.access import access
from sozialraum.lib.forms import form_status

from .. import selectors, services
from ..access import is_team_lead, may_edit_hours
from ..forms import HoursForm, ProjectActionForm, ProjectForm, ProjectStatusForm
from ..models import HoursEntry, Project
from .common import owned, team_of, user_of


@access(CASE_WORK)
def project_list(request: HttpRequest, slug: str) -> HttpResponse:
    team = team_of(request, slug)
    form = ProjectForm(request.POST or None, team=team, instance=Project(team=team))
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        partners = fields.pop("partner_organisations")
        try:
            project = services.project_create(team=team, partner_organisations=partners, **fields)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect(project)
    context = {"team": team, "projects": selectors.projects_of(team), "form": form}
    return render(request, "teamwork/project_list.html", context, status=form_status(form))


def _project(team: DistrictTeam, pk: int) -> Project:
    queryset = Project.objects.select_related("team", "district").defer(
        *geometry_fields("district")
    )
    return owned(queryset, team, pk)


def _project_page(request: HttpRequest, project: Project, **forms: Any) -> HttpResponse:
    organisations = services.hours_organisations(project)
    forms.setdefault("action_form", ProjectActionForm())
    forms.setdefault("hours_form", HoursForm(organisations=organisations))
    forms.setdefault("status_form", ProjectStatusForm(instance=project))
    hours = list(project.hours.select_related("organisation").order_by("-worked_on", "-pk"))
    lead = is_team_lead(request.user, project.team)
    for entry in hours:
        entry.editable = may_edit_hours(request.user, entry.recorded_by_id, lead=lead)  # type: ignore[attr-defined]
    context = {
        "team": project.team,
        "project": project,
        "partner_organisations": project.partner_organisations.order_by("name"),
        "actions": project.actions.order_by("on", "pk"),
        "hours": hours,
        **forms,
    }
    return render(request, "teamwork/project.html", context, status=form_status(*forms.values()))


@access(CASE_WORK)
def project_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    return _project_page(request, _project(team_of(request, slug), pk))


@access(CASE_WORK)
@require_POST
def project_action_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    project = _project(team_of(request, slug), pk)
    form = ProjectActionForm(request.POST)
    if form.is_valid():
        action = form.save(commit=False)
        action.project = project
        action.save()
        return redirect(f"{project.get_absolute_url()}#actions")
    return _project_page(request, project, action_form=form)


@access(CASE_WORK)
@require_POST
def project_hours_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    project = _project(team_of(request, slug), pk)
    form = HoursForm(request.POST, organisations=services.hours_organisations(project))
    if form.is_valid():
        try:
            services.hours_record(
                project=project, recorded_by=user_of(request), **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect(f"{project.get_absolute_url()}#hours")
    return _project_page(request, project, hours_form=form)


@access(CASE_WORK)
def project_hours_edit(request: HttpRequest, slug: str, pk: int, hours_pk: int) -> HttpResponse:
    """Corrects an hours entry: who recorded it, or a lead of the team (403 for others)."""
    project = _project(team_of(request, slug), pk)
    entry = get_object_or_404(HoursEntry, pk=hours_pk, project=project)
    if not may_edit_hours(
        request.user, entry.recorded_by_id, lead=is_team_lead(request.user, project.team)
    ):
        raise PermissionDenied
    organisations = services.hours_organisations(project)
    form = HoursForm(request.POST or None, instance=entry, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in HoursForm.Meta.fields}
        try:
            services.hours_update(entry=entry, user=user_of(request), **data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect(f"{project.get_absolute_url()}#hours")
    context = {"team": project.team, "project": project, "entry": entry, "form": form}
    return render(request, "teamwork/hours_edit.html", context, status=form_status(form))


@access(CASE_WORK)
@require_POST
def project_status(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    project = _project(team_of(request, slug), pk)
    form = ProjectStatusForm(request.POST, instance=project)
    if form.is_valid():
        form.save()
        return redirect(project)
    return _project_page(request, project, status_form=form)


@access(CASE_WORK)
def hours_summary(request: HttpRequest, slug: str) -> HttpResponse:
    team = team_of(request, slug)
    context = {"team": team, "rows": selectors.hours_summary(team)}
    return render(request, "teamwork/hours.html", context)
