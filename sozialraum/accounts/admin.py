"""Administration of organisations, users, roles, teams and districts on the platform's
admin site (:mod:`sozialraum.lib.admin_site`)."""

from __future__ import annotations

from typing import Any

from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from sozialraum.districts.models import District, PopulationCount
from sozialraum.lib.admin_site import RoleAdminMixin, admin_site

from . import services
from .models import DistrictTeam, Membership, Organisation, User


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
