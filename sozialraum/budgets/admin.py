"""Pooled budgets on the admin site, read only and scoped like every other app's admin
(:mod:`sozialraum.lib.admin_site`): platform operators see everything, an organisation
administrator only their organisations' budgets and bookings. Planners set budgets and
targets on their page, providers book on theirs, where the rules apply."""

from __future__ import annotations

from django.contrib import admin

from sozialraum.lib.admin_site import OrganisationScopedAdmin, ReadOnlyAdmin, admin_site

from .models import Booking, Budget


@admin.register(Budget, site=admin_site)
class BudgetAdmin(ReadOnlyAdmin, OrganisationScopedAdmin, admin.ModelAdmin):
    """The budgets of the administrator's organisations."""

    organisation_path = "provider_id"
    list_display = ["provider", "district", "year", "amount"]
    list_filter = ["year"]
    list_select_related = ["provider", "district"]


@admin.register(Booking, site=admin_site)
class BookingAdmin(ReadOnlyAdmin, OrganisationScopedAdmin, admin.ModelAdmin):
    """The bookings against the administrator's organisations' budgets."""

    organisation_path = "budget__provider_id"
    list_display = ["reference", "budget", "booked_on", "kind", "amount"]
    list_filter = ["kind"]
    list_select_related = ["budget__provider", "budget__district"]
    date_hierarchy = "booked_on"
