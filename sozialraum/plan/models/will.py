"""The person's own words: their will, the life areas and the goals set in them."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class LifeArea(models.Model):
    """One of the nine life areas of the ICF's activities and participation (d1 learning
    and applying knowledge ... d9 community, social and civic life), which the BTHG's
    assessment instruments use to order goals. Kept as data (seeded by a migration);
    ``name`` and ``plain_name`` are shown as stored (German)."""

    code = models.CharField(_("code"), max_length=2, unique=True)
    name = models.CharField(_("name"), max_length=120)
    plain_name = models.CharField(_("name in plain words"), max_length=120)

    class Meta:
        db_table = "casework_lifearea"
        verbose_name = _("life area")
        verbose_name_plural = _("life areas")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.plain_name} ({self.code})"


class WillStatement(models.Model):
    """The person's will in their own words ("Wie will ich leben? Was ist mir wichtig?"),
    kept verbatim with the day it was said. Never edited: a changed will is a new
    statement, so the history of what the person said stays as they said it."""

    person = models.ForeignKey(
        "casework.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="will_statements",
    )
    text = models.TextField(_("in the person's own words"))
    said_on = models.DateField(_("said on"), default=dt.date.today)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded at"), default=timezone.now)

    class Meta:
        db_table = "casework_willstatement"
        verbose_name = _("statement of will")
        verbose_name_plural = _("statements of will")
        ordering = ["-said_on", "-recorded_at"]

    def __str__(self) -> str:
        return f"{self.said_on:%Y-%m-%d}: {self.text[:60]}"


class GoalStatus(models.TextChoices):
    OPEN = "open", _("being worked on")
    REACHED = "reached", _("reached")
    DROPPED = "dropped", _("no longer wanted")


class Goal(models.Model):
    """A goal of the person in plain words, in one life area, with how the person will
    know it is reached. ``known_already`` is the answer to the first question of the
    Weg-Weisung, "Is there something you already know?", asked before any search."""

    person = models.ForeignKey(
        "casework.Person", verbose_name=_("person"), on_delete=models.CASCADE, related_name="goals"
    )
    life_area = models.ForeignKey(
        LifeArea, verbose_name=_("life area"), on_delete=models.PROTECT, related_name="goals"
    )
    text = models.TextField(_("goal in plain words"))
    how_to_know = models.TextField(_("how I will know it is reached"))
    status = models.CharField(
        _("status"), max_length=10, choices=GoalStatus.choices, default=GoalStatus.OPEN
    )
    known_already = models.TextField(_("something the person already knows"), blank=True)
    known_already_at = models.DateTimeField(_("asked at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        db_table = "casework_goal"
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return self.text[:80]
