"""Administration of organisations, users, roles, teams and districts on the platform's
admin site (:mod:`sozialraum.lib.admin_site`).

Organisation administrators see the users with a membership in an organisation they
administer, and change (password, second factor, memberships) only users all of whose
memberships lie there and who are not platform operators: a user who also works for
another organisation is managed by the platform operator. They cannot grant Django's
staff, superuser or permission flags. Every membership change goes through the services,
which log it (:class:`~.models.MembershipChange`).
"""

from __future__ import annotations

from typing import Any

from axes.admin import AccessAttemptAdmin
from axes.models import AccessAttempt
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied
from django.db.models import ForeignKey, Model, QuerySet
from django.forms import BaseInlineFormSet, ModelChoiceField, ModelForm
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, path
from django.utils.translation import gettext_lazy as _

from sozialraum.districts.admin_import import district_import
from sozialraum.districts.models import District, PopulationCount
from sozialraum.lib.admin_site import (
    OperatorOnlyAdmin,
    OrganisationScopedAdmin,
    ReadOnlyAdmin,
    RoleAdminMixin,
    admin_site,
    administered_organisation_ids,
    is_platform_operator,
)

from . import services
from .models import DistrictTeam, Membership, MembershipChange, Organisation, User

#: The user form's fields only platform operators set.
OPERATOR_USER_FIELDS = frozenset({"is_staff", "is_superuser", "groups", "user_permissions"})


def _actor(request: HttpRequest) -> User:
    return request.user  # type: ignore[return-value]


def user_manageable(request: HttpRequest, user: User) -> bool:
    """Whether ``request.user`` may change ``user``: an operator anyone; an organisation
    administrator users (no operators) all of whose memberships are in their organisations."""
    if is_platform_operator(request.user):
        return True
    own = administered_organisation_ids(request.user)
    held = {m.organisation_id for m in user.memberships.all()}
    return bool(own and held and held <= own and not user.is_superuser)


class MembershipInline(RoleAdminMixin, admin.TabularInline):
    """A user's memberships; organisation administrators see and pick only their own
    organisations and must leave the user at least one membership there."""

    model = Membership
    extra = 1
    autocomplete_fields = ["organisation"]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Membership]:
        rows = super().get_queryset(request)
        if is_platform_operator(request.user):
            return rows
        return rows.filter(organisation_id__in=administered_organisation_ids(request.user))

    def get_min_num(self, request: HttpRequest, obj: Model | None = None, **kwargs: Any) -> int:
        return 0 if is_platform_operator(request.user) else 1

    def get_formset(
        self, request: HttpRequest, obj: Any = None, **kwargs: Any
    ) -> type[BaseInlineFormSet[Any, Any, Any]]:
        kwargs.setdefault("validate_min", not is_platform_operator(request.user))
        return super().get_formset(request, obj, **kwargs)

    def formfield_for_foreignkey(
        self, db_field: ForeignKey[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> ModelChoiceField[Any] | None:
        if db_field.name == "organisation" and not is_platform_operator(request.user):
            own = administered_organisation_ids(request.user)
            kwargs["queryset"] = Organisation.objects.filter(pk__in=own)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(User, site=admin_site)
class SozialraumUserAdmin(OrganisationScopedAdmin, UserAdmin):
    organisation_path = "memberships__organisation_id"
    organisation_fields = ()
    inlines = [MembershipInline]
    list_display = ["username", "first_name", "last_name", "email", "is_active", "last_login"]
    actions = ["second_factor_reset"]

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        if obj is None:
            return super().has_change_permission(request, obj)
        return self.in_scope(request, obj) and user_manageable(request, obj)  # type: ignore[arg-type]

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return self.has_change_permission(request, obj)

    def get_fieldsets(self, request: HttpRequest, obj: Model | None = None) -> Any:
        fieldsets = super().get_fieldsets(request, obj)
        if is_platform_operator(request.user):
            return fieldsets
        return [
            (name, {**options, "fields": _without_operator_fields(options["fields"])})
            for name, options in fieldsets
        ]

    def save_formset(
        self, request: HttpRequest, form: ModelForm, formset: Any, change: bool
    ) -> None:
        """Memberships are written through the services, which log each change."""
        if formset.model is not Membership:
            super().save_formset(request, form, formset, change)
            return
        memberships = formset.save(commit=False)
        for membership in formset.deleted_objects:
            services.membership_delete(membership=membership, actor=_actor(request))
        for membership in memberships:
            services.membership_save(membership=membership, actor=_actor(request))

    @admin.action(description=_("Reset second factor (lost phone)"))
    def second_factor_reset(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        users = list(queryset.prefetch_related("memberships"))
        if not all(user_manageable(request, user) for user in users):
            raise PermissionDenied
        for user in users:
            services.second_factor_reset(user=user)
        self.message_user(
            request,
            _("The second factor was reset. Staff set up a new app at their next sign-in."),
            messages.SUCCESS,
        )


def _without_operator_fields(fields: Any) -> list[Any]:
    return [name for name in fields if name not in OPERATOR_USER_FIELDS]


@admin.register(Organisation, site=admin_site)
class OrganisationAdmin(OrganisationScopedAdmin, admin.ModelAdmin):
    """Organisation administrators edit their own organisations' details; creating and
    removing organisations and moving them in the hierarchy is the operator's."""

    organisation_path = "id"
    organisation_fields = ()
    operator_adds = True
    list_display = ["name", "kind", "parent", "email"]
    list_filter = ["kind"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return is_platform_operator(request.user)

    def get_readonly_fields(self, request: HttpRequest, obj: Model | None = None) -> Any:
        if is_platform_operator(request.user):
            return super().get_readonly_fields(request, obj)
        return ["parent", "kind"]

    def get_prepopulated_fields(self, request: HttpRequest, obj: Model | None = None) -> Any:
        return self.prepopulated_fields if is_platform_operator(request.user) else {}


@admin.register(Membership, site=admin_site)
class MembershipAdmin(OrganisationScopedAdmin, admin.ModelAdmin):
    list_display = ["user", "organisation", "role"]
    list_filter = ["role", "organisation"]
    list_select_related = ["user", "organisation"]
    search_fields = ["user__username", "organisation__name"]
    autocomplete_fields = ["user", "organisation"]

    def formfield_for_foreignkey(
        self, db_field: ForeignKey[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> ModelChoiceField[Any] | None:
        if db_field.name == "user" and not is_platform_operator(request.user):
            own = administered_organisation_ids(request.user)
            kwargs["queryset"] = User.objects.filter(memberships__organisation_id__in=own)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def save_model(self, request: HttpRequest, obj: Membership, form: Any, change: bool) -> None:
        services.membership_save(membership=obj, actor=_actor(request))

    def delete_model(self, request: HttpRequest, obj: Membership) -> None:
        services.membership_delete(membership=obj, actor=_actor(request))

    def delete_queryset(self, request: HttpRequest, queryset: QuerySet[Membership]) -> None:
        for membership in queryset.select_related("user", "organisation"):
            services.membership_delete(membership=membership, actor=_actor(request))


@admin.register(MembershipChange, site=admin_site)
class MembershipChangeAdmin(ReadOnlyAdmin, OrganisationScopedAdmin, admin.ModelAdmin):
    """Who added, changed or removed which membership, read-only."""

    list_display = ["at", "actor", "username", "organisation_name", "action", "role"]
    list_filter = ["action", "role"]
    list_select_related = ["actor"]
    search_fields = ["username", "organisation_name"]
    date_hierarchy = "at"


@admin.register(DistrictTeam, site=admin_site)
class DistrictTeamAdmin(OperatorOnlyAdmin, admin.ModelAdmin):
    list_display = ["name"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["districts", "members"]


@admin.register(District, site=admin_site)
class DistrictAdmin(OperatorOnlyAdmin, admin.ModelAdmin):
    list_display = ["name", "kind", "parent", "code", "area_km2"]
    list_filter = ["kind"]
    search_fields = ["name", "code"]
    readonly_fields = ["min_lon", "min_lat", "max_lon", "max_lat", "area_km2", "updated_at"]
    change_list_template = "districts/admin/change_list.html"

    def get_urls(self) -> list[URLPattern]:
        """The import page (upload, preview, confirm) before the model's own pages."""
        view = self.admin_site.admin_view(self.import_view)
        return [path("import/", view, name="districts_district_import"), *super().get_urls()]

    def import_view(self, request: HttpRequest) -> HttpResponse:
        return district_import(request, self.admin_site)


@admin.register(PopulationCount, site=admin_site)
class PopulationCountAdmin(OperatorOnlyAdmin, admin.ModelAdmin):
    list_display = ["district", "year", "age_from", "age_to", "count"]
    list_filter = ["year"]
    search_fields = ["district__name"]


@admin.register(AccessAttempt, site=admin_site)
class LoginLockAdmin(OperatorOnlyAdmin, AccessAttemptAdmin):
    """Failed sign-ins by user name and address (platform operators); deleting a row lifts
    its lock."""

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False
