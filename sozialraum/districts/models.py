from __future__ import annotations

from typing import Any

from django.db import models
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .display import display_geometry

#: Stands for "no upper age" where a number is needed.
OPEN_END = 999

#: The large fields of a district: lists defer them (``defer(*GEOMETRY)``, or with the
#: relation's prefix, e.g. ``geometry_fields("district")``).
GEOMETRY = ("boundary", "boundary_display")


def geometry_fields(relation: str = "") -> list[str]:
    """The geometry fields under ``relation`` (``"district__boundary"``, ...), for defer()."""
    return [f"{relation}__{name}" if relation else name for name in GEOMETRY]


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
    The bounding box is kept beside the boundary (and only with one) so maps and lookups can
    prefilter cheaply. ``boundary_display`` is the boundary simplified for maps, written by
    ``save()``; lookups use the exact ``boundary``. Lists defer both (:data:`GEOMETRY`).
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
    boundary_display = models.JSONField(
        _("boundary simplified for maps (GeoJSON geometry)"),
        null=True,
        blank=True,
        editable=False,
    )
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
            models.CheckConstraint(
                condition=models.Q(boundary__isnull=False)
                | models.Q(
                    min_lon__isnull=True,
                    min_lat__isnull=True,
                    max_lon__isnull=True,
                    max_lat__isnull=True,
                ),
                name="district_bbox_only_with_boundary",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Saves, with ``boundary_display`` computed from ``boundary`` whenever the boundary
        is loaded (and is among ``update_fields`` if those are given)."""
        update_fields = kwargs.get("update_fields")
        if "boundary" not in self.get_deferred_fields() and (
            update_fields is None or "boundary" in update_fields
        ):
            self.boundary_display = display_geometry(self.boundary)
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "boundary_display"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("districts:detail", kwargs={"slug": self.slug})

    @property
    def has_boundary(self) -> bool:
        """Whether the district has a boundary; without loading it where it is deferred
        (the bounding box is set exactly when the boundary is: the constraints)."""
        if "boundary" not in self.get_deferred_fields():
            return self.boundary is not None
        return self.min_lon is not None

    def feature(self, *, exact: bool = False, **properties: Any) -> dict[str, Any]:
        """This district as a GeoJSON Feature with the given extra properties: with the
        boundary simplified for maps, or the exact one."""
        return {
            "type": "Feature",
            "geometry": self.boundary if exact else self.boundary_display,
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
