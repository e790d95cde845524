"""The access log in the Django admin: listed and read, never added, changed or deleted."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from sozialraum.lib.admin_site import OrganisationScopedAdmin, ReadOnlyAdmin, admin_site

from .models import AccessLogEntry


@admin.register(AccessLogEntry, site=admin_site)
class AccessLogEntryAdmin(ReadOnlyAdmin, OrganisationScopedAdmin, admin.ModelAdmin):
    """Organisation administrators read the rows about their organisations' persons."""

    organisation_path = "person__organisation_id"
    list_display = [
        "at",
        "user",
        "person_id",
        "subject_user_id",
        "action",
        "purpose_shown",
        "granted",
    ]
    list_filter = ["action", "granted", "purpose"]
    list_select_related = ["user"]
    date_hierarchy = "at"
    fields = ("at", "user", "person_id", "subject_user_id", "action", "purpose", "granted")
    readonly_fields = fields

    @admin.display(description=_("purpose"), ordering="purpose")
    def purpose_shown(self, row: AccessLogEntry) -> str:
        """The purpose by its label (the column holds the purpose's code)."""
        return row.purpose_label
