"""Person pages: the list of my persons, creating, the person's page (the hub other parts
hang their sections on), editing, closing a case, and consents.

Every page reads the person through :func:`sozialraum.casework.access.person_for_user`,
which checks role, organisation and consent and writes the access log; the list logs
each person it shows.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import QuerySet
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from sozialraum.accounts.models import Organisation
from sozialraum.accounts.roles import CASE_WORK
from sozialraum.audit.purposes import Purpose
from sozialraum.districts.maps import picker_map
from sozialraum.lib.access import access
from sozialraum.lib.pagination import FirstPagePaginator

from . import services
from .access import owner_organisation_ids, person_for_user
from .forms import ConsentForm, PersonCreateForm, PersonForm
from .models import Person, shareable_purposes
from .scope import person_facts, scope_text, visible_sections
from .selectors import person_rows, persons_for_user

PER_PAGE = 25


def page_purpose(request: HttpRequest) -> str:
    """The purpose a page is read for: ``?zweck=`` (a consent's purpose, for readers from
    another organisation) or case work."""
    purpose = request.GET.get("zweck", "")
    return purpose if purpose in Purpose.values else Purpose.CASEWORK


def _owner_organisations(request: HttpRequest) -> QuerySet[Organisation]:
    return Organisation.objects.filter(pk__in=owner_organisation_ids(request.user))


@access(CASE_WORK)
def person_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:200]
    persons = persons_for_user(request.user)
    if query:
        persons = persons.filter(name__icontains=query)
    page = FirstPagePaginator(persons, PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "page": page,
        "rows": services.persons_shown_log(
            user=request.user, rows=person_rows(request.user, list(page.object_list))
        ),
        "q": query,
        "query": urlencode({"q": query}) if query else "",
        "may_create": bool(owner_organisation_ids(request.user)),
    }
    return render(request, "casework/person_list.html", context)


def _form_errors_from(form: BaseForm, error: ValidationError) -> None:
    """A service's validation error shown at the form's fields."""
    form.add_error(None, error)


@access(CASE_WORK)
def person_create(request: HttpRequest) -> HttpResponse:
    organisations = _owner_organisations(request)
    if not organisations.exists():
        raise PermissionDenied
    form = PersonCreateForm(request.POST or None, organisations=organisations)
    if request.method == "POST" and form.is_valid():
        try:
            person = services.person_create(
                organisation=form.cleaned_data["organisation"],
                data=form.person_data(),
                user=request.user,
            )
        except ValidationError as error:
            _form_errors_from(form, error)
        else:
            messages.success(request, _("The person was created."))
            return redirect(person)
    context = {"form": form, "person": None, "map": picker_map()}
    return render(request, "casework/person_form.html", context)


@access(CASE_WORK)
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    purpose = page_purpose(request)
    person = person_for_user(request.user, pk, purpose=purpose)
    is_owner = person.organisation_id in owner_organisation_ids(request.user)
    consents = person.consents.select_related("shared_with_organisation", "shared_with_team")
    context = {
        "person": person,
        "is_owner": is_owner,
        "purpose": purpose,
        "purpose_label": Purpose(purpose).label,
        "facts": person_facts(person),
        "sections": _sections(request, person),
        "consents": consents if is_owner else [],
        "deletion_due": person.deletion_due(settings.CASEWORK_RETENTION_DAYS),
    }
    return render(request, "casework/person.html", context)


def _sections(request: HttpRequest, person: Person) -> list[dict[str, Any]]:
    """The registered sections the reader's scope allows: all for the owner, else those
    of the purpose the page is read for."""
    return [
        {
            "section": section,
            "html": render_to_string(
                section.template,
                {"person": person, **section.context(request, person)},
                request=request,
            ),
        }
        for section in visible_sections(person)
    ]


@access(CASE_WORK)
def person_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = person_for_user(request.user, pk, purpose=Purpose.CASEWORK, write=True)
    form = PersonForm(request.POST or None, instance=person)
    if request.method == "POST" and form.is_valid():
        try:
            services.person_update(person=person, data=form.person_data())
        except ValidationError as error:
            _form_errors_from(form, error)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect(person)
    context = {"form": form, "person": person, "map": picker_map()}
    return render(request, "casework/person_form.html", context)


@access(CASE_WORK)
def person_close(request: HttpRequest, pk: int) -> HttpResponse:
    person = person_for_user(request.user, pk, purpose=Purpose.CASEWORK, write=True)
    if request.method == "POST":
        if request.POST.get("reopen"):
            services.person_reopen(person=person)
            messages.success(request, _("The case is open again."))
        else:
            services.person_close(person=person)
            messages.success(request, _("The case is closed."))
        return redirect(person)
    context = {"person": person, "retention_days": settings.CASEWORK_RETENTION_DAYS}
    return render(request, "casework/person_close.html", context)


@access(CASE_WORK)
def consent_create(request: HttpRequest, pk: int) -> HttpResponse:
    person = person_for_user(request.user, pk, purpose=Purpose.CASEWORK, write=True)
    form = ConsentForm(request.POST or None, person=person)
    if request.method == "POST" and form.is_valid():
        try:
            services.consent_record(person=person, data=form.consent_data(), user=request.user)
        except ValidationError as error:
            _form_errors_from(form, error)
        else:
            messages.success(request, _("The consent was recorded."))
            return redirect(person)
    scopes = [(label, scope_text(value)) for value, label in shareable_purposes()]
    context = {"form": form, "person": person, "scopes": scopes}
    return render(request, "casework/consent_form.html", context)


@access(CASE_WORK)
def consent_withdraw(request: HttpRequest, pk: int, consent_pk: int) -> HttpResponse:
    person = person_for_user(request.user, pk, purpose=Purpose.CASEWORK, write=True)
    consent = get_object_or_404(
        person.consents.select_related("shared_with_organisation", "shared_with_team"),
        pk=consent_pk,
    )
    if request.method == "POST":
        services.consent_withdraw(consent=consent)
        messages.success(request, _("The consent is withdrawn: sharing has ended."))
        return redirect(person)
    return render(request, "casework/consent_withdraw.html", {"person": person, "consent": consent})
