"""The plan and its versions: drafts, frozen final versions, agreed steps and the
participants of the plan conference."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .will import Goal


class Plan(models.Model):
    """The person's participation plan (Teilhabeplan/Gesamtplan). Its content lives in
    :class:`PlanVersion` rows: at most one draft at a time, and final versions frozen
    when they were finalised."""

    person = models.OneToOneField(
        "casework.Person", verbose_name=_("person"), on_delete=models.CASCADE, related_name="plan"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        db_table = "casework_plan"
        verbose_name = _("plan")
        verbose_name_plural = _("plans")

    def __str__(self) -> str:
        return str(_("Plan of %(person)s") % {"person": self.person})


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("draft")
    FINAL = "final", _("final")


class PlanVersion(models.Model):
    """One version of a plan: agreed steps, participants of the plan conference and the
    review date. A draft can be changed; finalising it freezes it (``document`` holds the
    whole plan as it was agreed, will and goals with their ladders included) and a later
    change starts a new draft from it."""

    plan = models.ForeignKey(
        Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=5, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    review_on = models.DateField(_("review date"), null=True, blank=True)
    finalised_at = models.DateTimeField(_("finalised at"), null=True, blank=True)
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("finalised by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    document = models.JSONField(_("frozen plan"), default=dict, blank=True)

    class Meta:
        db_table = "casework_planversion"
        verbose_name = _("plan version")
        verbose_name_plural = _("plan versions")
        ordering = ["plan", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="plan_version_number_unique"),
            models.UniqueConstraint(
                fields=["plan"],
                condition=Q(status="draft"),
                name="plan_one_draft",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(finalised_at__isnull=False),
                name="plan_version_final_has_date",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.plan} v{self.number} ({self.get_status_display()})"

    @property
    def is_final(self) -> bool:
        return self.status == VersionStatus.FINAL


class PlanStep(models.Model):
    """An agreed step of a plan version: what happens, who does it, by when."""

    version = models.ForeignKey(
        PlanVersion, verbose_name=_("plan version"), on_delete=models.CASCADE, related_name="steps"
    )
    goal = models.ForeignKey(
        Goal,
        verbose_name=_("goal"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="steps",
    )
    what = models.TextField(_("what"))
    who = models.CharField(_("who"), max_length=200)
    due_on = models.DateField(_("by when"))

    class Meta:
        db_table = "casework_planstep"
        verbose_name = _("agreed step")
        verbose_name_plural = _("agreed steps")
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return self.what[:60]


class PlanParticipant(models.Model):
    """Someone who took part in the plan conference: the person, relatives, neighbours,
    workers of organisations."""

    version = models.ForeignKey(
        PlanVersion,
        verbose_name=_("plan version"),
        on_delete=models.CASCADE,
        related_name="participants",
    )
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role or relation"), max_length=200, blank=True)

    class Meta:
        db_table = "casework_planparticipant"
        verbose_name = _("participant of the plan conference")
        verbose_name_plural = _("participants of the plan conference")
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name
