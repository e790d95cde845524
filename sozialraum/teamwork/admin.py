"""Team work on the platform's admin site, read only and scoped like every other app's
admin (:mod:`sozialraum.lib.admin_site`): platform operators see everything, an
organisation administrator only the hours their organisations booked and the projects of
teams their organisations work in. Changes happen on the team's pages, where the team's
rules apply.

Case conferences, their agenda items and tasks are not on the admin site: they name
persons (shown to the team only under a live consent) and hold minutes, which the
administration has no purpose to read."""

from __future__ import annotations

from django.contrib import admin

from sozialraum.lib.admin_site import OrganisationScopedAdmin, ReadOnlyAdmin, admin_site

from .models import HoursEntry, Project


@admin.register(Project, site=admin_site)
class ProjectAdmin(ReadOnlyAdmin, OrganisationScopedAdmin, admin.ModelAdmin):
    """Quartier projects of the teams the administrator's organisations work in."""

    organisation_path = "team__members__organisation_id"
    list_display = ["title", "team", "district", "kind", "status"]
    list_filter = ["status", "kind"]
    list_select_related = ["team", "district"]
    search_fields = ["title"]
    fields = ["title", "team", "district", "kind", "status", "goals", "partners", "created_at"]


@admin.register(HoursEntry, site=admin_site)
class HoursEntryAdmin(ReadOnlyAdmin, OrganisationScopedAdmin, admin.ModelAdmin):
    """The hours the administrator's organisations booked on projects (the pooled-budget
    figures)."""

    list_display = ["worked_on", "organisation", "project", "hours", "recorded_by"]
    list_filter = ["organisation"]
    list_select_related = ["organisation", "project", "recorded_by"]
    date_hierarchy = "worked_on"
    fields = ["project", "organisation", "worked_on", "hours", "note", "recorded_by"]
