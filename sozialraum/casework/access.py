"""The one access helper for persons: every page and API path that reads or writes a
person's data goes through :func:`person_for_user`.

Who may see a person, for a purpose:
- a worker, coordinator or administrator of the organisation that owns the person
  (for any purpose), or
- such a user whose organisation, or one of whose district teams (through a membership
  with one of those roles), holds a live consent of the person for exactly that purpose.
Writing (``write=True``) is for the owning organisation only. Every decision, granted or
refused, writes an access-log row before it returns or raises.

What the reader then sees of the person is the purpose's scope
(:mod:`sozialraum.casework.scope`): the returned person carries it as ``person.scope``,
and pages, API, sections and export show only what it allows.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404

from sozialraum.accounts.roles import CASE_WORK_ROLES
from sozialraum.audit.models import AccessAction
from sozialraum.audit.purposes import Purpose
from sozialraum.audit.services import access_log_write
from sozialraum.districts.models import geometry_fields

from .models import Consent, Person
from .scope import PersonScope


def owner_organisation_ids(user: Any) -> frozenset[int]:
    """The organisations whose persons ``user`` works with as owner (from the memberships
    the user object read once for the request, with its roles)."""
    if not getattr(user, "is_authenticated", False) or not (CASE_WORK_ROLES & user.roles):
        return frozenset()
    return frozenset(user.organisation_ids_with(CASE_WORK_ROLES))


def consent_recipient_filter(user: Any) -> Q:
    """Consents shared with ``user``: with one of their case-work organisations or with a
    district team they belong to through a case-work membership. The organisations and
    memberships are those the user object read once for the request (ids in the query,
    not a subquery per use); nobody's for an anonymous user."""
    if not getattr(user, "is_authenticated", False):
        return Q(pk__in=[])
    return Q(shared_with_organisation__in=user.organisation_ids_with(CASE_WORK_ROLES)) | Q(
        shared_with_team__members__in=user.membership_ids_with(CASE_WORK_ROLES)
    )


def user_may_access(user: Any, person: Person, *, purpose: str, write: bool = False) -> bool:
    """Whether ``user`` may read (or, with ``write``, change) ``person`` for ``purpose``."""
    if person.organisation_id in owner_organisation_ids(user):
        return True
    if write or not (CASE_WORK_ROLES & getattr(user, "roles", frozenset())):
        return False
    return (
        Consent.objects.live()
        .filter(consent_recipient_filter(user), person=person, purpose=purpose)
        .exists()
    )


def person_for_user(
    user: Any, pk: Any, *, purpose: str, write: bool = False, action: str | None = None
) -> Person:
    """The person ``pk`` if ``user`` may access them for ``purpose``, carrying the scope
    of what ``user`` sees of them (``person.scope``, read by :func:`.scope.scope_of`).

    Raises ``Http404`` for an unknown person (no log row: there is no person) and
    ``PermissionDenied`` when refused; logs every granted and refused access (action
    "view", or "update" with ``write``, or ``action`` if given, e.g. "export").
    ``purpose`` must be a :class:`Purpose` value.
    """
    if purpose not in Purpose.values:
        raise ValueError(f"Unknown purpose {purpose!r}.")
    try:
        person = (
            Person.objects.select_related("organisation", "district")
            .defer(*geometry_fields("district"))
            .get(pk=pk)
        )
    except (Person.DoesNotExist, ValueError, TypeError) as error:
        raise Http404 from error
    granted = user_may_access(user, person, purpose=purpose, write=write)
    action = action or (AccessAction.UPDATE if write else AccessAction.VIEW)
    access_log_write(
        user=user, person_ids=[person.pk], action=action, purpose=purpose, granted=granted
    )
    if not granted:
        raise PermissionDenied
    is_owner = person.organisation_id in owner_organisation_ids(user)
    person.scope = PersonScope(purpose=purpose, is_owner=is_owner)  # type: ignore[attr-defined]
    return person


def role_refusal_log(sender: Any, *, request: Any, kwargs: dict[str, Any], **_: Any) -> None:
    """Logs a refusal by role of a person's page or API path (``/personen/<pk>/...``,
    ``/api/v1/persons/{person_id}...``) like a refusal by consent (receiver of
    :data:`sozialraum.lib.access.access_refused`). No person, no row."""
    pk = kwargs.get("person_id")
    if pk is None and request.path.startswith("/personen/"):
        pk = kwargs.get("pk")
    if isinstance(pk, str) and pk.isdigit() and len(pk) < 19:
        pk = int(pk)
    if not isinstance(pk, int) or not Person.objects.filter(pk=pk).exists():
        return
    purpose = request.GET.get("zweck") or request.GET.get("purpose") or Purpose.CASEWORK
    access_log_write(
        user=request.user,
        person_ids=[pk],
        action=AccessAction.VIEW if request.method in ("GET", "HEAD") else AccessAction.UPDATE,
        purpose=purpose if purpose in Purpose.values else Purpose.CASEWORK,
        granted=False,
    )
