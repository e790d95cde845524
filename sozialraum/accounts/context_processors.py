"""Navigation by role, for the base layout."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from sozialraum.lib.access import ORGANISATION_ROLES, Access, Role, roles


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    audience: Access


NAVIGATION: tuple[NavItem, ...] = (
    NavItem(_("Districts"), "districts:index", Access(login=False)),
    NavItem(_("District teams"), "accounts:teams", roles(*ORGANISATION_ROLES)),
    NavItem(_("Administration"), "admin:index", roles(Role.ADMIN)),
    NavItem(_("API"), "api:openapi-view", Access(login=False)),
)


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The menu entries the current user may open, marking the one for this page."""
    user = request.user
    items = []
    for item in NAVIGATION:
        if not item.audience.allows(user):
            continue
        url = reverse(item.url_name)
        current = request.path == url or (url != "/" and request.path.startswith(url))
        items.append({"label": item.label, "url": url, "current": current})
    return {"navigation": items}
