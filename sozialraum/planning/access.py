"""Who may use the planning pages, and the one access helper for findings.

The dashboard and the measures' editing are the planning office's (planners; the
platform's administrators may read the dashboard). Findings are recorded by providers
and district teams (provider editors, workers, coordinators) and by planners; a finding
is seen by the planning office and by the organisation it was recorded for.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from sozialraum.lib.access import Role, roles

from .models import Finding

#: The dashboard: figures, CSV, print view and the JSON API.
DASHBOARD = roles(Role.PLANNER, Role.ADMIN)
#: Recording and changing measures, grouping findings.
PLANNERS = roles(Role.PLANNER)
#: The roles that record findings, and for which organisations.
FINDING_ROLES = frozenset({Role.PROVIDER_EDITOR, Role.WORKER, Role.COORDINATOR, Role.PLANNER})
FINDING_AUTHORS = roles(*sorted(FINDING_ROLES))


def findings_for_user(user: Any) -> QuerySet[Finding]:
    """Every finding for a planner; otherwise those recorded for the organisations in
    which the user holds a role that records findings."""
    findings = Finding.objects.select_related("district", "organisation")
    if PLANNERS.allows(user):
        return findings
    return findings.filter(organisation_id__in=user.organisation_ids_with(FINDING_ROLES))


def finding_for_user(user: Any, pk: int) -> Finding:
    """The finding if the user may see it: 404 when it does not exist, 403 when it
    belongs to another organisation."""
    finding = get_object_or_404(Finding.objects.select_related("district", "organisation"), pk=pk)
    if not findings_for_user(user).filter(pk=pk).exists():
        raise PermissionDenied
    return finding
