"""Reads of persons that need care: who may see which person."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from .access import CASE_ROLES, consent_recipient_filter, owner_organisation_ids
from .models import Consent, Person


def persons_for_user(user: Any) -> QuerySet[Person]:
    """The persons ``user`` may see for at least one purpose: those of the organisations
    they do case work for, and those who consented to share with the user's organisation
    or district team (live consents only). Writes no log rows: callers log what they show
    (see :func:`sozialraum.casework.services.persons_list_logged`)."""
    if not getattr(user, "is_authenticated", False) or not (CASE_ROLES & user.roles):
        return Person.objects.none()
    shared = Consent.objects.live().filter(consent_recipient_filter(user), person=OuterRef("pk"))
    return Person.objects.filter(
        Q(organisation_id__in=owner_organisation_ids(user)) | Q(Exists(shared))
    ).select_related("organisation", "district")
