"""The plan on the platform's admin site: only the anonymous planning data, read-only.
Persons and their plans are never shown here (they go through the one access helper)."""

from __future__ import annotations

from django.contrib import admin

from sozialraum.lib.admin_site import ReadOnlyOperatorAdmin, admin_site

from .models import ReferralGap


@admin.register(ReferralGap, site=admin_site)
class ReferralGapAdmin(ReadOnlyOperatorAdmin, admin.ModelAdmin):
    """Referrals that found nothing suitable, by district, category and month (platform
    operators; no organisation owns this city-wide planning data)."""

    list_display = ["month", "district", "category", "life_area", "outcome", "reason"]
    list_filter = ["outcome", "reason", "district", "month"]
    list_select_related = ["district", "category"]
    date_hierarchy = "month"
