"""The link from a district's public page to its barriers (table, map, exports), with how
many are recorded and still open; none where no barrier is recorded. Registered in
:class:`~.apps.BarriersConfig` through :mod:`sozialraum.districts.page_links`."""

from __future__ import annotations

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import ngettext

from sozialraum.districts.models import District
from sozialraum.districts.page_links import DistrictLink, district_links_register

from .models import ACTIVE_STATES, Barrier


def barrier_links(district: District) -> list[DistrictLink]:
    """One query: the district's barriers counted, all and still open."""
    counts = Barrier.objects.filter(district=district).aggregate(
        total=Count("pk"), open=Count("pk", filter=Q(state__in=ACTIVE_STATES))
    )
    if not counts["total"]:
        return []
    label = (
        ngettext(
            "%(total)s barrier recorded on neighbourhood walks, %(open)s still open",
            "%(total)s barriers recorded on neighbourhood walks, %(open)s still open",
            counts["total"],
        )
        % counts
    )
    return [DistrictLink(label, reverse("barriers:district", kwargs={"slug": district.slug}))]


def register() -> None:
    district_links_register("barriers", barrier_links)
