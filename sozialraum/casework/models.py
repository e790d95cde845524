"""Persons supported by neighbourhood workers, and their consent to sharing.

A person is owned by one organisation; its workers, coordinators and administrators do
the case work. Nobody else sees anything of the person unless the person consented to
share with their organisation or district team for a purpose, and only for that purpose
(see :mod:`sozialraum.casework.access`). Withdrawing a consent ends the sharing at once.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sozialraum.accounts.models import DistrictTeam, Organisation
from sozialraum.audit.purposes import Purpose
from sozialraum.directory.needs import NEEDS, Need
from sozialraum.districts.models import District

#: Purposes that are never shared with another organisation: the owner's own work and the
#: person's own information.
OWNER_ONLY_PURPOSES: frozenset[str] = frozenset({Purpose.CASEWORK, Purpose.EXPORT})


def shareable_purposes() -> list[tuple[str, Any]]:
    """The purposes a consent can name (every purpose but the owner's own)."""
    return [(value, label) for value, label in Purpose.choices if value not in OWNER_ONLY_PURPOSES]


class LivingSituation(models.TextChoices):
    """How and with whom the person lives."""

    ALONE = "alone", _("lives alone")
    PARTNER = "partner", _("with partner")
    FAMILY = "family", _("with family")
    SHARED = "shared", _("shared flat")
    ASSISTED = "assisted", _("assisted living")
    CARE_HOME = "care_home", _("residential care home")
    NO_HOME = "no_home", _("without a home")
    OTHER = "other", _("other")


#: The accessibility needs a person can have: the directory's vocabulary, so a person's
#: needs filter the offer search directly.
NEED_LABELS: dict[str, Any] = dict(Need.choices)


def validate_need_codes(value: object) -> None:
    """A list of the directory's need codes, each at most once."""
    if not isinstance(value, list) or not all(isinstance(code, str) for code in value):
        raise ValidationError(_("Give the needs as a list of codes."))
    unknown = sorted(set(value) - NEEDS)
    if unknown:
        raise ValidationError(_("Unknown needs: %(codes)s."), params={"codes": ", ".join(unknown)})


class Person(models.Model):
    """A person supported in a Quartier (Leistungsberechtigte:r, Bürger:in in a case),
    owned by one organisation. The district follows from the home's coordinates through
    the district lookup, or is chosen when the address is not placed on the map. A case is
    closed by setting ``closed_at``; closed records are deleted after the retention period
    (``casework_purge_closed``)."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="persons",
    )
    name = models.CharField(_("name"), max_length=200)
    preferred_name = models.CharField(
        _("how the person wants to be addressed"), max_length=200, blank=True
    )
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    street_address = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    latitude = models.FloatField(_("latitude"), null=True, blank=True)
    longitude = models.FloatField(_("longitude"), null=True, blank=True)
    district = models.ForeignKey(
        District,
        verbose_name=_("district"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="persons",
    )
    living_situation = models.CharField(
        _("living situation"), max_length=20, choices=LivingSituation.choices, blank=True
    )
    accessibility_needs = models.JSONField(
        _("accessibility needs"), default=list, blank=True, validators=[validate_need_codes]
    )
    communication_needs = models.TextField(
        _("communication needs"),
        blank=True,
        help_text=_("E.g. sign language, easy-to-read language, interpreter for a language."),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    closed_at = models.DateTimeField(_("case closed"), null=True, blank=True, db_index=True)

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("persons")
        ordering = ["name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True, longitude__isnull=True)
                | models.Q(latitude__isnull=False, longitude__isnull=False),
                name="person_coordinates_both_or_neither",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("casework:person", kwargs={"pk": self.pk})

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None

    def age(self, on: date | None = None) -> int | None:
        if self.date_of_birth is None:
            return None
        on = on or timezone.localdate()
        born = self.date_of_birth
        return on.year - born.year - ((on.month, on.day) < (born.month, born.day))

    @property
    def need_labels(self) -> list[str]:
        return [str(NEED_LABELS[code]) for code in self.accessibility_needs if code in NEED_LABELS]

    def deletion_due(self, retention_days: int) -> datetime | None:
        """When the closed case's data are deleted (None while the case is open)."""
        return self.closed_at + timedelta(days=retention_days) if self.closed_at else None

    def clean(self) -> None:
        if self.date_of_birth and self.date_of_birth > timezone.localdate():
            raise ValidationError({"date_of_birth": _("The date of birth lies in the future.")})


class Evidence(models.TextChoices):
    """How a consent was given and can be shown."""

    WRITTEN = "written", _("signed form")
    VERBAL = "verbal", _("verbally, noted by the worker")
    ELECTRONIC = "electronic", _("electronically (e-mail, message)")
    REPRESENTATIVE = "representative", _("by the legal representative")


class ConsentQuerySet(models.QuerySet["Consent"]):
    def live(self) -> ConsentQuerySet:
        """Consents given and not withdrawn."""
        return self.filter(withdrawn_at__isnull=True, given_at__lte=timezone.now())


class Consent(models.Model):
    """The person's consent (Einwilligung) that their data be shared with another
    organisation or a district team for one purpose: what is shared, with whom, when it
    was given, how it is evidenced, and when it was withdrawn. A withdrawn consent stays
    on record; it no longer grants anything."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="consents"
    )
    purpose = models.CharField(_("purpose"), max_length=30, choices=Purpose.choices)
    scope = models.TextField(_("what may be shared"))
    shared_with_organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("shared with organisation"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consents_received",
    )
    shared_with_team = models.ForeignKey(
        DistrictTeam,
        verbose_name=_("shared with district team"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="consents_received",
    )
    given_at = models.DateTimeField(_("given on"), default=timezone.now)
    withdrawn_at = models.DateTimeField(_("withdrawn on"), null=True, blank=True)
    evidence = models.CharField(_("evidence"), max_length=20, choices=Evidence.choices)
    evidence_reference = models.CharField(
        _("where the evidence is kept"),
        max_length=200,
        blank=True,
        help_text=_("E.g. the file number of the signed form."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = ConsentQuerySet.as_manager()

    class Meta:
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["-given_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(shared_with_organisation__isnull=False)
                | models.Q(shared_with_team__isnull=False),
                name="consent_shared_with_someone",
            ),
            models.CheckConstraint(
                condition=models.Q(withdrawn_at__isnull=True)
                | models.Q(withdrawn_at__gte=models.F("given_at")),
                name="consent_withdrawn_after_given",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_purpose_display()}"

    @property
    def is_live(self) -> bool:
        return self.withdrawn_at is None and self.given_at <= timezone.now()

    @property
    def recipients(self) -> list[str]:
        return [str(r) for r in (self.shared_with_organisation, self.shared_with_team) if r]

    def clean(self) -> None:
        if self.purpose in OWNER_ONLY_PURPOSES:
            raise ValidationError({"purpose": _("This purpose is never shared.")})
        if self.shared_with_organisation_id is None and self.shared_with_team_id is None:
            raise ValidationError(
                {"shared_with_organisation": _("Name the organisation or the district team.")}
            )
        owner_id = (
            Person.objects.filter(pk=self.person_id)
            .values_list("organisation_id", flat=True)
            .first()
        )
        if self.shared_with_organisation_id and self.shared_with_organisation_id == owner_id:
            raise ValidationError(
                {"shared_with_organisation": _("The person's own organisation needs no consent.")}
            )
