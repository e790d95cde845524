"""Administration (Django admin) for administrators: organisations, users, roles, teams.

The admin site is open to users holding the administrator role who passed the second
factor. Its own login and logout are replaced by the platform's, so throttling and the
second factor apply there too. Every admin URL carries an access declaration.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import URLPattern, URLResolver, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _

from sozialraum.districts.models import District, PopulationCount
from sozialraum.lib.access import PUBLIC, Role, roles

from .models import DistrictTeam, Membership, Organisation, User

ADMIN_ACCESS = roles(Role.ADMIN)


class SozialraumAdminSite(admin.AdminSite):
    site_header = _("Sozialraum administration")
    site_title = _("Sozialraum administration")
    index_title = _("Organisations, users, roles and districts")

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return (
            user.is_active
            and ADMIN_ACCESS.allows(user)
            and user.is_verified()  # type: ignore[union-attr]
        )

    def login(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        query = urlencode({"next": request.GET.get("next", reverse("admin:index"))})
        return redirect(f"{reverse('accounts:login')}?{query}")

    def logout(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        return redirect("accounts:home")

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
        target.access = policy


admin_site = SozialraumAdminSite(name="admin")


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["organisation"]


@admin.register(User, site=admin_site)
class SozialraumUserAdmin(UserAdmin):
    inlines = [MembershipInline]
    list_display = ["username", "first_name", "last_name", "email", "is_active", "last_login"]


@admin.register(Organisation, site=admin_site)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "parent", "email"]
    list_filter = ["kind"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Membership, site=admin_site)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "role"]
    list_filter = ["role", "organisation"]
    search_fields = ["user__username", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]


@admin.register(DistrictTeam, site=admin_site)
class DistrictTeamAdmin(admin.ModelAdmin):
    list_display = ["name"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["districts", "members"]


@admin.register(District, site=admin_site)
class DistrictAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "parent", "code", "area_km2"]
    list_filter = ["kind"]
    search_fields = ["name", "code"]
    readonly_fields = ["min_lon", "min_lat", "max_lon", "max_lat", "area_km2", "updated_at"]


@admin.register(PopulationCount, site=admin_site)
class PopulationCountAdmin(admin.ModelAdmin):
    list_display = ["district", "year", "age_from", "age_to", "count"]
    list_filter = ["year"]
    search_fields = ["district__name"]
