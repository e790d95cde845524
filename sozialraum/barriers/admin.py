"""Admin of walks and barriers: the offices with their deadlines and the routing rules
are city-wide data platform operators keep (which office fixes which kind in which
district). Walks and barriers are scoped like every other app's admin
(:mod:`sozialraum.lib.admin_site`): an organisation administrator sees the walks of their
organisations (and corrects their title, date, participants and notes) and, read only, the
barriers routed to their organisations' offices."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from sozialraum.lib.admin_site import (
    NamedRowControls,
    OperatorOnlyAdmin,
    OrganisationScopedAdmin,
    ReadOnlyAdmin,
    admin_site,
)

from .models import Barrier, Office, RoutingRule, Walk


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


@admin.register(Walk, site=admin_site)
class WalkAdmin(OrganisationScopedAdmin, admin.ModelAdmin):
    """Walks of the administrator's organisations. The route and the district are drawn
    on the walk's page (where barriers are checked against them); new walks start there."""

    list_display = ["title", "organisation", "district", "walked_on", "participants"]
    list_filter = ["organisation"]
    list_select_related = ["organisation", "district"]
    search_fields = ["title"]
    fields = [
        "title", "organisation", "district", "walked_on", "organiser", "participants",
        "wheelchair_users", "rollator_users", "blind_participants", "deaf_participants", "notes",
    ]  # fmt: skip
    readonly_fields = ["district", "organiser"]

    def has_add_permission(self, request: HttpRequest, *args: Any) -> bool:
        return False


@admin.register(Barrier, site=admin_site)
class BarrierAdmin(ReadOnlyAdmin, OrganisationScopedAdmin, admin.ModelAdmin):
    """Barriers routed to the administrator's organisations' offices (all for operators),
    read only: their states move on the barrier's page."""

    organisation_path = "office__organisation_id"

    list_display = ["kind", "address", "district", "office", "state", "reported_at"]
    list_filter = ["state", "kind", "office"]
    list_select_related = ["district", "office"]
    readonly_fields = ["reporter", "walk", "state", "state_since", "reported_at"]
    exclude = ["photo"]
