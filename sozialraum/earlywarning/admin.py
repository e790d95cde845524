"""Early-warning rules on the platform's admin site: platform operators edit their texts,
thresholds and whether they are active; the set of rules is fixed (the platform knows how
to evaluate each), so none is added or deleted here.

The outreach lists (entries, signals, contacts, their history) and the screenings are not
on the admin site: they are about persons and addresses that only the district team's
members may see, each read logged (:mod:`.selectors`)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from sozialraum.lib.admin_site import OperatorOnlyAdmin, admin_site

from .models import Rule


@admin.register(Rule, site=admin_site)
class RuleAdmin(OperatorOnlyAdmin, admin.ModelAdmin):
    list_display = ["title", "code", "threshold", "active"]
    readonly_fields = ["code"]
    fields = ["code", "title", "reason", "basis", "threshold", "threshold_label", "active"]

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
