"""Referrals (Weg-Weisung) from a goal to an offer of the Quartier, their steps, and the
anonymous planning data left by those that ended without a fit."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sozialraum.directory.models import Category, Offer
from sozialraum.districts.models import District

from .will import Goal


class ReferralState(models.TextChoices):
    SUGGESTED = "suggested", _("suggested")
    CONTACTED = "contacted", _("contacted")
    FIRST_VISIT = "first_visit", _("first visit")
    IN_USE = "in_use", _("in use")
    NOT_SUITABLE = "not_suitable", _("not suitable")
    NOTHING_FOUND = "nothing_found", _("nothing found")


#: States a referral can be moved to from each state.
REFERRAL_NEXT: dict[str, tuple[str, ...]] = {
    ReferralState.SUGGESTED: (ReferralState.CONTACTED, ReferralState.NOT_SUITABLE),
    ReferralState.CONTACTED: (ReferralState.FIRST_VISIT, ReferralState.NOT_SUITABLE),
    ReferralState.FIRST_VISIT: (ReferralState.IN_USE, ReferralState.NOT_SUITABLE),
    ReferralState.IN_USE: (ReferralState.NOT_SUITABLE,),
    ReferralState.NOT_SUITABLE: (),
    ReferralState.NOTHING_FOUND: (),
}
#: States in which a referral is over.
REFERRAL_ENDED = frozenset({ReferralState.NOT_SUITABLE, ReferralState.NOTHING_FOUND})


class GapReason(models.TextChoices):
    """Why an offer did not suit, or why nothing was found: a fixed list, so planning data
    never carries free text about a person."""

    TOO_FAR = "too_far", _("too far away")
    NOT_ACCESSIBLE = "not_accessible", _("not accessible enough")
    TOO_EXPENSIVE = "too_expensive", _("too expensive")
    WRONG_TIMES = "wrong_times", _("times do not fit")
    LANGUAGE = "language", _("language or communication does not fit")
    FULL = "full", _("no place free")
    NOT_WANTED = "not_wanted", _("the person did not like it")
    NO_OFFER = "no_offer", _("there is no such offer")
    OTHER = "other", _("another reason")


class Referral(models.Model):
    """A Weg-Weisung: from a goal of the person to an offer of the Quartier, followed until
    it ends: suggested, contacted, first visit, in use, or not suitable (with a reason).
    A referral in state "nothing found" has no offer and records a search without a
    fitting result. ``do_not_contact``: the provider must not contact the person (the
    person or the worker gets in touch). ``note_for_provider`` is all the provider reads
    besides the offer, the state and (unless ``do_not_contact``) how to reach the person.
    """

    person = models.ForeignKey(
        "casework.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="referrals",
    )
    goal = models.ForeignKey(
        Goal, verbose_name=_("goal"), on_delete=models.CASCADE, related_name="referrals"
    )
    offer = models.ForeignKey(
        Offer,
        verbose_name=_("offer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referrals",
    )
    state = models.CharField(
        _("state"), max_length=14, choices=ReferralState.choices, default=ReferralState.SUGGESTED
    )
    reason = models.CharField(_("reason"), max_length=16, choices=GapReason.choices, blank=True)
    follow_up_on = models.DateField(_("follow up on"), null=True, blank=True)
    do_not_contact = models.BooleanField(
        _("the provider must not contact the person"), default=False
    )
    note_for_provider = models.CharField(_("note for the provider"), max_length=300, blank=True)
    worker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("worker"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="referrals",
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), default=timezone.now)

    class Meta:
        db_table = "casework_referral"
        verbose_name = _("referral")
        verbose_name_plural = _("referrals")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(state="not_suitable") | ~Q(reason=""),
                name="referral_not_suitable_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(state="nothing_found") | Q(offer__isnull=False),
                name="referral_has_offer_unless_nothing_found",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.offer or '-'} ({self.get_state_display()})"

    @property
    def is_ended(self) -> bool:
        return self.state in REFERRAL_ENDED

    @property
    def next_states(self) -> tuple[str, ...]:
        return REFERRAL_NEXT[self.state]

    def is_due(self, today: dt.date) -> bool:
        return not self.is_ended and self.follow_up_on is not None and self.follow_up_on <= today


class ReferralEvent(models.Model):
    """A step in a referral's life: the state it moved to, when and by whom."""

    referral = models.ForeignKey(
        Referral, verbose_name=_("referral"), on_delete=models.CASCADE, related_name="events"
    )
    state = models.CharField(_("state"), max_length=14, choices=ReferralState.choices)
    at = models.DateTimeField(_("at"), default=timezone.now)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )

    class Meta:
        db_table = "casework_referralevent"
        verbose_name = _("referral step")
        verbose_name_plural = _("referral steps")
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.state} {self.at:%Y-%m-%d}"


class ReferralGap(models.Model):
    """A referral that ended "not suitable" or "nothing found", as anonymous planning data
    (like the directory's ``SearchMiss``): the district, the category looked for or of the
    offer, the life area, the outcome, a reason from a fixed list and the month. No
    person, no offer, no free text, no exact date."""

    district = models.ForeignKey(
        District,
        verbose_name=_("district"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referral_gaps",
    )
    category = models.ForeignKey(
        Category,
        verbose_name=_("category"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="referral_gaps",
    )
    life_area = models.CharField(_("life area"), max_length=2, blank=True)
    outcome = models.CharField(_("outcome"), max_length=14, choices=ReferralState.choices)
    reason = models.CharField(_("reason"), max_length=16, choices=GapReason.choices)
    month = models.DateField(_("month"))

    class Meta:
        db_table = "casework_referralgap"
        verbose_name = _("unmet need from a referral")
        verbose_name_plural = _("unmet needs from referrals")
        ordering = ["-month", "-pk"]

    def __str__(self) -> str:
        return f"{self.month:%Y-%m} {self.outcome} {self.reason}"
