"""The person's information under GDPR Art. 15: a readable, printable page and a JSON
download of the same data, both for the owning organisation and both logged."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from sozialraum.accounts.roles import CASE_WORK
from sozialraum.audit.models import AccessAction
from sozialraum.audit.purposes import Purpose
from sozialraum.lib.export import json_download

from .access import person_for_user
from .export import person_export, person_export_json
from .models import Person
from .views import access


def _person(request: HttpRequest, pk: int) -> Person:
    return person_for_user(
        request.user, pk, purpose=Purpose.EXPORT, write=True, action=AccessAction.EXPORT
    )


@access(CASE_WORK)
def export_page(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(request, pk)
    context = {"person": person, "sections": person_export(person), "created_at": timezone.now()}
    return render(request, "casework/export.html", context)


@access(CASE_WORK)
def export_json(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(request, pk)
    return json_download(person_export_json(person), filename=f"auskunft-person-{person.pk}.json")
