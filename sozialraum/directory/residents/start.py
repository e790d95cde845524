""" "Mein Quartier" on a resident's start page: their district's offers and dates, and
their saved offers. Registered in :class:`~sozialraum.directory.apps.DirectoryConfig`;
the neighbourhood and civic apps add their own sections the same way."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from sozialraum.accounts.start import StartSection, start_section_register
from sozialraum.lib.access import Role, roles

from . import selectors

RESIDENTS = roles(Role.RESIDENT)


def _my_district(request: HttpRequest) -> dict[str, Any]:
    district = selectors.home_district(request.user)
    if district is None:
        return {"district": None}
    ids = selectors.district_with_parts(district)
    return {
        "district": district,
        "offers": selectors.district_offers(ids),
        "events": selectors.district_events(ids),
    }


def _saved(request: HttpRequest) -> dict[str, Any]:
    return {"saved": list(selectors.saved_offers(request.user)[: selectors.SHOWN])}


def register() -> None:
    start_section_register(
        StartSection(
            key="my-district",
            title=_("My district"),
            template="directory/start/my_district.html",
            audience=RESIDENTS,
            order=10,
            context=_my_district,
        )
    )
    start_section_register(
        StartSection(
            key="saved-offers",
            title=_("Saved offers"),
            template="directory/start/saved.html",
            audience=RESIDENTS,
            order=15,
            context=_saved,
        )
    )
