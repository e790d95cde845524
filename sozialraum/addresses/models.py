"""The installation's address index: every known house with its point and district."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _

from sozialraum.districts.models import District

from .normalise import HouseNumber


class Address(models.Model):
    """A house address with its point (WGS84), filled from official house coordinates or
    OpenStreetMap by ``import_addresses``. The geocoder looks addresses up by
    ``street_key`` (the street's normalised name, see ``normalise.street_key``) and house
    number within a city (``city_key``); a range such as "1-4" keeps its first number in
    ``house_number`` and its last in ``house_number_last``. The district is the one whose
    boundary holds the point when the address was imported (empty outside every district).
    One address per city, street, number and suffix; a re-import updates it.
    """

    street = models.CharField(_("street"), max_length=200)
    street_key = models.CharField(_("street key"), max_length=200, editable=False)
    house_number = models.PositiveIntegerField(_("house number"))
    house_suffix = models.CharField(_("house number suffix"), max_length=5, blank=True)
    house_number_last = models.PositiveIntegerField(
        _("last house number of a range"), null=True, blank=True
    )
    postcode = models.CharField(_("postcode"), max_length=5, blank=True)
    city = models.CharField(_("city"), max_length=120)
    city_key = models.CharField(_("city key"), max_length=120, editable=False)
    lat = models.FloatField(_("latitude"))
    lon = models.FloatField(_("longitude"))
    district = models.ForeignKey(
        District,
        verbose_name=_("district"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="addresses",
    )
    source = models.CharField(_("source"), max_length=300)

    class Meta:
        verbose_name = _("address")
        verbose_name_plural = _("addresses")
        ordering = ["city_key", "street_key", "house_number", "house_suffix"]
        constraints = [
            models.UniqueConstraint(
                fields=["city_key", "street_key", "house_number", "house_suffix"],
                name="address_unique_house",
            ),
            models.CheckConstraint(
                condition=models.Q(lat__gte=-90, lat__lte=90, lon__gte=-180, lon__lte=180),
                name="address_point_in_range",
            ),
        ]
        indexes = [
            models.Index(fields=["street_key", "house_number"], name="address_street_number"),
            models.Index(fields=["postcode"], name="address_postcode"),
        ]

    def __str__(self) -> str:
        return self.label

    @property
    def number(self) -> HouseNumber:
        return HouseNumber(self.house_number, self.house_suffix, self.house_number_last)

    @property
    def label(self) -> str:
        """The address as written on a letter: "Kettwiger Str. 10a, 45127 Essen"."""
        place = f"{self.postcode} {self.city}".strip()
        return f"{self.street} {self.number}, {place}"
