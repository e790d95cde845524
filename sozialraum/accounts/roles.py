"""The role sets the apps share, defined once: who does case work (a person's page, plan,
network map and Art. 15 export)."""

from __future__ import annotations

from sozialraum.lib.access import Role, roles

#: The roles that do case work for the persons of their organisation.
CASE_WORK_ROLES: frozenset[str] = frozenset({Role.WORKER, Role.COORDINATOR, Role.ADMIN})

#: The access declaration of every case-work page and API operation.
CASE_WORK = roles(*sorted(CASE_WORK_ROLES))
