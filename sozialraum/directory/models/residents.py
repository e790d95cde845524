"""What a signed-in resident keeps in the directory for "Mein Quartier": their home
district and the offers they saved."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from sozialraum.districts.models import District

from .offers import Offer


class ResidentHome(models.Model):
    """The district a resident calls home, chosen by the resident (from the list, or found
    from their address, which is not kept). Their start page shows this district's offers
    and dates. Only the resident reads it."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="resident_home",
    )
    district = models.ForeignKey(
        District, verbose_name=_("district"), on_delete=models.CASCADE, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("home district")
        verbose_name_plural = _("home districts")

    def __str__(self) -> str:
        return f"{self.user}: {self.district}"


class SavedOffer(models.Model):
    """An offer a resident saved to find again ("Gemerkte Angebote"); saving twice keeps
    one row, unsaving deletes it. Only the resident reads their list."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="saved_offers",
    )
    offer = models.ForeignKey(
        Offer, verbose_name=_("offer"), on_delete=models.CASCADE, related_name="+"
    )
    saved_at = models.DateTimeField(_("saved"), auto_now_add=True)

    class Meta:
        verbose_name = _("saved offer")
        verbose_name_plural = _("saved offers")
        ordering = ["-saved_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["user", "offer"], name="saved_offer_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.offer_id}"
