"""The rules evaluated from dates and data (``earlywarning_scan``): 80+ living alone,
the 75th and 80th birthday, no contact for N weeks, a network map that shrank or shows a
newly deceased contact. Only open cases with a district are looked at. Each rule fires
once per person, team and key (:func:`~.services.signal_raise`), so running the scan
again adds nothing new."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Max, QuerySet
from django.utils import timezone

from sozialraum.casework.models import LivingSituation, Person
from sozialraum.districts.models import geometry_fields
from sozialraum.networkmap.models import MapVersion

from .models import BIRTHDAY_AGES, Rule, RuleCode
from .services import person_signal

#: (person, rule code, key, facts, observed on)
Finding = tuple[Person, str, str, dict[str, Any], dt.date]


def years_before(day: dt.date, years: int) -> dt.date:
    """``day`` ``years`` years earlier; 29 February becomes 28 February."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def _open_persons() -> QuerySet[Person]:
    return (
        Person.objects.filter(closed_at__isnull=True, district__isnull=False)
        .select_related("district")
        .defer(*geometry_fields("district"))
        .order_by("pk")
    )


def alone_findings(rule: Rule, today: dt.date) -> Iterator[Finding]:
    """Persons at least ``threshold`` years old who live alone."""
    age = rule.threshold or 80
    persons = _open_persons().filter(
        living_situation=LivingSituation.ALONE, date_of_birth__lte=years_before(today, age)
    )
    for person in persons:
        yield person, rule.code, "alone_80", {"age": person.age(today)}, today


def birthday_findings(rule: Rule, today: dt.date) -> Iterator[Finding]:
    """Persons whose 75th or 80th birthday lies between today and ``threshold`` days
    ahead (the offer of a preventive home visit is made in time)."""
    ahead = today + dt.timedelta(days=rule.threshold or 0)
    for age in BIRTHDAY_AGES:
        born = (years_before(today, age), years_before(ahead, age))
        for person in _open_persons().filter(date_of_birth__range=born):
            assert person.date_of_birth is not None
            day = _birthday(person.date_of_birth, age)
            facts = {"age": age, "on": day.isoformat()}
            yield person, rule.code, f"birthday:{age}", facts, today


def _birthday(born: dt.date, age: int) -> dt.date:
    try:
        return born.replace(year=born.year + age)
    except ValueError:
        return born.replace(year=born.year + age, month=3, day=1)


def _last_contact(person: Any) -> dt.date:
    """The latest recorded contact: the case opened, a plan review, a change to the
    plan, a screening or an outreach contact."""
    dates = [timezone.localdate(person.created_at)]
    dates += [d for d in (person.last_review, person.last_screening, person.last_outreach) if d]
    if person.last_change:
        dates.append(timezone.localdate(person.last_change))
    return max(dates)


def no_contact_findings(rule: Rule, today: dt.date) -> Iterator[Finding]:
    """Open cases whose latest recorded contact is more than ``threshold`` weeks ago."""
    weeks = rule.threshold or 8
    persons = _open_persons().annotate(
        last_review=Max("reviews__held_on"),
        last_change=Max("plan_changes__at"),
        last_screening=Max("screenings__held_on"),
        last_outreach=Max("early_warning_entries__contacts__held_on"),
    )
    for person in persons:
        last = _last_contact(person)
        if (today - last).days > weeks * 7:
            facts = {"last": last.isoformat(), "weeks": (today - last).days // 7}
            yield person, rule.code, f"no_contact:{last.isoformat()}", facts, today


def _living(version: MapVersion) -> dict[int, bool]:
    return {c.key: c.deceased for c in version.contacts.all()}


def network_findings(shrink: Rule, bereavement: Rule | None, today: dt.date) -> Iterator[Finding]:
    """Persons whose newest network map version has at least ``threshold`` fewer living
    contacts than the one before, or marks a contact deceased who was alive before."""
    versions = (
        MapVersion.objects.filter(
            network_map__person__closed_at__isnull=True,
            network_map__person__district__isnull=False,
        )
        .select_related("network_map")
        .prefetch_related("contacts")
        .order_by("network_map_id", "-number")
    )
    latest: dict[int, list[MapVersion]] = {}
    for version in versions:
        pair = latest.setdefault(version.network_map_id, [])
        if len(pair) < 2:
            pair.append(version)
    persons = _open_persons().in_bulk([pair[0].network_map.person_id for pair in latest.values()])
    for pair in latest.values():
        person = persons.get(pair[0].network_map.person_id)
        if person is not None and len(pair) == 2:
            yield from _version_findings(person, pair[1], pair[0], shrink, bereavement, today)


def _version_findings(
    person: Person, before: MapVersion, after: MapVersion, shrink: Rule,
    bereavement: Rule | None, today: dt.date,
) -> Iterator[Finding]:  # fmt: skip
    old, new = _living(before), _living(after)
    alive_before = sum(1 for dead in old.values() if not dead)
    alive_after = sum(1 for dead in new.values() if not dead)
    if shrink.threshold is not None and alive_before - alive_after >= shrink.threshold:
        facts: dict[str, Any] = {"before": alive_before, "after": alive_after,
                 "first": before.number, "second": after.number}  # fmt: skip
        yield person, shrink.code, f"network:{after.pk}", facts, today
    if bereavement and any(dead and old.get(key) is False for key, dead in new.items()):
        facts = {"source": "network_map", "version": after.number}
        yield person, bereavement.code, f"deceased:{after.pk}", facts, today


@dataclass
class ScanReport:
    checked_rules: list[str] = field(default_factory=list)
    added: Counter[str] = field(default_factory=Counter)

    @property
    def summary(self) -> str:
        parts = ", ".join(f"{code} {n}" for code, n in sorted(self.added.items())) or "none"
        total = sum(self.added.values())
        return (
            f"earlywarning_scan: {total} signal(s) added ({parts}); "
            f"rules evaluated: {', '.join(self.checked_rules) or 'none (all inactive)'}."
        )


def _findings(rules: dict[str, Rule], today: dt.date) -> Iterator[Finding]:
    if RuleCode.ALONE_80 in rules:
        yield from alone_findings(rules[RuleCode.ALONE_80], today)
    if RuleCode.BIRTHDAY in rules:
        yield from birthday_findings(rules[RuleCode.BIRTHDAY], today)
    if RuleCode.NO_CONTACT in rules:
        yield from no_contact_findings(rules[RuleCode.NO_CONTACT], today)
    if RuleCode.NETWORK_SHRINK in rules:
        yield from network_findings(
            rules[RuleCode.NETWORK_SHRINK], rules.get(RuleCode.BEREAVEMENT), today
        )


SCANNED = (RuleCode.ALONE_80, RuleCode.BIRTHDAY, RuleCode.NO_CONTACT, RuleCode.NETWORK_SHRINK)


def early_warning_scan(*, today: dt.date | None = None) -> ScanReport:
    """Evaluates the date- and data-based rules that are active; idempotent."""
    today = today or timezone.localdate()
    rules = {
        r.code: r for r in Rule.objects.filter(active=True, code__in=[*SCANNED, "bereavement"])
    }
    report = ScanReport(checked_rules=sorted(code for code in rules if code in SCANNED))
    for person, code, key, facts, observed_on in list(_findings(rules, today)):
        added = person_signal(
            person=person, code=code, key=key, facts=facts, observed_on=observed_on
        )
        report.added[code] += len(added)
    return report
