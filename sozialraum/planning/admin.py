"""Admin of findings and measures, scoped like every other app's admin
(:mod:`sozialraum.lib.admin_site`): an organisation administrator sees and corrects the
findings recorded for their organisations; measures are the city's decisions, kept by
platform operators (planners record them on the planning pages)."""

from __future__ import annotations

from django.contrib import admin

from sozialraum.lib.admin_site import OperatorOnlyAdmin, OrganisationScopedAdmin, admin_site

from .models import Finding, Measure


@admin.register(Finding, site=admin_site)
class FindingAdmin(OrganisationScopedAdmin, admin.ModelAdmin):
    """Findings of the administrator's organisations."""

    list_display = ["theme", "district", "organisation", "group", "created_at"]
    list_filter = ["theme", "organisation"]
    list_select_related = ["district", "organisation"]
    search_fields = ["text", "group"]
    autocomplete_fields = ["district"]
    fields = ["district", "theme", "text", "evidence", "organisation", "group"]


@admin.register(Measure, site=admin_site)
class MeasureAdmin(OperatorOnlyAdmin, admin.ModelAdmin):
    """The city's measures (platform operators)."""

    list_display = ["title", "status", "owner", "decided_on", "budget"]
    list_filter = ["status"]
    search_fields = ["title", "owner"]
    filter_horizontal = ["districts", "findings"]
