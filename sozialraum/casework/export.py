"""The person's data for their right of access (GDPR Art. 15), gathered from every part.

Each part registers a function that returns its sections for a person; the export calls
them all, so plans, network maps and later parts join without editing this module::

    from sozialraum.casework.export import ExportSection, export_register

    def network_map_export(person: Person) -> list[ExportSection]:
        return [ExportSection(key="network_contacts", title=_("Network map: contacts"),
                              fields=[("name", _("Name")), ("sector", _("Sector"))],
                              records=[{"name": ..., "sector": ...}, ...])]

    export_register("networkmap", network_map_export)

The sections are :class:`sozialraum.lib.export.ExportSection` (re-exported here).
``fields`` name the keys of the records (in order) with their labels: the JSON download
uses the keys, the readable page the labels. Values must be JSON-serialisable (dates and
times are written in ISO 8601, date-times in local time with their offset).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sozialraum.audit.export import access_log_section
from sozialraum.audit.models import AccessLogEntry
from sozialraum.audit.purposes import Purpose
from sozialraum.lib.export import ExportSection, sections_json

from .models import NEED_LABELS, Person
from .scope import PersonScope

__all__ = ["ExportSection", "export_register", "person_export", "person_export_json"]


Exporter = Callable[[Person], list[ExportSection]]
_EXPORTERS: dict[str, tuple[Exporter, str]] = {}


def export_register(key: str, exporter: Exporter, *, purpose: str = Purpose.EXPORT) -> None:
    """Adds (or, with the same key, replaces) a part's contribution to the export; it is
    shown to readers whose scope allows the part's ``purpose`` (by default: the owner's
    export only, see :mod:`sozialraum.casework.scope`)."""
    _EXPORTERS[key] = (exporter, purpose)


def _export_scope(person: Person) -> PersonScope:
    """The scope ``person`` was read with; the export is the owning organisation's (read
    for the export purpose), so a person read otherwise (a command, a test) is the owner's."""
    scope = getattr(person, "scope", None)
    return scope if isinstance(scope, PersonScope) else PersonScope(Purpose.EXPORT, is_owner=True)


def person_export(person: Person) -> list[ExportSection]:
    """Every registered part's sections for ``person`` the reader's scope allows, the
    person's own data first (only the fields in scope)."""
    scope = _export_scope(person)
    sections: list[ExportSection] = []
    for key in sorted(_EXPORTERS, key=lambda k: (k != "casework", k)):
        exporter, purpose = _EXPORTERS[key]
        if key == "casework":
            sections.append(_person_section(person, scope))
            if scope.is_owner:
                sections.extend(exporter(person))
        elif scope.allows(purpose):
            sections.extend(exporter(person))
    return sections


def person_export_json(person: Person) -> dict[str, Any]:
    return {
        "person_id": person.pk,
        "created_at": timezone.localtime().isoformat(),
        "sections": sections_json(person_export(person)),
    }


def _person_section(person: Person, scope: PersonScope) -> ExportSection:
    """The person's own data, the fields in ``scope`` only."""
    labels = {f.name: f.verbose_name for f in Person._meta.concrete_fields}
    keys = [
        "name", "preferred_name", "date_of_birth", "phone", "email", "street_address",
        "postal_code", "city", "latitude", "longitude", "living_situation",
        "communication_needs", "created_at", "closed_at",
        "organisation", "district", "accessibility_needs",
    ]  # fmt: skip
    record: dict[str, Any] = {key: getattr(person, key) for key in keys[:14]}
    record["living_situation"] = person.get_living_situation_display()
    record["organisation"] = person.organisation.name
    record["district"] = person.district.name if person.district else None
    record["accessibility_needs"] = [str(NEED_LABELS[c]) for c in person.accessibility_needs]
    shown = [key for key in keys if scope.shows(key)]
    return ExportSection(
        key="person",
        title=_("Personal data"),
        fields=[(key, labels[key]) for key in shown],
        records=[{key: record[key] for key in shown}],
    )


def _consent_section(person: Person) -> ExportSection:
    consents = person.consents.select_related("shared_with_organisation", "shared_with_team")
    return ExportSection(
        key="consents",
        title=_("Consents"),
        fields=[
            ("purpose", _("purpose")),
            ("scope", _("what may be shared")),
            ("shared_with", _("shared with")),
            ("given_at", _("given on")),
            ("withdrawn_at", _("withdrawn on")),
            ("evidence", _("evidence")),
        ],
        records=[
            {
                "purpose": c.get_purpose_display(),
                "scope": c.scope,
                "shared_with": ", ".join(c.recipients),
                "given_at": c.given_at,
                "withdrawn_at": c.withdrawn_at,
                "evidence": c.get_evidence_display(),
            }
            for c in consents
        ],
    )


def casework_export(person: Person) -> list[ExportSection]:
    """The case-work part after the person's data (owner only): consents and the log."""
    entries = AccessLogEntry.objects.filter(person_id=person.pk)
    return [_consent_section(person), access_log_section(entries)]


export_register("casework", casework_export)
