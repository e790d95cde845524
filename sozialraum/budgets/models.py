"""Pooled budgets (Trägerbudget): what the city gives a provider for a district and a year,
what the provider books against it (social-space offers, work beyond the case, individual
cases) and the share the city wants spent in the Quartier rather than on single cases.

A booking for an individual case names no person: the planning figures need the amount
and the kind, never who was helped (data minimisation).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from sozialraum.accounts.models import Organisation
from sozialraum.directory.models import Offer
from sozialraum.districts.models import District

FIRST_YEAR, LAST_YEAR = 2000, 2100


class SpendingKind(models.TextChoices):
    OFFER = "offer", _("social-space offer")
    NON_CASE = "non_case", _("work beyond the case")
    CASE = "case", _("individual case")


#: The kinds that count as spent in the Quartier (the rest is spent on single cases).
QUARTIER_KINDS = frozenset({SpendingKind.OFFER, SpendingKind.NON_CASE})


def _year_field() -> models.PositiveSmallIntegerField[int, int]:
    return models.PositiveSmallIntegerField(
        _("year"), validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]
    )


class Budget(models.Model):
    """The amount the city gives ``provider`` for its work in ``district`` in ``year``."""

    provider = models.ForeignKey(
        Organisation, verbose_name=_("provider"), on_delete=models.PROTECT, related_name="+"
    )
    district = models.ForeignKey(
        District, verbose_name=_("district"), on_delete=models.PROTECT, related_name="+"
    )
    year = _year_field()
    amount = models.DecimalField(
        _("amount in euros"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0"))],
    )

    class Meta:
        verbose_name = _("budget")
        verbose_name_plural = _("budgets")
        ordering = ["-year", "provider__name", "district__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "district", "year"],
                name="budget_one_per_provider_district_year",
            ),
            models.CheckConstraint(
                condition=models.Q(amount__gte=0), name="budget_amount_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.provider} – {self.district} {self.year}"


class Booking(models.Model):
    """Money spent from a budget: on a social-space offer of the provider, on work beyond
    the case (with the hours), or on individual cases (no person named). ``reference`` is
    the provider's own booking number: an import with the same reference updates it."""

    budget = models.ForeignKey(
        Budget, verbose_name=_("budget"), on_delete=models.PROTECT, related_name="bookings"
    )
    reference = models.CharField(_("booking number"), max_length=60)
    booked_on = models.DateField(_("booked on"))
    kind = models.CharField(_("spent on"), max_length=10, choices=SpendingKind.choices)
    amount = models.DecimalField(
        _("amount in euros"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    offer = models.ForeignKey(
        Offer,
        verbose_name=_("offer"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    hours = models.DecimalField(
        _("hours"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.01"))],
    )
    note = models.CharField(_("note"), max_length=200, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now=True)

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["-booked_on", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["budget", "reference"], name="booking_reference_once"),
            models.CheckConstraint(
                condition=models.Q(amount__gt=0), name="booking_amount_positive"
            ),
            models.CheckConstraint(
                condition=~models.Q(kind=SpendingKind.OFFER) | models.Q(offer__isnull=False),
                name="booking_offer_names_its_offer",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.amount} €"

    def clean(self) -> None:
        """The rules besides the fields' own, each naming its field: the booking falls in
        its budget's year, an offer booking names one of the budget provider's offers, only
        offer bookings name an offer, hours only for work beyond the case. (A field with an
        error here is left out of the constraint checks, so the field's message is shown.)"""
        errors: dict[str, Any] = {}
        budget = self.budget if self.budget_id else None
        if budget is not None and self.booked_on and self.booked_on.year != budget.year:
            errors["booked_on"] = _("The date lies outside the budget's year %(year)d.") % {
                "year": budget.year
            }
        if self.kind == SpendingKind.OFFER and self.offer_id is None:
            errors["offer"] = _("Name the offer the money was spent on.")
        elif self.kind != SpendingKind.OFFER and self.offer_id is not None:
            errors["offer"] = _("Only a booking for a social-space offer names an offer.")
        elif budget and self.offer and self.offer.provider_id != budget.provider_id:
            errors["offer"] = _("The offer is not one of %(provider)s's offers.") % {
                "provider": budget.provider.name
            }
        if self.hours is not None and self.kind != SpendingKind.NON_CASE:
            errors["hours"] = _("Hours belong to work beyond the case only.")
        if errors:
            raise ValidationError(errors)


class ShareTarget(models.Model):
    """The share of all bookings of a year the city wants spent in the Quartier."""

    year = _year_field()
    share_percent = models.DecimalField(
        _("target share spent in the Quartier (%)"),
        max_digits=5,
        decimal_places=2,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )

    class Meta:
        verbose_name = _("target share")
        verbose_name_plural = _("target shares")
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["year"], name="share_target_one_per_year"),
            models.CheckConstraint(
                condition=models.Q(share_percent__gte=0, share_percent__lte=100),
                name="share_target_percent",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.share_percent} %"
