"""Writes of early warning: signals onto the outreach list, reports, screenings, contacts
and dismissals. Each step writes an :class:`~.models.EntryEvent`; each touch of a
person's data writes the access log with the purpose "early warning".

Which teams a person's signal goes to (:func:`teams_for_person`): the teams working for
the person's district that may see the person, i.e. that hold a live early-warning
consent of the person, or that have a member from the organisation owning the case. A
concern without consent goes to every team of the address's district, as an address.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from sozialraum.accounts.models import DistrictTeam, Organisation
from sozialraum.accounts.roles import CASE_WORK_ROLES
from sozialraum.audit.models import AccessAction
from sozialraum.audit.purposes import Purpose
from sozialraum.audit.services import access_log_write
from sozialraum.casework.models import Consent, Evidence, Person
from sozialraum.casework.services import PersonData, consent_record, person_create
from sozialraum.districts.models import District

from .models import (
    PRISMA7_QUESTIONS,
    Contact,
    Entry,
    EntryEvent,
    EntryStatus,
    EventAction,
    Outcome,
    Rule,
    RuleCode,
    Screening,
    Signal,
)


def district_lineage(district_id: int) -> list[int]:
    """The district and the districts it lies in (a Stadtbezirk, its Stadtteil, the
    city): a team working for any of them works for the district (one query per level)."""
    lineage: list[int] = []
    current: int | None = district_id
    while current is not None and current not in lineage:
        lineage.append(current)
        current = District.objects.filter(pk=current).values_list("parent_id", flat=True).first()
    return lineage


def teams_for_district(district: District) -> QuerySet[DistrictTeam]:
    """The teams working for the district or a district it lies in."""
    return (
        DistrictTeam.objects.filter(districts__in=district_lineage(district.pk))
        .distinct()
        .order_by("pk")
    )


def teams_for_person(person: Person) -> QuerySet[DistrictTeam]:
    """The teams of the person's district that may see them for early warning."""
    if person.district_id is None:
        return DistrictTeam.objects.none()
    consenting = Consent.objects.live().filter(
        person=person, purpose=Purpose.EARLY_WARNING, shared_with_team__isnull=False
    )
    owner_members = Q(
        members__organisation_id=person.organisation_id, members__role__in=CASE_WORK_ROLES
    )
    return (
        DistrictTeam.objects.filter(districts__in=district_lineage(person.district_id))
        .filter(Q(pk__in=consenting.values("shared_with_team_id")) | owner_members)
        .distinct()
        .order_by("pk")
    )


def _event(
    entry: Entry, action: str, user: Any, rule: Rule | None = None, reason: str = ""
) -> None:
    EntryEvent.objects.create(
        entry=entry,
        action=action,
        rule=rule,
        user=user if _signed_in(user) else None,
        reason=reason,
    )


def _signed_in(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False))


def _open_entry(*, team: DistrictTeam, district: District, person: Person | None,
                address_label: str, user: Any) -> Entry:  # fmt: skip
    entries = Entry.objects.filter(team=team, status=EntryStatus.OPEN)
    if person is not None:
        entry = entries.filter(person=person).first()
    else:
        entry = entries.filter(person=None, address_label=address_label).first()
    if entry is None:
        entry = Entry.objects.create(
            team=team, district=district, person=person, address_label=address_label
        )
        _event(entry, EventAction.CREATED, user)
    return entry


@transaction.atomic
def signal_raise(
    *,
    team: DistrictTeam,
    district: District,
    rule: Rule,
    key: str,
    facts: dict[str, Any],
    observed_on: dt.date,
    user: Any = None,
    person: Person | None = None,
    address_label: str = "",
) -> Signal | None:
    """Puts the person (or the address) on ``team``'s outreach list for ``rule``, or
    adds the signal to their open entry. None if the rule is inactive or fired with the
    same ``key`` for this team and person before (also on a closed entry: a dismissed
    signal does not come back)."""
    if not rule.active:
        return None
    if (
        person is not None
        and Signal.objects.filter(
            entry__team=team, entry__person=person, rule=rule, key=key
        ).exists()
    ):
        return None
    entry = _open_entry(
        team=team, district=district, person=person, address_label=address_label, user=user
    )
    signal = Signal.objects.create(
        entry=entry,
        rule=rule,
        key=key,
        facts=facts,
        observed_on=observed_on,
        reported_by=user if _signed_in(user) else None,
    )
    _event(entry, EventAction.SIGNAL, user, rule)
    if person is not None:
        access_log_write(
            user=user,
            person_ids=[person.pk],
            action=AccessAction.CREATE,
            purpose=Purpose.EARLY_WARNING,
            granted=True,
        )
    return signal


def person_signal(
    *, person: Person, code: str, key: str, facts: dict[str, Any], observed_on: dt.date,
    user: Any = None,
) -> list[Signal]:  # fmt: skip
    """The rule ``code`` fired for ``person``: a signal on each team that may see them."""
    rule = Rule.objects.get(code=code)
    district = person.district
    if district is None:
        return []
    signals = [
        signal_raise(
            team=team,
            district=district,
            rule=rule,
            key=key,
            facts=facts,
            observed_on=observed_on,
            user=user,
            person=person,
        )
        for team in teams_for_person(person)
    ]
    return [signal for signal in signals if signal is not None]


def _early_warning_consent(*, person: Person, team: DistrictTeam, evidence: str, user: Any) -> None:
    """The person's consent to the team's early warning: kept if live, else recorded."""
    live = Consent.objects.live().filter(
        person=person, purpose=Purpose.EARLY_WARNING, shared_with_team=team
    )
    if not live.exists():
        consent_record(
            person=person,
            data={"purpose": Purpose.EARLY_WARNING, "shared_with_team": team, "evidence": evidence},
            user=user,
        )


@transaction.atomic
def person_event_report(
    *, person: Person, team: DistrictTeam, event: str, on: dt.date, evidence: str, user: Any
) -> Signal | None:
    """A worker reports a discharge (``event`` "hospital" or "short_term_care") or a
    bereavement ("bereavement") of a person of their organisation, with the person's
    consent to the team's early warning (recorded now unless live)."""
    if person.district_id is None:
        raise ValidationError({"team": _("The person has no district. Set the district first.")})
    if not team.districts.filter(pk__in=district_lineage(person.district_id)).exists():
        raise ValidationError({"team": _("This team does not work for the person's district.")})
    if evidence not in Evidence.values:
        raise ValidationError({"evidence": _("Say how the person consented.")})
    _early_warning_consent(person=person, team=team, evidence=evidence, user=user)
    if event == "bereavement":
        code, facts = RuleCode.BEREAVEMENT, {"on": on.isoformat()}
    else:
        code, facts = RuleCode.DISCHARGE, {"kind": event, "on": on.isoformat()}
    return signal_raise(
        team=team, district=person.district, rule=Rule.objects.get(code=code),  # type: ignore[arg-type]
        key=f"{code}:{event}:{on.isoformat()}", facts=facts, observed_on=on, user=user,
        person=person,
    )  # fmt: skip


@transaction.atomic
def concern_report(
    *, district: District, address_label: str, reporter: str, observations: list[str], user: Any
) -> list[Signal]:
    """A neighbour's or provider's concern about someone at an address, without their
    consent: the address (no name) on every team of its district."""
    teams = list(teams_for_district(district))
    if not teams:
        raise ValidationError({"address": _("No district team works for this address yet.")})
    rule = Rule.objects.get(code=RuleCode.CONCERN)
    today = timezone.localdate()
    facts = {"reporter": reporter, "observations": observations}
    signals = [
        signal_raise(
            team=team,
            district=district,
            rule=rule,
            key=uuid.uuid4().hex,
            facts=facts,
            observed_on=today,
            user=user,
            address_label=address_label,
        )
        for team in teams
    ]
    return [signal for signal in signals if signal is not None]


@transaction.atomic
def screening_record(
    *, person: Person, answers: dict[str, bool], held_on: dt.date, user: Any
) -> Screening:
    """Keeps a PRISMA-7 screening with its seven answers; a score at or above the
    screening rule's threshold puts the person on their teams' outreach lists."""
    screening = Screening(person=person, held_on=held_on, recorded_by=user)
    for name, _question, _scoring in PRISMA7_QUESTIONS:
        setattr(screening, name, bool(answers[name]))
    screening.full_clean()
    screening.save()
    rule = Rule.objects.get(code=RuleCode.SCREENING)
    if rule.threshold is not None and screening.score >= rule.threshold:
        person_signal(
            person=person,
            code=RuleCode.SCREENING,
            key=f"screening:{screening.pk}",
            facts={"score": screening.score, "on": held_on.isoformat()},
            observed_on=held_on,
            user=user,
        )
    return screening


def _log_person(entry: Entry, user: Any, action: str) -> None:
    if entry.person_id is not None:
        access_log_write(
            user=user,
            person_ids=[entry.person_id],
            action=action,
            purpose=Purpose.EARLY_WARNING,
            granted=True,
        )


@transaction.atomic
def entry_dismiss(*, entry: Entry, reason: str, user: Any) -> Entry:
    """Takes an open entry off the list; the reason is required and kept."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for dismissing.")})
    if not entry.is_open:
        raise ValidationError({"reason": _("This entry is no longer open.")})
    entry.status = EntryStatus.DISMISSED
    entry.dismiss_reason = reason
    entry.closed_at = timezone.now()
    entry.save(update_fields=["status", "dismiss_reason", "closed_at"])
    _event(entry, EventAction.DISMISSED, user, reason=reason)
    _log_person(entry, user, AccessAction.UPDATE)
    return entry


@transaction.atomic
def entry_reopen(*, entry: Entry, reason: str, user: Any) -> Entry:
    """Puts a done or dismissed entry back on the list; the reason is required and kept
    in the entry's history (with the dismissal's reason, which leaves the entry)."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for reopening.")})
    if entry.is_open:
        raise ValidationError({"reason": _("This entry is open already.")})
    others = Entry.objects.filter(team=entry.team_id, status=EntryStatus.OPEN).exclude(pk=entry.pk)
    if entry.person_id is not None and others.filter(person=entry.person_id).exists():
        raise ValidationError(
            {"reason": _("The person has another open entry on this list. Continue there.")}
        )
    if entry.dismiss_reason:
        dismissals = entry.events.filter(action=EventAction.DISMISSED, reason="")
        dismissals.update(reason=entry.dismiss_reason)  # dismissed before reasons were kept
    entry.status, entry.dismiss_reason, entry.closed_at = EntryStatus.OPEN, "", None
    entry.save(update_fields=["status", "dismiss_reason", "closed_at"])
    _event(entry, EventAction.REOPENED, user, reason=reason)
    _log_person(entry, user, AccessAction.UPDATE)
    return entry


def entry_became_case(entry: Entry) -> bool:
    """Whether a contact of the concern's entry ended in "became a case" while nobody's
    record is linked yet: the worker creates the person next."""
    return entry.is_concern_only and entry.contacts.filter(outcome=Outcome.CASE).exists()


@transaction.atomic
def entry_case_create(
    *, entry: Entry, organisation: Organisation, data: PersonData, evidence: str, user: Any
) -> Person:
    """The person a concern was about became a case with their consent: their record is
    created for ``organisation`` (the worker's own) with the data they gave, their consent
    to the team's early warning recorded (so the team sees whom the entry is about), and
    the entry linked to them. The entry keeps the address it was reported at."""
    if not entry_became_case(entry):
        raise ValidationError(_("Record the contact that made this a case first."))
    if evidence not in Evidence.values:
        raise ValidationError({"evidence": _("Say how the person consented.")})
    person = person_create(organisation=organisation, data=data, user=user)
    _early_warning_consent(person=person, team=entry.team, evidence=evidence, user=user)
    entry.person = person
    entry.save(update_fields=["person"])
    _event(entry, EventAction.CASE, user)
    return person


@transaction.atomic
def contact_record(*, entry: Entry, data: dict[str, Any], user: Any) -> Contact:
    """Records a visit or call. Without a next step date the entry is done; with one it
    stays on the list until then."""
    contact = Contact(entry=entry, recorded_by=user, **data)
    contact.full_clean()
    contact.save()
    _event(entry, EventAction.CONTACT, user)
    _log_person(entry, user, AccessAction.UPDATE)
    if contact.next_step_on is None and entry.is_open:
        entry.status = EntryStatus.DONE
        entry.closed_at = timezone.now()
        entry.save(update_fields=["status", "closed_at"])
    return contact
