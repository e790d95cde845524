"""The resource ladder of a goal: its rungs and the entries on them."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sozialraum.directory.models import Offer

from .will import Goal


class Rung(models.TextChoices):
    """The rungs of the resource ladder, in the order they are asked."""

    SELF = "self", _("What I can do myself")
    NETWORK = "network", _("What my network can do")
    QUARTIER = "quartier", _("Institutions and offers of the Quartier")
    PROFESSIONAL = "professional", _("Professional help")
    FOR_OTHERS = "for_others", _("What I can do for others")


#: The ladder's order, the order of :class:`Rung`.
RUNG_ORDER: tuple[str, ...] = tuple(Rung.values)
#: Rungs whose entries are social-space parts of a plan (Kiel's rule).
SOCIAL_SPACE_RUNGS = frozenset({Rung.NETWORK, Rung.QUARTIER})


class ResourceEntry(models.Model):
    """One entry on a goal's resource ladder: what the person, their network, the Quartier
    or professional help contributes, or what the person can do for others. A Quartier
    entry may link a directory offer (or name a neighbourhood resource that is not in the
    directory); a network entry may link a contact of the network map. Professional help
    states its kind, hours per month and cost per month."""

    goal = models.ForeignKey(
        Goal, verbose_name=_("goal"), on_delete=models.CASCADE, related_name="resources"
    )
    rung = models.CharField(_("rung"), max_length=12, choices=Rung.choices)
    text = models.TextField(_("what"))
    offer = models.ForeignKey(
        Offer,
        verbose_name=_("offer of the directory"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    contact = models.ForeignKey(
        "networkmap.Contact",
        verbose_name=_("contact of the network map"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    professional_kind = models.CharField(_("kind of help"), max_length=200, blank=True)
    hours_per_month = models.DecimalField(
        _("hours per month"), max_digits=6, decimal_places=1, null=True, blank=True
    )
    cost_per_month = models.DecimalField(
        _("cost per month (EUR)"), max_digits=9, decimal_places=2, null=True, blank=True
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        db_table = "casework_resourceentry"
        verbose_name = _("resource")
        verbose_name_plural = _("resources")
        ordering = ["goal", "created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(offer__isnull=True) | Q(rung="quartier"),
                name="resource_offer_only_on_quartier_rung",
            ),
            models.CheckConstraint(
                condition=Q(contact__isnull=True) | Q(rung="network"),
                name="resource_contact_only_on_network_rung",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_rung_display()}: {self.text[:60]}"

    def clean(self) -> None:
        if self.offer_id is not None and self.rung != Rung.QUARTIER:
            raise ValidationError({"offer": _("Only a Quartier entry can link an offer.")})
        if self.contact_id is not None and self.rung != Rung.NETWORK:
            raise ValidationError({"contact": _("Only a network entry can link a contact.")})
        if self.rung == Rung.PROFESSIONAL and not self.professional_kind:
            raise ValidationError(
                {"professional_kind": _("Please say what kind of professional help it is.")}
            )

    @property
    def is_social_space_part(self) -> bool:
        return self.rung in SOCIAL_SPACE_RUNGS
