"""The platform's admin site (``/verwaltung/``) and who may do what on it.

Two audiences:

- **Platform operators** (Django superusers, named by the deployment with
  ``manage.py createsuperuser``): everything on every registered model.
- **Organisation administrators** (a membership with the administrator role): only rows of
  the organisations they administer; models without an organisation (districts, the
  category taxonomy, login locks, anonymous planning data) are for operators alone.

Both must have passed the second factor. The site's own login and logout are replaced by
the platform's, so throttling and the second factor apply there too. Every admin URL
carries an access declaration.

Apps register their models on :data:`admin_site` with one of the mixins below. This module
knows no app: it reads ``user.roles``, ``user.is_superuser`` and
``user.administered_organisation_ids`` (a set of organisation ids) from the user object.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.widgets import AdminSplitDateTime
from django.db.models import Field, ForeignKey, Model, Q, QuerySet
from django.forms import BaseInlineFormSet, ModelChoiceField
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import URLPattern, URLResolver, resolve, reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext_lazy as _
from django.views.i18n import JavaScriptCatalog

from .access import PUBLIC, Role, roles

ADMIN_ACCESS = roles(Role.ADMIN)
#: The platform's sign-out page, by URL name (lib imports no app).
LOGOUT_URL_NAME = "accounts:logout"


def is_platform_operator(user: Any) -> bool:
    """Whether ``user`` operates the whole platform (a Django superuser)."""
    return bool(getattr(user, "is_active", False) and getattr(user, "is_superuser", False))


def administered_organisation_ids(user: Any) -> frozenset[int]:
    """The ids of the organisations ``user`` administers (empty for anyone else)."""
    if not ADMIN_ACCESS.allows(user):
        return frozenset()
    return frozenset(getattr(user, "administered_organisation_ids", frozenset()))


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

    def i18n_javascript(self, request: HttpRequest, extra_context: Any = None) -> HttpResponse:
        """The admin's script texts, with this app's (``lib/locale/*/djangojs.po``) for the
        ones Django's own catalog lacks."""
        view = JavaScriptCatalog.as_view(packages=["django.contrib.admin", "sozialraum.lib"])
        response = view(request)
        assert isinstance(response, HttpResponse)
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


class LabelledSplitDateTime(AdminSplitDateTime):
    """The admin's date and time inputs, each with its text ("Datum:", "Zeit:") as label."""

    template_name = "lib/admin/split_datetime.html"


class AccessibleAdmin:
    """What every admin of the site shares so that assistive technology can use it: the
    static script and style sheet that mend the Django admin's widgets (autocomplete,
    filter boxes, colours) and labelled date and time inputs."""

    class Media:
        js = ["sozialraum/admin.js"]
        css = {"all": ["sozialraum/admin.css"]}

    def formfield_for_dbfield(
        self, db_field: Field[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> Any:
        field = super().formfield_for_dbfield(db_field, request, **kwargs)  # type: ignore[misc]
        if field is not None and type(field.widget) is AdminSplitDateTime:
            field.widget = LabelledSplitDateTime(attrs=field.widget.attrs)
        return field


class NamedRowControls(BaseInlineFormSet):
    """A tabular inline names its fields only in column headings, which screen readers do
    not tie to each row's controls: every visible control of a row (the delete box too)
    carries its field's name as ``aria-label``."""

    def add_fields(self, form: Any, index: int | None) -> None:
        super().add_fields(form, index)
        for field in form.fields.values():
            if not field.widget.is_hidden:
                field.widget.attrs.setdefault("aria-label", str(field.label))


class RoleAdminMixin(AccessibleAdmin):
    """Any administrator (by role, not Django's per-model permissions): for inlines, whose
    parent's admin already decides on the row. Their rows' controls are named."""

    formset: type[BaseInlineFormSet[Any, Any, Any]] = NamedRowControls

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


class OperatorOnlyAdmin(AccessibleAdmin):
    """Models without an organisation: platform operators only."""

    def has_module_permission(self, request: HttpRequest) -> bool:
        return is_platform_operator(request.user)

    def has_view_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return is_platform_operator(request.user)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return is_platform_operator(request.user)

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return is_platform_operator(request.user)

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return is_platform_operator(request.user)


class ReadOnlyAdmin:
    """Records written by the system: read (by whom the next base decides), edited by
    nobody. Put it first among the bases."""

    def get_actions(self, request: HttpRequest) -> dict[str, Any]:
        return {}

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False


class ReadOnlyOperatorAdmin(ReadOnlyAdmin, OperatorOnlyAdmin):
    """Records written by the system, read by platform operators, edited by nobody."""


class OrganisationScopedAdmin(AccessibleAdmin):
    """Rows that belong to an organisation: operators see all, organisation administrators
    only rows of organisations they administer, and may pick only those organisations.

    ``organisation_path`` is the lookup from the model to the organisation's id
    (``"provider_id"``, ``"organisation_id"``, ``"id"`` for the organisation itself).
    ``organisation_fields`` name the foreign keys to organisations whose choices are
    narrowed. ``operator_adds`` keeps adding for operators (new organisations);
    ``unowned_in_scope`` lets administrators also see rows of no organisation (a place no
    offer uses yet).
    """

    organisation_path: str = "organisation_id"
    organisation_fields: Iterable[str] = ("organisation",)
    operator_adds: bool = False
    unowned_in_scope: bool = False

    def get_queryset(self, request: HttpRequest) -> QuerySet[Any]:
        rows: QuerySet[Any] = super().get_queryset(request)  # type: ignore[misc]
        if is_platform_operator(request.user):
            return rows
        return rows.filter(self._scope(request)).distinct()

    def _scope(self, request: HttpRequest) -> Q:
        """The rows of the organisations ``request.user`` administers (and, with
        ``unowned_in_scope``, rows of no organisation yet)."""
        scope = Q(**{f"{self.organisation_path}__in": self._own(request)})
        if self.unowned_in_scope:
            scope |= Q(**{f"{self.organisation_path}__isnull": True})
        return scope

    def _own(self, request: HttpRequest) -> frozenset[int]:
        return administered_organisation_ids(request.user)

    def in_scope(self, request: HttpRequest, obj: Model | None) -> bool:
        """Whether ``request.user`` may act on ``obj`` (on the model, for ``None``)."""
        if is_platform_operator(request.user):
            return True
        own = self._own(request)
        if not own:
            return False
        if obj is None:
            return True
        model = type(obj)
        return bool(model._default_manager.filter(self._scope(request), pk=obj.pk).exists())

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self.in_scope(request, None)

    def has_view_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return self.in_scope(request, obj)

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        if self.operator_adds:
            return is_platform_operator(request.user)
        return self.in_scope(request, None)

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return self.in_scope(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return self.in_scope(request, obj)

    def formfield_for_foreignkey(
        self, db_field: ForeignKey[Any, Any], request: HttpRequest, **kwargs: Any
    ) -> ModelChoiceField[Any] | None:
        if db_field.name in self.organisation_fields and not is_platform_operator(request.user):
            organisations = db_field.remote_field.model._default_manager
            kwargs["queryset"] = organisations.filter(pk__in=self._own(request))
        return super().formfield_for_foreignkey(db_field, request, **kwargs)  # type: ignore[misc]
