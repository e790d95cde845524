"""The offer directory (Sozialraum-Erfassung): what a Quartier offers, where, when, at what
cost, run by whom, and how accessible it is.

The concepts follow Open Referral HSDS 3 under our names: ``Offer`` is an HSDS service,
``Place`` a location, ``Category`` a taxonomy term, ``CostOption`` a cost option, the
provider an ``accounts.Organisation`` (HSDS organization). Writes go through
``services.py``, which validates, assigns districts and records the history.
"""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from decimal import Decimal
from typing import Any

import opening_hours
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from opening_hours import OpeningHours

from sozialraum.accounts.models import Organisation
from sozialraum.districts.models import District

_LANGUAGE_CODE = re.compile(r"[a-z]{2}")
#: What the parser raises for bad syntax (its type stub does not declare ParserError).
_SYNTAX_ERRORS: tuple[type[Exception], ...] = (
    SyntaxError,
    ValueError,
    getattr(opening_hours, "ParserError", SyntaxError),
)


def default_languages() -> list[str]:
    return ["de"]


def validate_opening_hours(value: str) -> None:
    """Accepts OpenStreetMap ``opening_hours`` syntax (e.g. ``Mo-Fr 08:00-16:00``)."""
    if not value:
        return
    try:
        OpeningHours(value)
    except _SYNTAX_ERRORS as error:
        first_line = str(error).splitlines()[0] if str(error) else ""
        raise ValidationError(
            _(
                '"%(value)s" is not in OpenStreetMap opening_hours syntax '
                '(e.g. "Mo-Fr 08:00-16:00; Sa 10:00-12:00"): %(error)s'
            ),
            code="invalid_opening_hours",
            params={"value": value, "error": first_line},
        ) from error


def validate_language_codes(value: Any) -> None:
    """Accepts a list of distinct two-letter ISO 639-1 codes in lower case."""
    if not isinstance(value, list) or not all(
        isinstance(code, str) and _LANGUAGE_CODE.fullmatch(code) for code in value
    ):
        raise ValidationError(
            _('Languages must be a list of two-letter ISO 639-1 codes such as ["de", "en"].'),
            code="invalid_languages",
        )
    if len(set(value)) != len(value):
        raise ValidationError(_("A language is listed twice."), code="duplicate_language")


class Category(models.Model):
    """A kind of offer in the Sozialraum taxonomy (meeting place, lunch table, day-care
    centre, ...), arranged in a tree by ``parent``. Kept as data so administrators can
    extend it; ``name`` is shown to users as stored (German), ``code`` is stable for code
    and links. ``hsds_terms`` maps the category to terms of published vocabularies for an
    HSDS export: ``[{"vocabulary": ..., "code": ..., "term": ...}]``.
    """

    code = models.SlugField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=120)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    description = models.TextField(_("description"), blank=True)
    hsds_terms = models.JSONField(_("terms for HSDS export"), default=list, blank=True)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if self.pk is not None and self.parent_id == self.pk:
            raise ValidationError({"parent": _("A category cannot be part of itself.")})
        if not isinstance(self.hsds_terms, list) or not all(
            isinstance(term, dict) and {"vocabulary", "code", "term"} <= term.keys()
            for term in self.hsds_terms
        ):
            raise ValidationError(
                {"hsds_terms": _('Each term needs "vocabulary", "code" and "term".')}
            )


class Wheelchair(models.TextChoices):
    """Wheelchair access as OpenStreetMap's ``wheelchair`` key grades it."""

    YES = "yes", _("fully accessible")
    LIMITED = "limited", _("partly accessible")
    NO = "no", _("not accessible")
    UNKNOWN = "", _("unknown")


class Place(models.Model):
    """Where offers happen (HSDS location): an address with coordinates, the district it
    lies in, and its accessibility as structured facts (after OpenStreetMap's keys) rather
    than prose, so searches can filter on them and neighbourhood walks can update them.
    For every accessibility fact, empty means "not known", never "no". Coordinates are
    empty only when the source gives none.
    """

    external_id = models.CharField(
        _("external identifier"),
        max_length=120,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Source-qualified identifier, e.g. kitaportal-sh:471."),
    )
    name = models.CharField(_("name"), max_length=200)
    street_address = models.CharField(_("street and number"), max_length=200, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    latitude = models.FloatField(
        _("latitude"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.FloatField(
        _("longitude"),
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    district = models.ForeignKey(
        District,
        verbose_name=_("district"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="places",
    )
    step_free_entrance = models.BooleanField(_("step-free entrance"), null=True, blank=True)
    wheelchair = models.CharField(
        _("wheelchair access"), max_length=10, choices=Wheelchair.choices, blank=True
    )
    accessible_toilet = models.BooleanField(_("accessible toilet"), null=True, blank=True)
    hearing_loop = models.BooleanField(_("hearing loop"), null=True, blank=True)
    easy_language_material = models.BooleanField(
        _("material in easy-to-read language"), null=True, blank=True
    )
    guide_dogs_welcome = models.BooleanField(_("guide dogs welcome"), null=True, blank=True)
    disabled_parking = models.BooleanField(_("parking for disabled people"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("place")
        verbose_name_plural = _("places")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True, longitude__isnull=True)
                | models.Q(latitude__isnull=False, longitude__isnull=False),
                name="place_coordinates_both_or_neither",
            ),
            models.CheckConstraint(
                condition=models.Q(latitude__isnull=True)
                | models.Q(latitude__gte=-90, latitude__lte=90),
                name="place_latitude_in_range",
            ),
            models.CheckConstraint(
                condition=models.Q(longitude__isnull=True)
                | models.Q(longitude__gte=-180, longitude__lte=180),
                name="place_longitude_in_range",
            ),
            models.CheckConstraint(
                condition=models.Q(wheelchair__in=Wheelchair.values),
                name="place_wheelchair_known_value",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def has_coordinates(self) -> bool:
        return self.latitude is not None and self.longitude is not None

    @property
    def address(self) -> str:
        """ "Marientreppe 10, 24939 Flensburg", leaving out the parts that are empty."""
        town = " ".join(part for part in (self.postal_code, self.city) if part)
        return ", ".join(part for part in (self.street_address, town) if part)


class LegalBasis(models.TextChoices):
    """The social code an offer is financed under, if any."""

    NONE = "", _("none")
    SGB_V = "SGB V", _("SGB V (health insurance)")
    SGB_IX = "SGB IX", _("SGB IX (rehabilitation and participation)")
    SGB_XI = "SGB XI", _("SGB XI (long-term care insurance)")
    SGB_XII = "SGB XII", _("SGB XII (social assistance)")
    SGB_XII_71 = "§ 71 SGB XII", _("§ 71 SGB XII (help for older people)")


class Fee(models.TextChoices):
    """Whether an offer costs something; the amounts are its cost options."""

    FREE = "free", _("free of charge")
    PAID = "paid", _("costs something")
    UNKNOWN = "unknown", _("not known")


class Offer(models.Model):
    """An Angebot (HSDS service): something a provider offers in the Quartier, from a lunch
    table to a day-care centre or a playground. It says what, where (``places``), when
    (``opening_hours`` in OpenStreetMap syntax, dated ``events``), at what cost (``fee``
    and ``cost_options``), for whom (``for_everyone`` or ``eligibility``), under which
    legal basis and in which languages. Providers keep it current: ``last_confirmed_at``
    is when someone last confirmed it is still right. ``is_demo`` marks invented examples.
    """

    external_id = models.CharField(
        _("external identifier"),
        max_length=120,
        unique=True,
        null=True,
        blank=True,
        help_text=_("Source-qualified identifier, e.g. flensburg-kita:kita-neustadt."),
    )
    provider = models.ForeignKey(
        Organisation,
        verbose_name=_("provider"),
        on_delete=models.PROTECT,
        related_name="offers",
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    categories = models.ManyToManyField(
        Category, verbose_name=_("categories"), related_name="offers", blank=True
    )
    places = models.ManyToManyField(
        Place, verbose_name=_("places"), related_name="offers", blank=True
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    url = models.URLField(_("website"), max_length=500, blank=True)
    for_everyone = models.BooleanField(_("open to everyone"), default=True)
    eligibility = models.TextField(
        _("who can use it"),
        blank=True,
        help_text=_("Required when the offer is not open to everyone."),
    )
    legal_basis = models.CharField(
        _("legal basis"), max_length=20, choices=LegalBasis.choices, blank=True
    )
    languages = models.JSONField(
        _("languages"),
        default=default_languages,
        validators=[validate_language_codes],
        help_text=_("ISO 639-1 codes, e.g. de, en, tr."),
    )
    opening_hours = models.CharField(
        _("opening hours"),
        max_length=500,
        blank=True,
        validators=[validate_opening_hours],
        help_text=_("OpenStreetMap opening_hours syntax, e.g. Mo-Fr 08:00-16:00."),
    )
    fee = models.CharField(_("fee"), max_length=10, choices=Fee.choices, default=Fee.UNKNOWN)
    last_confirmed_at = models.DateTimeField(_("last confirmed"), null=True, blank=True)
    is_demo = models.BooleanField(_("demo data"), default=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("offer")
        verbose_name_plural = _("offers")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(for_everyone=True) | ~models.Q(eligibility=""),
                name="offer_restricted_names_eligibility",
            ),
            models.CheckConstraint(
                condition=models.Q(legal_basis__in=LegalBasis.values),
                name="offer_legal_basis_known_value",
            ),
            models.CheckConstraint(
                condition=models.Q(fee__in=Fee.values), name="offer_fee_known_value"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        if not self.for_everyone and not self.eligibility.strip():
            raise ValidationError(
                {"eligibility": _("Say who can use the offer, or mark it open to everyone.")}
            )

    def is_open_at(self, moment: dt.datetime) -> bool | None:
        """Whether the offer is open at the timezone-aware ``moment`` (evaluated in the
        site's time zone, with German public holidays for ``PH`` rules); None when its
        opening hours are not known or the rules say "unknown" for that moment."""
        if timezone.is_naive(moment):
            raise ValueError("is_open_at needs a timezone-aware datetime.")
        if not self.opening_hours:
            return None
        local = zoneinfo.ZoneInfo(settings.TIME_ZONE)
        hours = OpeningHours(self.opening_hours, timezone=local, country="DE")
        # The library accepts only ZoneInfo zones (timezone.now() carries datetime.UTC).
        moment = moment.astimezone(local)
        if hours.is_unknown(moment):
            return None
        return bool(hours.is_open(moment))

    def is_stale(self, now: dt.datetime, max_age: dt.timedelta) -> bool:
        """True if nobody has confirmed the offer within ``max_age`` before ``now``
        (an offer never confirmed is stale)."""
        return self.last_confirmed_at is None or now - self.last_confirmed_at > max_age

    @property
    def min_cost(self) -> Decimal | None:
        """The lowest price: 0 for a free offer, the smallest cost option for a paid one,
        None when the cost is not known. Uses prefetched ``cost_options`` if present."""
        if self.fee == Fee.FREE:
            return Decimal("0")
        amounts = [option.amount for option in self.cost_options.all()]
        return min(amounts) if amounts else None


class CostOption(models.Model):
    """One price of an offer for one group (HSDS cost_option): a lunch table at 3 EUR for
    people with low income and 4 EUR for everyone else is one offer with two options.
    ``valid_from``/``valid_to`` bound prices that change on a date.
    """

    offer = models.ForeignKey(
        Offer, verbose_name=_("offer"), on_delete=models.CASCADE, related_name="cost_options"
    )
    amount = models.DecimalField(
        _("amount"), max_digits=9, decimal_places=2, validators=[MinValueValidator(0)]
    )
    currency = models.CharField(_("currency"), max_length=3, default="EUR")
    option = models.CharField(
        _("for whom"), max_length=200, blank=True, help_text=_("e.g. Geringes Einkommen")
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid until"), null=True, blank=True)

    class Meta:
        verbose_name = _("cost option")
        verbose_name_plural = _("cost options")
        ordering = ["offer", "amount", "option"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(amount__gte=0), name="cost_option_amount_not_negative"
            ),
            models.CheckConstraint(
                condition=models.Q(valid_from__isnull=True)
                | models.Q(valid_to__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="cost_option_valid_range",
            ),
        ]

    def __str__(self) -> str:
        label = f"{self.amount} {self.currency}"
        return f"{label} ({self.option})" if self.option else label


class OfferEvent(models.Model):
    """A dated occurrence of an offer (a summer party, a course evening), at one of its
    places or elsewhere; regular hours belong in ``Offer.opening_hours``."""

    offer = models.ForeignKey(
        Offer, verbose_name=_("offer"), on_delete=models.CASCADE, related_name="events"
    )
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    place = models.ForeignKey(
        Place,
        verbose_name=_("place"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
    )

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__isnull=True)
                | models.Q(ends_at__gte=models.F("starts_at")),
                name="offer_event_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return self.title
