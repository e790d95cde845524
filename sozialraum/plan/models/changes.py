"""The history of ladder entries, places that matter and referrals."""

from __future__ import annotations

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .will import Goal


class PlanChangeKind(models.TextChoices):
    RESOURCE = "resource", _("ladder entry")
    PLACE = "place", _("place that matters")
    REFERRAL = "referral", _("referral")


class PlanChangeAction(models.TextChoices):
    CHANGED = "changed", _("changed")
    REMOVED = "removed", _("removed")


class PlanChange(models.Model):
    """One entry in the history of a ladder entry, a place that matters or a referral:
    who, when and what changed as ``{field: [old, new]}`` (like the directory's
    ``OfferChange``). A removal keeps the removed row's content as ``{field: [old,
    None]}``, so the entry still says what was there. ``goal`` ties entries of the ladder
    and referrals to their goal's page after the row is gone."""

    kind = models.CharField(_("kind"), max_length=10, choices=PlanChangeKind.choices)
    object_id = models.PositiveIntegerField(_("entry number"))
    person = models.ForeignKey(
        "casework.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="plan_changes",
    )
    goal = models.ForeignKey(
        Goal,
        verbose_name=_("goal"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="changes",
    )
    action = models.CharField(_("action"), max_length=10, choices=PlanChangeAction.choices)
    changes = models.JSONField(_("changes"), default=dict, encoder=DjangoJSONEncoder)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), default=timezone.now)

    class Meta:
        verbose_name = _("change in the plan")
        verbose_name_plural = _("changes in the plan")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["kind", "object_id"], name="plan_change_object")]
        constraints = [
            models.CheckConstraint(
                condition=Q(action__in=PlanChangeAction.values),
                name="plan_change_known_action",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=PlanChangeKind.values), name="plan_change_known_kind"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.object_id} {self.action} {self.at:%Y-%m-%d %H:%M}"
