"""The subjective map: places that matter to the person and how they are marked."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sozialraum.directory.models import Offer


class PlaceMark(models.TextChoices):
    USED = "used", _("I use it")
    LIKED = "liked", _("I like it")
    AVOIDED = "avoided", _("I avoid it")
    OUT_OF_REACH = "out_of_reach", _("out of reach for me")
    WISHED = "wished", _("I wish for it")


class OutOfReachWhy(models.TextChoices):
    BARRIER = "barrier", _("a barrier")
    COST = "cost", _("the cost")
    FEAR = "fear", _("fear")
    DISTANCE = "distance", _("the distance")


#: Colours of the marks on the map (also told in the table and the tooltip).
MARK_COLOURS: dict[str, str] = {
    PlaceMark.USED: "#0b5c8c",
    PlaceMark.LIKED: "#1a7f37",
    PlaceMark.AVOIDED: "#b3261e",
    PlaceMark.OUT_OF_REACH: "#8a5a00",
    PlaceMark.WISHED: "#6639ba",
}


class PersonalPlace(models.Model):
    """A place that matters to the person, on their subjective map (subjektive
    Landkarte): a point or an offer of the directory, marked as used, liked, avoided, out
    of reach (with why) or wished for."""

    person = models.ForeignKey(
        "casework.Person",
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="places",
    )
    name = models.CharField(_("name"), max_length=200)
    offer = models.ForeignKey(
        Offer,
        verbose_name=_("offer of the directory"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
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
    mark = models.CharField(_("mark"), max_length=12, choices=PlaceMark.choices)
    why = models.CharField(
        _("why out of reach"), max_length=10, choices=OutOfReachWhy.choices, blank=True
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)

    class Meta:
        db_table = "casework_personalplace"
        verbose_name = _("place that matters")
        verbose_name_plural = _("places that matter")
        ordering = ["name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(offer__isnull=False)
                | Q(latitude__isnull=False, longitude__isnull=False),
                name="personal_place_point_or_offer",
            ),
            models.CheckConstraint(
                condition=~Q(mark="out_of_reach") | ~Q(why=""),
                name="personal_place_out_of_reach_has_why",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        errors: dict[str, Any] = {}
        if self.offer_id is None and (self.latitude is None or self.longitude is None):
            errors["latitude"] = _("Choose an offer or give the point's latitude and longitude.")
        if self.mark == PlaceMark.OUT_OF_REACH and not self.why:
            errors["why"] = _("Please say why the place is out of reach.")
        if self.mark != PlaceMark.OUT_OF_REACH and self.why:
            errors["why"] = _("Only a place out of reach has a why.")
        if errors:
            raise ValidationError(errors)
