"""Reads of persons that need care: who may see which person."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from sozialraum.accounts.roles import CASE_WORK_ROLES
from sozialraum.audit.purposes import Purpose
from sozialraum.districts.models import geometry_fields

from .access import consent_recipient_filter, owner_organisation_ids
from .models import Consent, Person


def persons_for_user(user: Any) -> QuerySet[Person]:
    """The persons ``user`` may see for at least one purpose: those of the organisations
    they do case work for, and those who consented to share with the user's organisation
    or district team (live consents only). Writes no log rows: callers log what they show
    (see :func:`sozialraum.casework.services.persons_shown_log`)."""
    if not getattr(user, "is_authenticated", False) or not (CASE_WORK_ROLES & user.roles):
        return Person.objects.none()
    shared = Consent.objects.live().filter(consent_recipient_filter(user), person=OuterRef("pk"))
    return (
        Person.objects.filter(
            Q(organisation_id__in=owner_organisation_ids(user)) | Q(Exists(shared))
        )
        .select_related("organisation", "district")
        .defer(*geometry_fields("district"))
    )


@dataclass(frozen=True)
class PersonRow:
    """A person as listed for a user: owned by their organisation, or shared with them
    for the purposes of live consents (the first of them is the page's purpose)."""

    person: Person
    is_owner: bool
    purposes: tuple[str, ...]

    @property
    def purpose(self) -> str:
        return Purpose.CASEWORK if self.is_owner else self.purposes[0]

    @property
    def purpose_labels(self) -> list[str]:
        return [str(Purpose(value).label) for value in self.purposes]


def person_rows(user: Any, persons: list[Person]) -> list[PersonRow]:
    """Rows for ``persons`` (already allowed by :func:`persons_for_user`), with the
    purposes each shared person may be read for (one query for all of them)."""
    owned = owner_organisation_ids(user)
    shared_ids = [p.pk for p in persons if p.organisation_id not in owned]
    purposes: dict[int, list[str]] = {}
    if shared_ids:
        consents = (
            Consent.objects.live()
            .filter(consent_recipient_filter(user), person_id__in=shared_ids)
            .order_by("purpose")
            .values_list("person_id", "purpose")
            .distinct()
        )
        for person_id, purpose in consents:
            purposes.setdefault(person_id, []).append(purpose)
    return [
        PersonRow(p, p.organisation_id in owned, tuple(purposes.get(p.pk, ())))
        for p in persons
        if p.organisation_id in owned or p.pk in purposes
    ]
