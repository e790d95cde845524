"""The sections of a person's page, registered by the parts that own them.

The person page (``casework:person``) is a hub: it shows the person's own data and then
every registered section the reader's scope allows (the section's purpose is a part of
the scope of the purpose read for, :mod:`sozialraum.casework.scope`; the owner sees
all). Other parts (plans, network maps, ...) add theirs without editing this app::

    from sozialraum.casework.sections import PersonSection, person_section_register

    person_section_register(PersonSection(
        key="network_map", title=_("Network map"), template="networkmap/person_section.html",
        purpose=Purpose.NETWORK_MAP, order=40, context=lambda request, person: {...},
    ))

Register at import time of a module that is always loaded (an ``AppConfig.ready`` or a
``urls`` module). A section's template receives ``person`` and its context's keys.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest

from .models import Person

SectionContext = Callable[[HttpRequest, Person], dict[str, Any]]


def _no_context(request: HttpRequest, person: Person) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class PersonSection:
    """One block of the person page: a template, the purpose it serves, its place."""

    key: str
    title: Any
    template: str
    purpose: str
    order: int = 100
    context: SectionContext = field(default=_no_context)


_SECTIONS: dict[str, PersonSection] = {}


def person_section_register(section: PersonSection) -> None:
    """Adds (or, with the same key, replaces) a section of the person page."""
    _SECTIONS[section.key] = section


def person_sections() -> list[PersonSection]:
    """Every registered section, in page order."""
    return sorted(_SECTIONS.values(), key=lambda section: (section.order, section.key))
