"""Reads of findings and measures for pages, start sections and district links."""

from __future__ import annotations

from itertools import groupby
from typing import Any

from django.db.models import Prefetch, QuerySet

from sozialraum.accounts.models import DistrictTeam
from sozialraum.districts.models import District

from .models import Finding, Measure, MeasureStatus

#: Measures still to come or under way (shown first, and on the teams' start pages).
ACTIVE = (MeasureStatus.DECIDED, MeasureStatus.IN_PROGRESS)


def measures_listed() -> QuerySet[Measure]:
    """Measures with their districts (two queries when evaluated)."""
    districts = District.objects.defer("boundary", "boundary_display").order_by("name")
    return Measure.objects.prefetch_related(Prefetch("districts", queryset=districts))


def measures_in(district: District) -> QuerySet[Measure]:
    return measures_listed().filter(districts=district)


def measures_for_teams(user: Any, limit: int) -> list[Measure]:
    """Active measures in the districts of the user's district teams, newest decision
    first (two queries)."""
    teams = DistrictTeam.objects.filter(members__user=user).values("districts")
    return list(measures_listed().filter(districts__in=teams, status__in=ACTIVE).distinct()[:limit])


def findings_grouped(findings: QuerySet[Finding]) -> list[tuple[str, list[Finding]]]:
    """Findings by the planning office's group (ungrouped last), newest first within a
    group (one query)."""
    ordered = sorted(findings, key=lambda f: (f.group == "", f.group.casefold()))
    return [(group, list(items)) for group, items in groupby(ordered, key=lambda f: f.group)]
