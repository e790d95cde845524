"""The network map's part of the person's information under GDPR Art. 15: every version,
every contact and every tie, registered with ``casework.export``."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from sozialraum.audit.purposes import Purpose
from sozialraum.casework.export import ExportSection, export_register
from sozialraum.casework.models import Person

from .models import Contact, MapVersion, Tie


def network_map_export(person: Person) -> list[ExportSection]:
    """Three tables: versions, contacts (per version) and ties (per version)."""
    versions = MapVersion.objects.filter(network_map__person=person).order_by("number")
    contacts = Contact.objects.filter(version__network_map__person=person).select_related("version")
    ties = Tie.objects.filter(version__network_map__person=person).select_related(
        "version", "first", "second"
    )
    return [
        ExportSection(
            key="network_map_versions",
            title=_("Network map: versions"),
            fields=[("number", _("number")), ("title", _("title")), ("date", _("date"))],
            records=[{"number": v.number, "title": v.title, "date": v.date} for v in versions],
        ),
        ExportSection(
            key="network_map_contacts",
            title=_("Network map: contacts"),
            fields=_CONTACT_FIELDS,
            records=[_contact_record(contact) for contact in contacts.order_by("version__number")],
        ),
        ExportSection(
            key="network_map_ties",
            title=_("Network map: ties between contacts"),
            fields=[("version", _("version")), ("first", _("contact")), ("second", _("knows"))],
            records=[
                {"version": t.version.number, "first": t.first.name, "second": t.second.name}
                for t in ties.order_by("version__number", "pk")
            ],
        ),
    ]


_CONTACT_FIELDS = [
    ("version", _("version")),
    ("name", _("name")),
    ("role", _("role")),
    ("sector", _("sector")),
    ("ring", _("closeness")),
    ("human", _("a person")),
    ("deceased", _("deceased")),
    ("bond", _("contact with the person")),
    ("note", _("note")),
]


def _contact_record(contact: Contact) -> dict[str, object]:
    return {
        "version": contact.version.number,
        "name": contact.name,
        "role": contact.role,
        "sector": contact.get_sector_display(),
        "ring": contact.get_ring_display(),
        "human": contact.human,
        "deceased": contact.deceased,
        "bond": contact.get_bond_display(),
        "note": contact.note,
    }


def register() -> None:
    export_register("networkmap", network_map_export, purpose=Purpose.NETWORK_MAP)
