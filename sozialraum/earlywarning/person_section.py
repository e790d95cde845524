"""Early warning's section on the person page: the person's PRISMA-7 screenings with
their scores and the person's entries on outreach lists, with links to report a
discharge or bereavement and to screen (for the owning organisation)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from sozialraum.audit.purposes import Purpose
from sozialraum.casework.access import owner_organisation_ids
from sozialraum.casework.models import Person
from sozialraum.casework.sections import PersonSection, person_section_register

from .models import Entry, Screening


def section_context(request: HttpRequest, person: Person) -> dict[str, Any]:
    """The person page has read the person already (and logged it) for its purpose."""
    return {
        "ew_screenings": list(Screening.objects.filter(person=person)[:5]),
        "ew_entries": list(
            Entry.objects.filter(person=person).select_related("team").order_by("-created_at")[:5]
        ),
        "ew_can_report": person.organisation_id in owner_organisation_ids(request.user),
    }


def register() -> None:
    person_section_register(
        PersonSection(
            key="early_warning",
            title=_("Early warning"),
            template="earlywarning/person_section.html",
            purpose=Purpose.EARLY_WARNING,
            order=60,
            context=section_context,
        )
    )
