"""Writes of case work: persons and consents. Each logs what it does to a person's data.

Callers have checked access already (:func:`sozialraum.casework.access.person_for_user`
with ``write=True`` for changes); these functions check the data and write.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, TypedDict

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sozialraum.accounts.models import Organisation
from sozialraum.audit.models import AccessAction
from sozialraum.audit.purposes import Purpose
from sozialraum.audit.services import access_log_write
from sozialraum.districts.lookup import district_at

from .models import Consent, Person
from .scope import SCOPES, scope_text
from .selectors import PersonRow


class PersonData(TypedDict, total=False):
    """The fields of a person a worker enters."""

    name: str
    preferred_name: str
    date_of_birth: Any
    phone: str
    email: str
    street_address: str
    postal_code: str
    city: str
    latitude: float | None
    longitude: float | None
    district: Any
    living_situation: str
    accessibility_needs: list[str]
    communication_needs: str


def _district_assign(person: Person) -> None:
    """The district from the home's coordinates through the district lookup; without
    coordinates the district as chosen. A point in no known district is an error on the
    latitude field."""
    if person.latitude is None or person.longitude is None:
        return
    found = district_at(person.latitude, person.longitude)
    if found is None:
        raise ValidationError(
            {"latitude": _("This point lies in no known district. Check the coordinates.")}
        )
    person.district = found


def _person_apply(person: Person, data: PersonData) -> None:
    for name, value in data.items():
        setattr(person, name, value)
    _district_assign(person)
    person.full_clean()


@transaction.atomic
def person_create(*, organisation: Organisation, data: PersonData, user: Any) -> Person:
    """A new person owned by ``organisation``, its district assigned; logged as created."""
    person = Person(organisation=organisation)
    _person_apply(person, data)
    person.save()
    access_log_write(
        user=user,
        person_ids=[person.pk],
        action=AccessAction.CREATE,
        purpose=Purpose.CASEWORK,
        granted=True,
    )
    return person


@transaction.atomic
def person_update(*, person: Person, data: PersonData) -> Person:
    """Changes the person's data; the district follows new coordinates. The change was
    logged by the access helper (``write=True``)."""
    _person_apply(person, data)
    person.save()
    return person


def person_close(*, person: Person) -> Person:
    """Closes the case now (the retention period starts); closing twice changes nothing."""
    if person.closed_at is None:
        person.closed_at = timezone.now()
        person.save(update_fields=["closed_at", "updated_at"])
    return person


def person_reopen(*, person: Person) -> Person:
    """Opens a closed case again (the retention period no longer runs)."""
    person.closed_at = None
    person.save(update_fields=["closed_at", "updated_at"])
    return person


def persons_shown_log(*, user: Any, rows: list[PersonRow]) -> list[PersonRow]:
    """Logs that ``user`` was shown the listed persons, each under the purpose they are
    listed for (one insert)."""
    for purpose in {row.purpose for row in rows}:
        access_log_write(
            user=user,
            person_ids=[row.person.pk for row in rows if row.purpose == purpose],
            action=AccessAction.LIST,
            purpose=purpose,
            granted=True,
        )
    return rows


class ConsentData(TypedDict, total=False):
    purpose: str
    scope: str
    shared_with_organisation: Any
    shared_with_team: Any
    given_at: Any
    evidence: str
    evidence_reference: str


def consent_record(*, person: Person, data: ConsentData, user: Any) -> Consent:
    """Records the person's consent as given; it grants access from ``given_at`` on. What
    may be shared is the purpose's scope in words, as shown to the person (a ``scope``
    given is replaced by it)."""
    consent = Consent(person=person, recorded_by=user if user.is_authenticated else None)
    for name, value in data.items():
        setattr(consent, name, value)
    if consent.purpose in SCOPES:
        consent.scope = scope_text(consent.purpose)
    if consent.given_at is None:
        consent.given_at = timezone.now()
    consent.full_clean()
    consent.save()
    return consent


def consent_withdraw(*, consent: Consent) -> Consent:
    """Withdraws the consent now: from this moment it grants nothing. Withdrawing twice
    keeps the first time."""
    if consent.withdrawn_at is None:
        consent.withdrawn_at = max(timezone.now(), consent.given_at)
        consent.save(update_fields=["withdrawn_at"])
    return consent


@dataclass(frozen=True)
class PurgeReport:
    """What a purge did: persons deleted, closed cases still within their period."""

    deleted: int
    waiting: int
    cutoff: datetime
    dry_run: bool

    @property
    def summary(self) -> str:
        verb = "would delete" if self.dry_run else "deleted"
        return (
            f"casework_purge_closed: {verb} {self.deleted} closed case(s) closed before "
            f"{self.cutoff:%Y-%m-%d}; {self.waiting} closed case(s) still kept."
        )


@transaction.atomic
def persons_purge_closed(*, now: datetime | None = None, dry_run: bool = False) -> PurgeReport:
    """Deletes every person whose case was closed more than ``CASEWORK_RETENTION_DAYS``
    ago, with everything that hangs on the person (consents, and the other parts' data,
    which cascade). Access-log rows stay, keeping the person's bare id; one row per
    deleted person records the deletion (no user: the system did it). Idempotent."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=settings.CASEWORK_RETENTION_DAYS)
    closed = Person.objects.filter(closed_at__isnull=False)
    due_ids = list(closed.filter(closed_at__lt=cutoff).values_list("pk", flat=True))
    waiting = closed.filter(closed_at__gte=cutoff).count()
    if due_ids and not dry_run:
        Person.objects.filter(pk__in=due_ids).delete()
        access_log_write(
            user=None,
            person_ids=due_ids,
            action=AccessAction.DELETE,
            purpose=Purpose.CASEWORK,
            granted=True,
        )
    return PurgeReport(deleted=len(due_ids), waiting=waiting, cutoff=cutoff, dry_run=dry_run)
