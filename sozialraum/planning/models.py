"""The Gegenstrom loop of social planning: findings go bottom-up from the Quartier to the
city's planning (:class:`Finding`), decisions come top-down back into the Quartier
(:class:`Measure`)."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sozialraum.accounts.models import Organisation
from sozialraum.districts.models import District


class Theme(models.TextChoices):
    """What a finding is about (the planning office's fixed list)."""

    OFFERS = "offers", _("offers missing or full")
    ACCESSIBILITY = "accessibility", _("accessibility and barriers")
    MOBILITY = "mobility", _("mobility and transport")
    LONELINESS = "loneliness", _("loneliness and contacts")
    CARE = "care", _("care and support at home")
    HOUSING = "housing", _("housing")
    INFORMATION = "information", _("information and advice")
    PARTICIPATION = "participation", _("participation")
    OTHER = "other", _("other")


class Finding(models.Model):
    """A qualitative finding from the Quartier: what a provider or a district team
    observed in a district on a theme, with the evidence behind it (observations,
    counts of their own, quotes without names). The planning office reads all findings
    and groups them under a label of its own (``group``); the organisation that recorded
    a finding sees its own findings."""

    district = models.ForeignKey(
        District, verbose_name=_("district"), on_delete=models.PROTECT, related_name="+"
    )
    theme = models.CharField(_("theme"), max_length=20, choices=Theme.choices)
    text = models.TextField(_("finding"), max_length=4000)
    evidence = models.TextField(
        _("evidence"),
        max_length=4000,
        help_text=_("What the finding rests on: observations, own counts, statements."),
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("recorded for"),
        on_delete=models.PROTECT,
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
    group = models.CharField(
        _("group"),
        max_length=120,
        blank=True,
        help_text=_("The planning office's label for findings that belong together."),
    )
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_theme_display()}: {self.district}"

    def get_absolute_url(self) -> str:
        return reverse("planning:finding", kwargs={"pk": self.pk})


class MeasureStatus(models.TextChoices):
    DECIDED = "decided", _("decided")
    IN_PROGRESS = "in_progress", _("in progress")
    DONE = "done", _("done")
    DROPPED = "dropped", _("dropped")


class Measure(models.Model):
    """A decision of the city's planning (top-down): what is done, in which districts,
    why, with which budget, who is responsible and how far it has come, linked to the
    findings it answers. Measures are public: they appear on the districts' pages and on
    the start pages of the district teams working there."""

    title = models.CharField(_("what"), max_length=200)
    districts = models.ManyToManyField(
        District, verbose_name=_("where (districts)"), related_name="+"
    )
    reason = models.TextField(_("why"), max_length=4000)
    budget = models.DecimalField(
        _("budget (EUR)"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    owner = models.CharField(_("responsible"), max_length=200)
    status = models.CharField(
        _("status"), max_length=20, choices=MeasureStatus.choices, default=MeasureStatus.DECIDED
    )
    decided_on = models.DateField(_("decided on"), default=timezone.localdate)
    findings = models.ManyToManyField(
        Finding, verbose_name=_("findings it answers"), related_name="measures", blank=True
    )
    figures = models.JSONField(
        _("figures it answers"),
        default=list,
        blank=True,
        help_text=_("Keys of the figures over time (planning.figures.timeline.KEYS)."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    is_demo = models.BooleanField(_("demo data"), default=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("measure")
        verbose_name_plural = _("measures")
        ordering = ["-decided_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(status__in=MeasureStatus.values),
                name="planning_measure_known_status",
            ),
            models.CheckConstraint(
                condition=models.Q(budget__isnull=True) | models.Q(budget__gte=0),
                name="planning_measure_budget_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("planning:measure", kwargs={"pk": self.pk})
