"""Navigation by role, for the base layout."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from sozialraum.accounts.roles import CASE_WORK
from sozialraum.lib.access import ORGANISATION_ROLES, SIGNED_IN, Access, Role, roles


@dataclass(frozen=True)
class NavItem:
    label: str | Promise
    url_name: str
    audience: Access


PROVIDER_EDITORS = roles(Role.PROVIDER_EDITOR)

NAVIGATION: tuple[NavItem, ...] = (
    NavItem(_("Start"), "start", SIGNED_IN),
    NavItem(_("Offers"), "directory:search", Access(login=False)),
    NavItem(_("My offers"), "directory:mine", roles(Role.PROVIDER_EDITOR, Role.ADMIN)),
    NavItem(_("Districts"), "districts:index", Access(login=False)),
    NavItem(_("Ideas for the district"), "civic:index", Access(login=False)),
    NavItem(_("District teams"), "accounts:teams", roles(*ORGANISATION_ROLES)),
    NavItem(_("Persons"), "casework:list", CASE_WORK),
    NavItem(_("Early warning"), "earlywarning:teams", CASE_WORK),
    NavItem(_("Neighbourhood walks"), "barriers:walks", roles(*ORGANISATION_ROLES)),
    NavItem(_("Access log"), "audit:log", roles(Role.ADMIN)),
    NavItem(_("Due follow-ups"), "plan:follow_ups", roles(Role.WORKER, Role.COORDINATOR)),
    NavItem(_("Referrals to our offers"), "plan:provider_referrals", PROVIDER_EDITORS),
    NavItem(_("Administration"), "admin:index", roles(Role.ADMIN)),
    # The API documentation is for the staff who connect other systems, not for residents.
    NavItem(_("API"), "api:openapi-view", roles(*ORGANISATION_ROLES)),
)


@lru_cache(maxsize=256)
def _menu_url(url_name: str, prefix: str, urlconf: str | None, root_urlconf: str) -> str:
    """The menu entry's address, reversed once per script prefix and URL configuration
    (every page's menu reversed each entry anew: a tenth of a short page's time)."""
    return reverse(url_name, urlconf=urlconf)


def menu_url(url_name: str) -> str:
    return _menu_url(url_name, get_script_prefix(), get_urlconf(), settings.ROOT_URLCONF)


#: Request attribute holding the menu once made: a page rendering parts with the request
#: (the person page's sections) runs every context processor once per part.
_MADE = "sozialraum_navigation"


def navigation(request: HttpRequest) -> dict[str, Any]:
    """The menu entries the current user may open, marking the one for this page (made
    once per request for the same user)."""
    user = request.user
    made = getattr(request, _MADE, None)
    if made is None or made[0] is not user:  # signed in or out since: made anew
        made = (user, {"navigation": _navigation(request)})
        setattr(request, _MADE, made)
    return made[1]


def _navigation(request: HttpRequest) -> list[dict[str, Any]]:
    user = request.user
    items: list[dict[str, Any]] = [
        {"label": item.label, "url": menu_url(item.url_name), "current": False}
        for item in NAVIGATION
        if item.audience.allows(user)
    ]
    # The entry whose address is the longest start of this page's is the current one, so
    # /angebote/meine/ marks "My offers", not also "Offers".
    matching = [i for i in items if request.path == i["url"] or _section(request.path, i["url"])]
    if matching:
        max(matching, key=lambda i: len(i["url"]))["current"] = True
    return items


def _section(path: str, url: str) -> bool:
    return url != "/" and path.startswith(url)
