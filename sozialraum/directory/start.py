"""The directory's sections of the start page: a provider editor's own offers (the stale
ones first) and a resident's way into the search. Registered in
:class:`~.apps.DirectoryConfig`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from sozialraum.accounts.start import StartSection, start_section_register
from sozialraum.lib.access import Role, roles

from .access import offers_for_editor
from .models import Offer
from .services_editing import stale_condition

#: How many offers each list of the start page shows (the rest behind "My offers").
SHOWN = 8


@dataclass(frozen=True)
class EditorOffers:
    """A provider editor's offers at a glance: counts and the first of each list."""

    total: int
    stale_total: int
    stale: list[Offer]
    recent: list[Offer]


def editor_offers(user: Any) -> EditorOffers:
    """The offers ``user`` may edit: how many, the stale ones (never or long ago
    confirmed, oldest first) and the most recently changed (four queries)."""
    offers = offers_for_editor(user)
    stale = offers.filter(stale_condition())
    return EditorOffers(
        total=offers.count(),
        stale_total=stale.count(),
        stale=list(stale.order_by("last_confirmed_at", "name")[:SHOWN]),
        recent=list(offers.order_by("-updated_at", "name")[:SHOWN]),
    )


def _offers(request: HttpRequest) -> dict[str, Any]:
    return {"offers": editor_offers(request.user)}


def register() -> None:
    start_section_register(
        StartSection(
            key="offers",
            title=_("Your offers"),
            template="directory/start/offers.html",
            audience=roles(Role.PROVIDER_EDITOR),
            order=20,
            context=_offers,
        )
    )
    start_section_register(
        StartSection(
            key="search",
            title=_("Offers near you"),
            template="directory/start/search.html",
            audience=roles(Role.RESIDENT),
            order=50,
        )
    )
