"""Admin of walks and barriers: the offices with their deadlines and the routing rules
are data an administrator keeps (which office fixes which kind in which district)."""

from __future__ import annotations

from django.contrib import admin

from sozialraum.lib.admin_site import (
    NamedRowControls,
    OperatorOnlyAdmin,
    ReadOnlyOperatorAdmin,
    admin_site,
)

from .models import Barrier, Office, RoutingRule


class RoutingRuleInline(OperatorOnlyAdmin, admin.TabularInline):
    model = RoutingRule
    formset = NamedRowControls
    extra = 1
    autocomplete_fields = ["district"]


@admin.register(Office, site=admin_site)
class OfficeAdmin(OperatorOnlyAdmin, admin.ModelAdmin):
    """Offices and their deadlines per state (city-wide data: platform operators)."""

    list_display = ["name", "is_fallback", "days_open", "days_acknowledged", "days_planned"]
    search_fields = ["name"]
    inlines = [RoutingRuleInline]


@admin.register(RoutingRule, site=admin_site)
class RoutingRuleAdmin(OperatorOnlyAdmin, admin.ModelAdmin):
    """Which office receives which kind of barrier in which district."""

    list_display = ["kind", "district", "office"]
    list_filter = ["kind", "office"]
    autocomplete_fields = ["district"]


@admin.register(Barrier, site=admin_site)
class BarrierAdmin(ReadOnlyOperatorAdmin, admin.ModelAdmin):
    """Barriers for the operator's overview; their states move on the barrier's page."""

    list_display = ["kind", "address", "district", "office", "state", "reported_at"]
    list_filter = ["state", "kind", "office"]
    list_select_related = ["district", "office"]
    readonly_fields = ["reporter", "walk", "state", "state_since", "reported_at"]
    exclude = ["photo"]
