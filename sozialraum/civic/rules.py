"""Who may do what with ideas, defined once.

- Proposing, commenting and reporting: signed-in residents (role resident).
- Supporting: verified residents only, whose identity a city office checked in person
  (:class:`~.models.VerifiedResident`), so that one support stands for one person.
- Verifying residents: the city, as below.
- Answering ideas and moderating comments: the city. A user answers for the city when
  they hold the role planner, coordinator or administrator in an organisation of a city
  kind (``city_social_services``, ``city_planning``); the same role in a welfare
  organisation or association does not count. The answer records that organisation.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

from sozialraum.accounts.models import Membership, Organisation, OrganisationKind
from sozialraum.lib.access import Role, roles

from .models import VerifiedResident

#: Organisation kinds that speak for the city.
CITY_KINDS: frozenset[str] = frozenset(
    {OrganisationKind.CITY_SOCIAL_SERVICES, OrganisationKind.CITY_PLANNING}
)
#: Roles that answer ideas and moderate comments, when held in a city organisation.
ANSWER_ROLES: frozenset[str] = frozenset({Role.PLANNER, Role.COORDINATOR, Role.ADMIN})

#: The page declarations: residents take part; the answering roles see the answer pages
#: (each view then checks the organisation through :func:`answering_organisation`).
RESIDENTS = roles(Role.RESIDENT)
ANSWERERS = roles(*sorted(ANSWER_ROLES))


def answering_organisation(user: Any) -> Organisation | None:
    """The city organisation ``user`` answers for (the first by name), or None if they may
    not answer ideas."""
    if not getattr(user, "is_authenticated", False):
        return None
    membership = (
        Membership.objects.filter(
            user=user, role__in=ANSWER_ROLES, organisation__kind__in=CITY_KINDS
        )
        .select_related("organisation")
        .order_by("organisation__name")
        .first()
    )
    return None if membership is None else membership.organisation


def is_resident(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False) and Role.RESIDENT in user.roles)


def is_verified_resident(user: Any) -> bool:
    """A resident whose identity a city office has checked (who may support ideas)."""
    return is_resident(user) and VerifiedResident.objects.filter(user=user).exists()


def support_threshold() -> int:
    """Supports that flag an idea for the planning office (``CIVIC_SUPPORT_THRESHOLD``)."""
    return int(settings.CIVIC_SUPPORT_THRESHOLD)
