"""Early warning (Frühe Hinweise) of the district team, transparent by construction.

A :class:`Rule` is data: what it looks at, why it matters and on which legal basis or
consent it may; administrators edit its text and threshold. A :class:`Signal` is one
rule that fired for a person or, for a concern without consent, for an address; signals
gather on an :class:`Entry` of a district team's outreach list, which shows every reason.
Nothing is weighted or scored beyond the rules' own thresholds. Dismissing an entry needs
a reason; every step leaves an :class:`EntryEvent` (and reads of persons the access log).
An outreach :class:`Contact` (visit or call) records topics, outcome and the next step.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from sozialraum.accounts.models import DistrictTeam
from sozialraum.casework.models import Person
from sozialraum.districts.models import District

#: The round birthdays at which a preventive home visit is offered.
BIRTHDAY_AGES: tuple[int, ...] = (75, 80)


class RuleCode(models.TextChoices):
    """The rules the platform knows how to evaluate (their texts are data)."""

    DISCHARGE = "discharge", _("Discharge from hospital or short-term care")
    ALONE_80 = "alone_80", _("80 or older and living alone")
    BIRTHDAY = "birthday", _("75th or 80th birthday")
    BEREAVEMENT = "bereavement", _("Bereavement")
    NETWORK_SHRINK = "network_shrink", _("Network map shrank")
    NO_CONTACT = "no_contact", _("No contact for several weeks")
    CONCERN = "concern", _("Concern of a neighbour or provider")
    SCREENING = "screening", _("Screening score (PRISMA-7)")


class Rule(models.Model):
    """One early-warning rule as shown on screen: its title, the reason it matters, its
    legal basis or the consent it needs, and its threshold (the meaning of which the
    threshold label states, e.g. "weeks without contact"). An inactive rule creates no
    signals. Seeded by a data migration; administrators edit the texts."""

    code = models.CharField(_("rule"), max_length=20, choices=RuleCode.choices, unique=True)
    title = models.CharField(_("title"), max_length=200)
    reason = models.TextField(_("why it matters"))
    basis = models.TextField(_("legal basis or consent"))
    threshold = models.PositiveIntegerField(_("threshold"), null=True, blank=True)
    threshold_label = models.CharField(_("meaning of the threshold"), max_length=200, blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("early-warning rule")
        verbose_name_plural = _("early-warning rules")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.title


class EntryStatus(models.TextChoices):
    OPEN = "open", _("open")
    DONE = "done", _("done")
    DISMISSED = "dismissed", _("dismissed")


class Entry(models.Model):
    """A person, or for a concern without consent an address without a name, on a
    district team's outreach list, with the signals that put them there. A concern's
    entry that became a case (with the person's consent) is linked to the person created
    for it and keeps the address it was reported at."""

    team = models.ForeignKey(
        DistrictTeam, verbose_name=_("district team"), on_delete=models.CASCADE, related_name="+"
    )
    district = models.ForeignKey(
        District, verbose_name=_("district"), on_delete=models.PROTECT, related_name="+"
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="early_warning_entries",
    )
    address_label = models.CharField(_("address"), max_length=200, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=EntryStatus.choices, default=EntryStatus.OPEN
    )
    dismiss_reason = models.TextField(_("reason for dismissing"), blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("outreach list entry")
        verbose_name_plural = _("outreach list entries")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(person__isnull=False) | ~models.Q(address_label=""),
                name="earlywarning_entry_person_or_address",
            ),
            models.CheckConstraint(
                condition=~models.Q(status=EntryStatus.DISMISSED) | ~models.Q(dismiss_reason=""),
                name="earlywarning_entry_dismissed_with_reason",
            ),
            models.UniqueConstraint(
                fields=["team", "person"],
                condition=models.Q(status="open", person__isnull=False),
                name="earlywarning_entry_one_open_per_person",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.team} #{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status == EntryStatus.OPEN

    @property
    def is_concern_only(self) -> bool:
        """An address without a person: nobody's name is known."""
        return self.person_id is None


class DischargeKind(models.TextChoices):
    HOSPITAL = "hospital", _("hospital")
    SHORT_TERM_CARE = "short_term_care", _("short-term care")


class Reporter(models.TextChoices):
    NEIGHBOUR = "neighbour", _("a neighbour")
    PROVIDER = "provider", _("a provider or service")


class Observation(models.TextChoices):
    """What a concerned neighbour or provider noticed (chosen, never typed: a concern
    carries no free text, so it cannot carry a name)."""

    NOT_SEEN = "not_seen", _("not seen for some time")
    MAIL = "mail", _("letterbox overflowing")
    CONFUSED = "confused", _("seems confused or disoriented")
    NEGLECT = "neglect", _("home or person seems neglected")
    FALL = "fall", _("fell or seems injured")
    WITHDRAWN = "withdrawn", _("withdrew from contacts")
    OTHER = "other", _("something else worrying")


class Signal(models.Model):
    """One rule that fired for an entry: what was observed, when, by whom (or by the
    scan). ``facts`` holds the rule's structured details (no names, no free text);
    ``key`` makes the scan idempotent: the same rule with the same key never fires twice
    for the same team and person."""

    entry = models.ForeignKey(
        Entry, verbose_name=_("entry"), on_delete=models.CASCADE, related_name="signals"
    )
    rule = models.ForeignKey(
        Rule, verbose_name=_("rule"), on_delete=models.PROTECT, related_name="signals"
    )
    key = models.CharField(_("key"), max_length=100)
    facts = models.JSONField(_("details"), default=dict, blank=True)
    observed_on = models.DateField(_("observed on"), default=timezone.localdate)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("signal")
        verbose_name_plural = _("signals")
        ordering = ["observed_on", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["entry", "rule", "key"], name="earlywarning_signal_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.rule} ({self.observed_on})"

    @property
    def detail(self) -> str:
        """The signal's details in words, from its structured facts."""
        from .presentation import signal_detail

        return signal_detail(self)


class ContactKind(models.TextChoices):
    VISIT = "visit", _("home visit")
    CALL = "call", _("phone call")


class Topic(models.TextChoices):
    HEALTH = "health", _("health")
    MOBILITY = "mobility", _("mobility")
    HOUSING = "housing", _("housing")
    CONTACTS = "contacts", _("contacts")
    CARE = "care", _("care")


class Outcome(models.TextChoices):
    NO_NEED = "no_need", _("no need")
    ADVICE = "advice", _("advice given")
    REFERRED = "referred", _("referred")
    CASE = "case", _("became a case (with consent)")


def validate_topics(value: Any) -> None:
    from django.core.exceptions import ValidationError

    if not isinstance(value, list) or not set(value) <= set(Topic.values):
        raise ValidationError(_("Choose topics from the list."))


class Contact(models.Model):
    """An outreach visit or call for an entry: what was talked about, what came of it,
    and the next step (when and by whom)."""

    entry = models.ForeignKey(
        Entry, verbose_name=_("entry"), on_delete=models.CASCADE, related_name="contacts"
    )
    kind = models.CharField(_("kind of contact"), max_length=10, choices=ContactKind.choices)
    held_on = models.DateField(_("date"), default=timezone.localdate)
    topics = models.JSONField(_("topics"), default=list, validators=[validate_topics])
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices)
    next_step = models.CharField(_("next step"), max_length=200, blank=True)
    next_step_on = models.DateField(_("next step on"), null=True, blank=True)
    next_step_owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("next step by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        verbose_name = _("outreach contact")
        verbose_name_plural = _("outreach contacts")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {date_format(self.held_on, 'SHORT_DATE_FORMAT')}"

    @property
    def topic_labels(self) -> list[str]:
        labels = dict(Topic.choices)
        return [str(labels[code]) for code in self.topics if code in labels]


class EventAction(models.TextChoices):
    CREATED = "created", _("put on the list")
    SIGNAL = "signal", _("signal added")
    CONTACT = "contact", _("contact recorded")
    DISMISSED = "dismissed", _("dismissed")
    REOPENED = "reopened", _("reopened")
    CASE = "case", _("became a case")


class EntryEvent(models.Model):
    """One step on an entry, who took it and when; dismissing and reopening keep their
    reason (the only free text, written by the team's members). Written by the services
    only."""

    entry = models.ForeignKey(
        Entry, verbose_name=_("entry"), on_delete=models.CASCADE, related_name="events"
    )
    action = models.CharField(_("action"), max_length=10, choices=EventAction.choices)
    rule = models.ForeignKey(
        Rule, verbose_name=_("rule"), on_delete=models.PROTECT, null=True, blank=True
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reason = models.TextField(_("reason"), blank=True)
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("entry event")
        verbose_name_plural = _("entry events")
        ordering = ["at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(action="reopened") | ~models.Q(reason=""),
                name="earlywarning_event_reopened_with_reason",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.at:%Y-%m-%d %H:%M}"


#: The seven PRISMA-7 questions (Raîche et al. 2008) and the answer that scores a point:
#: every "yes" but question 6, where "no" scores.
PRISMA7_QUESTIONS: tuple[tuple[str, Any, bool], ...] = (
    ("q1_over_85", _("Are you older than 85 years?"), True),
    ("q2_male", _("Are you male?"), True),
    ("q3_limits", _("Do health problems require you to limit your activities?"), True),
    ("q4_needs_help", _("Do you need someone to help you on a regular basis?"), True),
    ("q5_stays_home", _("Do health problems require you to stay at home?"), True),
    ("q6_can_count", _("In case of need, can you count on someone close to you?"), False),
    ("q7_aid", _("Do you regularly use a stick, walker or wheelchair to move about?"), True),
)


class Screening(models.Model):
    """A PRISMA-7 screening of a person: the seven answers as given, the score computed
    from them (never entered). A score at or above the screening rule's threshold (3)
    puts the person on the outreach list."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="screenings"
    )
    held_on = models.DateField(_("date"), default=timezone.localdate)
    q1_over_85 = models.BooleanField(_("older than 85"))
    q2_male = models.BooleanField(_("male"))
    q3_limits = models.BooleanField(_("health problems limit activities"))
    q4_needs_help = models.BooleanField(_("needs help regularly"))
    q5_stays_home = models.BooleanField(_("health problems keep at home"))
    q6_can_count = models.BooleanField(_("can count on someone close"))
    q7_aid = models.BooleanField(_("uses stick, walker or wheelchair"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("PRISMA-7 screening")
        verbose_name_plural = _("PRISMA-7 screenings")
        ordering = ["-held_on", "-pk"]

    def __str__(self) -> str:
        return f"PRISMA-7 {self.held_on}: {self.score}"

    @property
    def score(self) -> int:
        return sum(getattr(self, name) is scoring for name, _q, scoring in PRISMA7_QUESTIONS)


def quarter_of(day: dt.date) -> tuple[int, int]:
    return day.year, (day.month - 1) // 3 + 1
