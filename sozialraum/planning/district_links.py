"""The link from a district's public page to the city's measures there; none where
there is no measure. Registered in :class:`~.apps.PlanningConfig` through
:mod:`sozialraum.districts.page_links`."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import ngettext

from sozialraum.districts.models import District
from sozialraum.districts.page_links import DistrictLink, district_links_register

from .models import Measure


def measure_links(district: District) -> list[DistrictLink]:
    """One query: the district's measures counted."""
    count = Measure.objects.filter(districts=district).count()
    if not count:
        return []
    label = ngettext(
        "%(count)s measure the city decided for this district",
        "%(count)s measures the city decided for this district",
        count,
    ) % {"count": count}
    return [
        DistrictLink(label, reverse("planning:district_measures", kwargs={"slug": district.slug}))
    ]


def register() -> None:
    district_links_register("planning", measure_links)
