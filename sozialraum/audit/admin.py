"""The access log in the Django admin: listed and read, never added, changed or deleted."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import Model
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from sozialraum.lib.admin_site import OrganisationScopedAdmin, admin_site

from .models import AccessLogEntry


@admin.register(AccessLogEntry, site=admin_site)
class AccessLogEntryAdmin(OrganisationScopedAdmin, admin.ModelAdmin):
    """Organisation administrators read the rows about their organisations' persons."""

    organisation_path = "person__organisation_id"
    list_display = ["at", "user", "person_id", "action", "purpose_shown", "granted"]
    list_filter = ["action", "granted", "purpose"]
    list_select_related = ["user"]
    date_hierarchy = "at"
    fields = ("at", "user", "person_id", "action", "purpose", "granted")
    readonly_fields = fields
    actions = None

    @admin.display(description=_("purpose"), ordering="purpose")
    def purpose_shown(self, row: AccessLogEntry) -> str:
        """The purpose by its label (the column holds the purpose's code)."""
        return row.purpose_label

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Model | None = None) -> bool:
        return False
