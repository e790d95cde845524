"""The start page's sections, registered by the parts that own them.

After sign-in everyone lands on ``/start/``: one page with a section for each role the
user holds (a user can hold several memberships). This app owns the page; the parts that
own the data (case work, the directory, ...) register their sections in their
``AppConfig.ready`` without this app importing them::

    from sozialraum.accounts.start import StartSection, start_section_register

    start_section_register(StartSection(
        key="offers", title=_("Your offers"), template="directory/start_section.html",
        audience=roles(Role.PROVIDER_EDITOR), order=20, context=offers_context,
    ))

A section's ``context`` is called only for users its audience allows; its template
receives the context's keys and ``section``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from sozialraum.lib.access import Access

StartContext = Callable[[HttpRequest], dict[str, Any]]


def _no_context(request: HttpRequest) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class StartSection:
    """One block of the start page: its audience (roles), a template, its place."""

    key: str
    title: Any
    template: str
    audience: Access
    order: int = 100
    context: StartContext = field(default=_no_context)


_SECTIONS: dict[str, StartSection] = {}


def start_section_register(section: StartSection) -> None:
    """Adds (or, with the same key, replaces) a section of the start page."""
    _SECTIONS[section.key] = section


def start_sections(user: Any) -> list[StartSection]:
    """The sections ``user`` may see, in page order."""
    allowed = [s for s in _SECTIONS.values() if s.audience.allows(user)]
    return sorted(allowed, key=lambda section: (section.order, section.key))


@dataclass(frozen=True)
class RenderedSection:
    """A section and its template rendered with its context (escaped by the template)."""

    section: StartSection
    html: SafeString


def start_page_sections(request: HttpRequest) -> list[RenderedSection]:
    """The sections for the signed-in user, each rendered."""
    return [
        RenderedSection(
            section,
            render_to_string(
                section.template, {"section": section, **section.context(request)}, request
            ),
        )
        for section in start_sections(request.user)
    ]
