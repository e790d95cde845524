"""Administration (Django admin) for administrators: organisations, users, roles, teams.

The admin site is open to users holding the administrator role who passed the second
factor; that role also grants every permission on the models registered here. Its own
login and logout are replaced by the platform's, so throttling and the second factor apply
there too. Every admin URL carries an access declaration.
"""

from __future__ import annotations

from typing import Any

from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import URLPattern, URLResolver, reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext_lazy as _

from sozialraum.districts.models import District, PopulationCount
from sozialraum.lib.access import PUBLIC, Role, roles

from . import services
from .models import DistrictTeam, Membership, Organisation, User

ADMIN_ACCESS = roles(Role.ADMIN)


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
            return redirect(f"{reverse('accounts:login')}?{urlencode({'next': next_url})}")
        if self.has_permission(request):
            return redirect(next_url)
        messages.error(request, _("Your account has no access to the administration."))
        return redirect("accounts:home")

    def logout(  # type: ignore[override]  # a redirect, not the admin's template page
        self, request: HttpRequest, extra_context: Any = None
    ) -> HttpResponse:
        """The platform's sign-out (POST only), so the whole session ends."""
        from .views import logout

        return logout(request)

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


class MembershipInline(RoleAdminMixin, admin.TabularInline):
    model = Membership
    extra = 1
    autocomplete_fields = ["organisation"]


@admin.register(User, site=admin_site)
class SozialraumUserAdmin(RoleAdminMixin, UserAdmin):
    inlines = [MembershipInline]
    list_display = ["username", "first_name", "last_name", "email", "is_active", "last_login"]
    actions = ["second_factor_reset"]

    @admin.action(description=_("Reset second factor (lost phone)"))
    def second_factor_reset(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        for user in queryset:
            services.second_factor_reset(user=user)
        self.message_user(
            request,
            _("The second factor was reset. Staff set up a new app at their next sign-in."),
            messages.SUCCESS,
        )


@admin.register(Organisation, site=admin_site)
class OrganisationAdmin(RoleAdminMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "parent", "email"]
    list_filter = ["kind"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Membership, site=admin_site)
class MembershipAdmin(RoleAdminMixin, admin.ModelAdmin):
    list_display = ["user", "organisation", "role"]
    list_filter = ["role", "organisation"]
    search_fields = ["user__username", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]


@admin.register(DistrictTeam, site=admin_site)
class DistrictTeamAdmin(RoleAdminMixin, admin.ModelAdmin):
    list_display = ["name"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["districts", "members"]


@admin.register(District, site=admin_site)
class DistrictAdmin(RoleAdminMixin, admin.ModelAdmin):
    list_display = ["name", "kind", "parent", "code", "area_km2"]
    list_filter = ["kind"]
    search_fields = ["name", "code"]
    readonly_fields = ["min_lon", "min_lat", "max_lon", "max_lat", "area_km2", "updated_at"]


@admin.register(PopulationCount, site=admin_site)
class PopulationCountAdmin(RoleAdminMixin, admin.ModelAdmin):
    list_display = ["district", "year", "age_from", "age_to", "count"]
    list_filter = ["year"]
    search_fields = ["district__name"]


@admin.register(AccessAttempt, site=admin_site)
class LoginLockAdmin(RoleAdminMixin, AccessAttemptAdmin):
    """Failed sign-ins by user name and address; deleting a row lifts its lock."""

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False
