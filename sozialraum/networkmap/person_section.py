"""The network map's section on the person page (``casework:person``): a summary of the
latest version, links to the map and the comparison, and the easyNWK upload."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from sozialraum.audit.purposes import Purpose
from sozialraum.casework.access import owner_organisation_ids
from sozialraum.casework.models import Person
from sozialraum.casework.sections import PersonSection, person_section_register

from .forms import ImportForm
from .metrics import map_metrics
from .selectors import network_map_of, version_snapshot, versions_of


def section_context(request: HttpRequest, person: Person) -> dict[str, Any]:
    """The person page has read the person already (and logged it) for its purpose."""
    network_map = network_map_of(person)
    summary = None
    if network_map is not None:
        versions = versions_of(network_map)
        latest = versions[-1]
        summary = {
            "version": latest,
            "versions": len(versions),
            "metrics": map_metrics(version_snapshot(latest)),
        }
    can_edit = person.organisation_id in owner_organisation_ids(request.user)
    return {
        "network_map_summary": summary,
        "network_map_can_edit": can_edit,
        "network_map_import_form": ImportForm() if can_edit else None,
    }


def register() -> None:
    person_section_register(
        PersonSection(
            key="network_map",
            title=_("Network map"),
            template="networkmap/person_section.html",
            purpose=Purpose.NETWORK_MAP,
            order=40,
            context=section_context,
        )
    )
