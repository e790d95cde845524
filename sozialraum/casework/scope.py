"""What each purpose shows of a person: the one definition of a consent's scope.

For every :class:`~sozialraum.audit.purposes.Purpose` it names (a) the person's fields a
reader from another organisation sees and (b) the parts (person-page sections and Art. 15
export parts, registered by plan, network map, ...) they see. The owning organisation
sees everything. :func:`sozialraum.casework.access.person_for_user` attaches the
:class:`PersonScope` of each read to the person it returns; the page, the API, the
section registry, the export and the forms of other parts read it from there (see
:func:`scope_of`). The text shown to the person when consenting, and stored with the
consent, is generated from the same definition (:func:`scope_text`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Field
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from sozialraum.audit.purposes import Purpose

from .models import Person
from .sections import PersonSection, person_sections

#: The parts other apps register (person-page sections and export parts), named by the
#: purpose each serves.
PART_PLAN: str = Purpose.PLAN
PART_NETWORK_MAP: str = Purpose.NETWORK_MAP
PART_EARLY_WARNING: str = Purpose.EARLY_WARNING

#: Every field of a person a page or the API can show, in page order.
PERSON_FIELDS: tuple[str, ...] = (
    "name",
    "preferred_name",
    "date_of_birth",
    "phone",
    "email",
    "street_address",
    "postal_code",
    "city",
    "latitude",
    "longitude",
    "district",
    "living_situation",
    "accessibility_needs",
    "communication_needs",
    "organisation",
    "created_at",
    "closed_at",
)

#: Shown to every reader: who the person is, who owns the case, whether it is open.
_CASE_FIELDS = frozenset({"name", "organisation", "created_at", "closed_at"})
_NEEDS = frozenset({"preferred_name", "district", "accessibility_needs", "communication_needs"})


@dataclass(frozen=True)
class ScopeDefinition:
    """What a consent for one purpose shares: person fields, parts, and whether the
    recipient follows up referrals of the person."""

    fields: frozenset[str]
    parts: frozenset[str] = frozenset()
    follow_up: bool = False


_EVERYTHING = ScopeDefinition(
    fields=frozenset(PERSON_FIELDS),
    parts=frozenset({PART_PLAN, PART_NETWORK_MAP}),
    follow_up=True,
)

#: The one definition: what a reader from another organisation sees for each purpose.
#: Case work and the Art. 15 information are never shared (the owner's own purposes).
SCOPES: dict[str, ScopeDefinition] = {
    Purpose.CASEWORK: _EVERYTHING,
    Purpose.EXPORT: _EVERYTHING,
    Purpose.PLAN: ScopeDefinition(fields=_CASE_FIELDS | _NEEDS, parts=frozenset({PART_PLAN})),
    Purpose.REFERRAL: ScopeDefinition(fields=_CASE_FIELDS | _NEEDS, follow_up=True),
    Purpose.NETWORK_MAP: ScopeDefinition(
        fields=_CASE_FIELDS | {"preferred_name", "district"},
        parts=frozenset({PART_NETWORK_MAP}),
    ),
    Purpose.DISTRICT_TEAM: ScopeDefinition(
        fields=_CASE_FIELDS | _NEEDS | {"living_situation"}, parts=frozenset({PART_PLAN})
    ),
    Purpose.EARLY_WARNING: ScopeDefinition(
        fields=_CASE_FIELDS | _NEEDS | {"living_situation"},
        parts=frozenset({PART_EARLY_WARNING}),
    ),
}
assert SCOPES.keys() == set(Purpose.values)
assert all(scope.fields <= set(PERSON_FIELDS) for scope in SCOPES.values())


def follow_up_purposes() -> list[str]:
    """The purposes whose consent lets the recipient follow up the person's referrals."""
    return [purpose for purpose, scope in SCOPES.items() if scope.follow_up]


@dataclass(frozen=True)
class PersonScope:
    """What one reader sees of one person: everything as owner, else the purpose's scope."""

    purpose: str
    is_owner: bool

    @property
    def definition(self) -> ScopeDefinition:
        return _EVERYTHING if self.is_owner else SCOPES[self.purpose]

    @property
    def fields(self) -> tuple[str, ...]:
        """The visible person fields, in page order."""
        return tuple(name for name in PERSON_FIELDS if name in self.definition.fields)

    def shows(self, field: str) -> bool:
        return field in self.definition.fields

    def allows(self, part: str) -> bool:
        """Whether the person-page sections and export parts serving the purpose ``part``
        are visible (every
        part, registered or to come, for the owner)."""
        return self.is_owner or part in self.definition.parts


def scope_of(person: Person) -> PersonScope:
    """The scope ``person`` was read with; a person not read through ``person_for_user``
    has none, and showing it is an error rather than everything."""
    scope = getattr(person, "scope", None)
    if not isinstance(scope, PersonScope):
        raise LookupError("Read the person through person_for_user first.")
    return scope


def field_label(name: str) -> str:
    field = Person._meta.get_field(name)
    assert isinstance(field, Field)
    return str(capfirst(field.verbose_name))


def visible_sections(person: Person) -> list[PersonSection]:
    """The registered person-page sections the scope ``person`` was read with allows."""
    scope = scope_of(person)
    return [section for section in person_sections() if scope.allows(section.purpose)]


def _part_titles() -> dict[str, str]:
    titles: dict[str, list[str]] = {}
    for section in person_sections():
        titles.setdefault(section.purpose, []).append(str(section.title))
    return {part: ", ".join(names) for part, names in titles.items()}


def scope_text(purpose: str) -> str:
    """The scope of ``purpose`` in words, as shown to the person and kept with the consent:
    the fields' labels, then the parts' titles. Technical case data (created, closed) is
    not listed."""
    definition = SCOPES[purpose]
    labels = [
        field_label(name)
        for name in PERSON_FIELDS
        if name in definition.fields and name not in {"created_at", "closed_at"}
    ]
    titles = _part_titles()
    parts = [titles.get(part, str(Purpose(part).label)) for part in sorted(definition.parts)]
    text = ", ".join(labels)
    if parts:
        text += "; " + ", ".join(parts)
    if definition.follow_up:
        text += "; " + _("follow-up of referrals")
    return text


def person_facts(person: Person) -> list[tuple[str, Any]]:
    """(label, value) of the visible fields for a page, values as shown."""
    scope = scope_of(person)
    values: dict[str, Any] = {
        "district": person.district.name if person.district else None,
        "organisation": person.organisation.name,
        "living_situation": person.get_living_situation_display(),
        "accessibility_needs": ", ".join(person.need_labels),
    }
    facts = []
    for name in scope.fields:
        if name in {"name", "created_at", "closed_at"}:
            continue
        value = values[name] if name in values else getattr(person, name)
        facts.append((field_label(name), value))
    return facts
