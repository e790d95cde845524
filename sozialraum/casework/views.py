"""Person pages: the person's page (the hub other parts hang their sections on), the list
of my persons, creating, editing and closing a case, and consents.

Every page reads the person through :func:`sozialraum.casework.access.person_for_user`,
which checks role, organisation and consent and writes the access log.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string

from sozialraum.lib.access import Role, access, roles

from .access import owner_organisation_ids, person_for_user
from .models import Person, Purpose
from .sections import person_sections

CASE_WORK = roles(Role.WORKER, Role.COORDINATOR, Role.ADMIN)


def page_purpose(request: HttpRequest) -> str:
    """The purpose a page is read for: ``?zweck=`` (a consent's purpose, for readers from
    another organisation) or case work."""
    purpose = request.GET.get("zweck", "")
    return purpose if purpose in Purpose.values else Purpose.CASEWORK


@access(CASE_WORK)
def person_detail(request: HttpRequest, pk: int) -> HttpResponse:
    purpose = page_purpose(request)
    person = person_for_user(request.user, pk, purpose=purpose)
    is_owner = person.organisation_id in owner_organisation_ids(request.user)
    context = {
        "person": person,
        "is_owner": is_owner,
        "purpose": purpose,
        "sections": _sections(request, person, is_owner=is_owner, purpose=purpose),
        "consents": person.consents.select_related("shared_with_organisation", "shared_with_team")
        if is_owner
        else [],
    }
    return render(request, "casework/person.html", context)


def _sections(
    request: HttpRequest, person: Person, *, is_owner: bool, purpose: str
) -> list[dict[str, Any]]:
    """The registered sections this reader may see: all for the owner, else those of the
    purpose the page is read for."""
    return [
        {
            "section": section,
            "html": render_to_string(
                section.template,
                {"person": person, **section.context(request, person)},
                request=request,
            ),
        }
        for section in person_sections()
        if is_owner or section.purpose == purpose
    ]
