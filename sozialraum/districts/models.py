from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

#: Stands for "no upper age" where a number is needed.
OPEN_END = 999


class DistrictKind(models.TextChoices):
    CITY = "city", _("City")
    BOROUGH = "borough", _("Borough")
    DISTRICT = "district", _("District")
    QUARTER = "quarter", _("Quarter")


class District(models.Model):
    """A Sozialraum: a city, or one of its administrative or lived areas (Stadtbezirk,
    Stadtteil, Quartier), arranged in a tree by ``parent``. Its boundary is a GeoJSON
    Polygon or MultiPolygon in WGS84 (longitude, latitude); districts from sources that
    publish no boundary (Kiel's statistical Stadtteile) have none and say so on their page.
    The bounding box is kept beside the boundary so maps and lookups can prefilter cheaply.
    """

    name = models.CharField(_("name"), max_length=120)
    slug = models.SlugField(_("short name in addresses"), max_length=140, unique=True)
    code = models.CharField(
        _("external code"),
        max_length=60,
        unique=True,
        help_text=_("Source-qualified identifier, e.g. flensburg:STGT03 or kiel:1."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=DistrictKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
    )
    boundary = models.JSONField(_("boundary (GeoJSON geometry)"), null=True, blank=True)
    min_lon = models.FloatField(_("western edge"), null=True, blank=True)
    min_lat = models.FloatField(_("southern edge"), null=True, blank=True)
    max_lon = models.FloatField(_("eastern edge"), null=True, blank=True)
    max_lat = models.FloatField(_("northern edge"), null=True, blank=True)
    area_km2 = models.FloatField(_("area in km²"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(boundary__isnull=True)
                | models.Q(min_lon__isnull=False, max_lat__isnull=False),
                name="district_boundary_has_bbox",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("districts:detail", kwargs={"slug": self.slug})

    @property
    def has_boundary(self) -> bool:
        return self.boundary is not None

    def feature(self, **properties: Any) -> dict[str, Any]:
        """This district as a GeoJSON Feature with the given extra properties."""
        return {
            "type": "Feature",
            "geometry": self.boundary,
            "properties": {"name": self.name, "slug": self.slug, "kind": self.kind, **properties},
        }


class PopulationCount(models.Model):
    """Residents of a district in one year and one age band ``[age_from, age_to)``;
    ``age_to`` empty means "and older". Sources publish overlapping bands (0-18 and 0-7,
    60+ beside 65-80), so a band is stored as published and combined by the selectors.
    """

    district = models.ForeignKey(
        District,
        verbose_name=_("district"),
        on_delete=models.CASCADE,
        related_name="population",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    age_from = models.PositiveSmallIntegerField(_("age from"))
    age_to = models.PositiveSmallIntegerField(_("age below"), null=True, blank=True)
    count = models.PositiveIntegerField(_("residents"))
    source = models.CharField(_("source"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("population count")
        verbose_name_plural = _("population counts")
        ordering = ["district", "year", "age_from"]
        constraints = [
            # Coalesce makes "and older" (NULL) count as one band in the uniqueness check on
            # every database (NULLS NOT DISTINCT exists only on PostgreSQL 15+).
            models.UniqueConstraint(
                models.F("district"),
                models.F("year"),
                models.F("age_from"),
                Coalesce(models.F("age_to"), models.Value(OPEN_END)),
                name="population_unique_band",
            ),
            models.CheckConstraint(
                condition=models.Q(age_to__isnull=True) | models.Q(age_to__gt=models.F("age_from")),
                name="population_band_not_empty",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.district} {self.year} {self.band_label}: {self.count}"

    @property
    def band_label(self) -> str:
        return band_label(self.age_from, self.age_to)


def band_label(age_from: int, age_to: int | None) -> str:
    """A band as people write it: "0–17", "80+"."""
    if age_to is None:
        return f"{age_from}+"
    return f"{age_from}–{age_to - 1}"
