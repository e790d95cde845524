"""Who may see and write pooled budgets: the one gate of this app.

- The city's planners set budgets and the target share and read every provider's
  budgets and bookings (the city funds them) and the protected share tables.
- A provider's editors and administrators read their own organisations' budgets and book
  against them; another provider's budget is not found (404), so its existence is not told.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from sozialraum.lib.access import Role, roles

from .models import Booking, Budget

PLANNING = roles(Role.PLANNER)
PROVIDER_ROLES = frozenset({Role.PROVIDER_EDITOR, Role.ADMIN})
PROVIDERS = roles(*sorted(PROVIDER_ROLES))
#: The bookings CSV: planners (everything) and providers (their own).
BOOKINGS_READERS = roles(Role.PLANNER, *sorted(PROVIDER_ROLES))


def is_planner(user: Any) -> bool:
    return Role.PLANNER in user.roles


def provider_ids(user: Any) -> frozenset[int]:
    """The organisations whose budgets ``user`` books against."""
    return frozenset(user.organisation_ids_with(PROVIDER_ROLES))


def budgets_for_provider(user: Any) -> QuerySet[Budget]:
    return Budget.objects.filter(provider__in=provider_ids(user))


def budget_for_provider(user: Any, pk: int) -> Budget:
    """One of the user's organisations' budgets; 404 for any other."""
    return get_object_or_404(budgets_for_provider(user).select_related("provider"), pk=pk)


def bookings_for(user: Any) -> QuerySet[Booking]:
    """Every booking for a planner, the own organisations' for a provider."""
    if is_planner(user):
        return Booking.objects.all()
    return Booking.objects.filter(budget__provider__in=provider_ids(user))
