"""Editing an offer: its history (:class:`OfferChange`, one entry per change, written by
the services) and the bookkeeping for keeping offers current (:class:`StaleNotice`: when a
provider was last told about its offers that nobody has confirmed for too long)."""

from __future__ import annotations

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sozialraum.accounts.models import Organisation

from .offers import Offer


class StaleNotice(models.Model):
    """The last reminder sent to a provider organisation that some of its offers have not
    been confirmed within the allowed time (``OFFER_STALE_DAYS``). The reminder command
    reads it so that a provider is mailed at most once a week, however often it runs."""

    organisation = models.OneToOneField(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="stale_notice",
    )
    sent_at = models.DateTimeField(_("last sent"))
    offer_count = models.PositiveIntegerField(_("offers named"))
    recipients = models.TextField(_("sent to"), blank=True)

    class Meta:
        verbose_name = _("reminder about unconfirmed offers")
        verbose_name_plural = _("reminders about unconfirmed offers")
        ordering = ["-sent_at"]

    def __str__(self) -> str:
        return f"{self.organisation} {self.sent_at:%Y-%m-%d}"


class ChangeAction(models.TextChoices):
    CREATED = "created", _("created")
    UPDATED = "updated", _("updated")
    CONFIRMED = "confirmed", _("confirmed")


class OfferChange(models.Model):
    """One entry in an offer's history: who (a user, or for imports the ``source``), when,
    and what changed as ``{field: [old, new]}``. Written by the services only, which
    require a user or a source (no database rule: deleting a user empties ``user`` on the
    entries they wrote, and that must not fail). The offer's
    external id and name are kept so the entry still says what it was about after the
    offer is deleted.
    """

    offer = models.ForeignKey(
        Offer,
        verbose_name=_("offer"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="changes",
    )
    offer_external_id = models.CharField(_("offer's external identifier"), max_length=120)
    offer_name = models.CharField(_("offer's name"), max_length=200)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="offer_changes",
    )
    source = models.CharField(_("source"), max_length=200, blank=True)
    action = models.CharField(_("action"), max_length=10, choices=ChangeAction.choices)
    at = models.DateTimeField(_("at"), default=timezone.now)
    changes = models.JSONField(_("changes"), default=dict, encoder=DjangoJSONEncoder)

    class Meta:
        verbose_name = _("offer change")
        verbose_name_plural = _("offer changes")
        ordering = ["-at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(action__in=ChangeAction.values),
                name="offer_change_known_action",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.offer_name} {self.get_action_display()} {self.at:%Y-%m-%d %H:%M}"
