"""Network map pages under ``/personen/<pk>/netzwerkkarte/``: the map of a version (picture,
table and metrics), editing contacts and ties, new versions, the comparison of two
versions, and easyNWK import and export.

Every page reads the person through ``person_for_user(..., purpose=Purpose.NETWORK_MAP)``
(``write=True`` for changes, which only the owning organisation may make); that call checks
role, organisation and consent and writes the access log.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from sozialraum.accounts.roles import CASE_WORK
from sozialraum.audit.purposes import Purpose
from sozialraum.casework.access import owner_organisation_ids, person_for_user
from sozialraum.casework.models import Person
from sozialraum.lib.access import access
from sozialraum.lib.importing import DataImportError

from .drawing import network_svg
from .forms import CompareForm, ContactForm, ImportForm, TieForm, VersionForm, role_suggestions
from .metrics import map_metrics
from .models import Contact, MapVersion, Tie
from .presentation import comparison_rows, contact_rows, starting_points, svg_description
from .selectors import (
    VersionDetail,
    network_map_of,
    version_detail,
    version_of,
    versions_of,
)
from .services import (
    contact_create,
    contact_delete,
    contact_update,
    easynwk_export,
    map_version_create,
    network_map_create,
    network_map_import,
    tie_create,
    tie_delete,
)
from .snapshot import compare


def _read(request: HttpRequest, pk: int) -> Person:
    return person_for_user(request.user, pk, purpose=Purpose.NETWORK_MAP)


def _write(request: HttpRequest, pk: int) -> Person:
    return person_for_user(request.user, pk, purpose=Purpose.NETWORK_MAP, write=True)


def _posted(request: HttpRequest, *, files: bool = False) -> tuple[Any, ...]:
    """A form's data: bound (even when empty) on POST, unbound on GET."""
    if request.method != "POST":
        return (None, None) if files else (None,)
    return (request.POST, request.FILES) if files else (request.POST,)


def _is_owner(request: HttpRequest, person: Person) -> bool:
    return person.organisation_id in owner_organisation_ids(request.user)


# --- Reading -------------------------------------------------------------------------------


@access(CASE_WORK)
def map_page(request: HttpRequest, pk: int) -> HttpResponse:
    """The latest version of the person's map, or the offer to start one."""
    person = _read(request, pk)
    network_map = network_map_of(person)
    if network_map is None:
        context = {"person": person, "can_edit": _is_owner(request, person), "form": ImportForm()}
        return render(request, "networkmap/start.html", context)
    versions = versions_of(network_map)
    return _version_page(request, person, versions, versions[-1])


@access(CASE_WORK)
def version_page(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    person = _read(request, pk)
    version = version_of(person, number)
    return _version_page(request, person, versions_of(version.network_map), version)


def _version_page(
    request: HttpRequest, person: Person, versions: list[MapVersion], version: MapVersion
) -> HttpResponse:
    detail = version_detail(version)
    can_edit = _is_owner(request, person)
    context = {
        "person": person,
        "version": version,
        "versions": versions,
        "is_latest": version.number == versions[-1].number,
        "can_edit": can_edit,
        **_picture(person, version, detail),
        "ties": detail.ties,
        "tie_form": TieForm(version=version) if can_edit and len(detail.contacts) > 1 else None,
        "compare_form": _default_compare_form(versions),
    }
    return render(request, "networkmap/map.html", context)


def _picture(person: Person, version: MapVersion, detail: VersionDetail) -> dict[str, Any]:
    """The picture, the table and the metrics of one version: what the map page and the
    comparison show for each version."""
    metrics = map_metrics(detail.snapshot)
    title = _("Network map of %(person)s, %(version)s") % {
        "person": person.name,
        "version": version.label,
    }
    svg = network_svg(
        detail.snapshot,
        title=title,
        description=svg_description(metrics),
        svg_id=f"netzwerkkarte-{version.number}",
        centre_label=person.preferred_name or person.name,
    )
    return {
        "svg": svg,
        "metrics": metrics,
        "rows": contact_rows(detail),
        "starting_points": starting_points(person, metrics),
    }


def _default_compare_form(versions: list[MapVersion]) -> CompareForm | None:
    return _compare_form(versions) if len(versions) > 1 else None


def _compare_form(versions: list[MapVersion], data: Any = None) -> CompareForm:
    """The choice of two versions, the two latest by default."""
    initial = {"earlier": versions[-2].number, "later": versions[-1].number}
    return CompareForm(data, initial=initial, versions=versions)


@access(CASE_WORK)
def compare_page(request: HttpRequest, pk: int) -> HttpResponse:
    """Two versions side by side: who came, who went, who moved closer or further."""
    person = _read(request, pk)
    network_map = network_map_of(person)
    versions = versions_of(network_map) if network_map else []
    if len(versions) < 2:
        messages.info(request, _("Comparing needs two versions of the map."))
        return redirect("networkmap:map", pk=person.pk)
    data = request.GET if "earlier" in request.GET else None
    form = _compare_form(versions, data)
    if data is not None and not form.is_valid():
        return render(request, "networkmap/compare.html", {"person": person, "form": form})
    earlier_number, later_number = _chosen(form, versions)
    by_number = {version.number: version for version in versions}
    sides = [_side(person, by_number[n]) for n in (earlier_number, later_number)]
    changes = compare(sides[0]["detail"].snapshot, sides[1]["detail"].snapshot)
    context = {
        "person": person,
        "form": form,
        "sides": sides,
        "changes": changes,
        "change_rows": comparison_rows(changes),
    }
    return render(request, "networkmap/compare.html", context)


def _chosen(form: CompareForm, versions: list[MapVersion]) -> tuple[int, int]:
    if form.is_bound:
        return form.cleaned_data["earlier"], form.cleaned_data["later"]
    return versions[-2].number, versions[-1].number


def _side(person: Person, version: MapVersion) -> dict[str, Any]:
    detail = version_detail(version)
    return {
        "version": version,
        "detail": detail,
        "table_id": f"contacts-{version.number}",
        **_picture(person, version, detail),
    }


@access(CASE_WORK)
def export_file(request: HttpRequest, pk: int) -> HttpResponse:
    """The whole map (every version) as an easyNWK file to download."""
    person = _read(request, pk)
    network_map = network_map_of(person)
    if network_map is None:
        messages.info(request, _("There is no network map to export yet."))
        return redirect("networkmap:map", pk=person.pk)
    content = easynwk_export(network_map=network_map, user=request.user)
    response = HttpResponse(content, content_type="application/json; charset=utf-8")
    filename = f"netzwerkkarte-{slugify(person.name) or person.pk}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- Writing -------------------------------------------------------------------------------


@access(CASE_WORK)
@require_POST
def create_map(request: HttpRequest, pk: int) -> HttpResponse:
    person = _write(request, pk)
    network_map_create(person=person, user=request.user, title=_("First conversation"))
    messages.success(request, _("The network map has been started. Add the first contacts."))
    return redirect("networkmap:map", pk=person.pk)


@access(CASE_WORK)
def version_add(request: HttpRequest, pk: int) -> HttpResponse:
    """A new version: a copy of the latest, to record how the network changed."""
    person = _write(request, pk)
    network_map = network_map_of(person) or network_map_create(person=person, user=request.user)
    form = VersionForm(*_posted(request))
    if request.method == "POST" and form.is_valid():
        version = map_version_create(
            network_map=network_map, user=request.user, **form.cleaned_data
        )
        messages.success(request, _("%(version)s has been created.") % {"version": version.label})
        return HttpResponseRedirect(version.get_absolute_url())
    return render(request, "networkmap/version_form.html", {"person": person, "form": form})


@access(CASE_WORK)
def contact_add(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    person = _write(request, pk)
    version = version_of(person, number)
    form = ContactForm(*_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            contact = contact_create(version=version, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("%(name)s has been added.") % {"name": contact.name})
            return HttpResponseRedirect(version.get_absolute_url())
    return _contact_form(request, person, version, form, contact=None)


@access(CASE_WORK)
def contact_edit(request: HttpRequest, pk: int, number: int, contact: int) -> HttpResponse:
    person = _write(request, pk)
    version = version_of(person, number)
    row = get_object_or_404(Contact, version=version, pk=contact)
    form = ContactForm(*_posted(request), instance=row)
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form.changed_data}
        contact_update(contact=Contact.objects.get(pk=row.pk), **changes)
        messages.success(request, _("%(name)s has been saved.") % {"name": row.name})
        return HttpResponseRedirect(version.get_absolute_url())
    return _contact_form(request, person, version, form, contact=row)


def _contact_form(
    request: HttpRequest,
    person: Person,
    version: MapVersion,
    form: ContactForm,
    *,
    contact: Contact | None,
) -> HttpResponse:
    context = {
        "person": person,
        "version": version,
        "form": form,
        "contact": contact,
        "roles": role_suggestions(),
    }
    return render(request, "networkmap/contact_form.html", context)


@access(CASE_WORK)
def contact_remove(request: HttpRequest, pk: int, number: int, contact: int) -> HttpResponse:
    person = _write(request, pk)
    version = version_of(person, number)
    row = get_object_or_404(Contact, version=version, pk=contact)
    if request.method == "POST":
        contact_delete(contact=row)
        messages.success(request, _("%(name)s has been removed.") % {"name": row.name})
        return HttpResponseRedirect(version.get_absolute_url())
    context = {"person": person, "version": version, "contact": row}
    return render(request, "networkmap/contact_remove.html", context)


@access(CASE_WORK)
def tie_add(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    person = _write(request, pk)
    version = version_of(person, number)
    form = TieForm(*_posted(request), version=version)
    if request.method == "POST" and form.is_valid():
        one, other = form.cleaned_data["one"], form.cleaned_data["other"]
        try:
            tie_create(version=version, one=one, other=other)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("%(one)s and %(other)s are now tied.") % {"one": one.name, "other": other.name},
            )
            return HttpResponseRedirect(version.get_absolute_url())
    context = {"person": person, "version": version, "form": form}
    return render(request, "networkmap/tie_form.html", context)


@access(CASE_WORK)
@require_POST
def tie_remove(request: HttpRequest, pk: int, number: int, tie: int) -> HttpResponse:
    person = _write(request, pk)
    version = version_of(person, number)
    row = get_object_or_404(Tie.objects.select_related("first", "second"), version=version, pk=tie)
    tie_delete(tie=row)
    messages.success(
        request,
        _("The tie between %(one)s and %(other)s has been removed.")
        % {"one": row.first.name, "other": row.second.name},
    )
    return HttpResponseRedirect(version.get_absolute_url())


@access(CASE_WORK)
def import_file(request: HttpRequest, pk: int) -> HttpResponse:
    """Upload of an easyNWK file: all its versions are added, or nothing at all."""
    person = _write(request, pk)
    form = ImportForm(*_posted(request, files=True))
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            versions = network_map_import(
                person=person, data=upload.read(), file=upload.name, user=request.user
            )
        except DataImportError as error:
            problems = [str(problem) for problem in error.problems]
        except ValidationError as error:
            problems = [f"{upload.name}: {message}" for message in error.messages]
        else:
            count = len(versions)
            text = ngettext(
                "%(count)d version has been imported.",
                "%(count)d versions have been imported.",
                count,
            )
            messages.success(request, text % {"count": count})
            return redirect("networkmap:map", pk=person.pk)
    context = {"person": person, "form": form, "problems": problems}
    return render(request, "networkmap/import.html", context, status=400 if problems else 200)
