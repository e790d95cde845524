"""The platform's admin site (``/verwaltung/``); apps register their models on it.

The admin site is open to users holding the administrator role who passed the second
factor; that role also grants every permission on the models registered with
:class:`RoleAdminMixin`. Its own login and logout are replaced by the platform's, so
throttling and the second factor apply there too. Every admin URL carries an access
declaration. This module knows no app: it reads ``user.roles`` and finds the platform's
sign-in and sign-out by their URL names.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import admin, messages
from django.db.models import Model
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import URLPattern, URLResolver, resolve, reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext_lazy as _

from .access import PUBLIC, Role, roles

ADMIN_ACCESS = roles(Role.ADMIN)
#: The platform's sign-out page, by URL name (lib imports no app).
LOGOUT_URL_NAME = "accounts:logout"


class SozialraumAdminSite(admin.AdminSite):
    site_header = _("Sozialraum administration")
    site_title = _("Sozialraum administration")
    index_title = _("Organisations, users, roles and districts")

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        verified = getattr(user, "is_verified", lambda: False)
        return bool(user.is_active and ADMIN_ACCESS.allows(user) and verified())

    def login(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        """Visitors go to the platform's sign-in; signed-in users without the role are
        sent to their account page (a redirect back to sign-in would loop)."""
        next_url = request.GET.get("next", "")
        if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
            next_url = reverse("admin:index")
        if not request.user.is_authenticated:
            return redirect(f"{reverse(settings.LOGIN_URL)}?{urlencode({'next': next_url})}")
        if self.has_permission(request):
            return redirect(next_url)
        messages.error(request, _("Your account has no access to the administration."))
        return redirect(settings.LOGIN_REDIRECT_URL)

    def logout(  # type: ignore[override]  # a redirect, not the admin's template page
        self, request: HttpRequest, extra_context: Any = None
    ) -> HttpResponse:
        """The platform's sign-out (POST only, found by its URL name), so the whole
        session ends."""
        response: HttpResponse = resolve(reverse(LOGOUT_URL_NAME)).func(request)
        return response

    def get_urls(self) -> list[URLResolver | URLPattern]:
        urls = super().get_urls()
        _declare(urls)
        return urls


def _declare(patterns: list[URLResolver | URLPattern]) -> None:
    """Mark every admin view: its login redirect is public, everything else is for admins."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            _declare(pattern.url_patterns)
            continue
        policy = PUBLIC if pattern.name in {"login", "logout"} else ADMIN_ACCESS
        # Bound methods (login, logout) take attributes on their function.
        target = getattr(pattern.callback, "__func__", pattern.callback)
        setattr(target, "access", policy)  # noqa: B010 - functions take attributes


admin_site = SozialraumAdminSite(name="admin")


class RoleAdminMixin:
    """Administrators (by role, not Django's per-model permissions) may do everything."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return ADMIN_ACCESS.allows(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return ADMIN_ACCESS.allows(request.user)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return ADMIN_ACCESS.allows(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return ADMIN_ACCESS.allows(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return ADMIN_ACCESS.allows(request.user)
