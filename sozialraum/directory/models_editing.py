"""Bookkeeping for keeping offers current: when a provider was last told about its
offers that nobody has confirmed for too long."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from sozialraum.accounts.models import Organisation


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
