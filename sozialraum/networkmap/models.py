"""The Netzwerkkarte of a person (after Pantuček): dated versions of the person's contacts,
each in one of four sectors on one of three closeness rings, and the ties between them.

A person has at most one map; a map has numbered versions (the first conversation, a
review a year later, ...). Each version holds its own contacts and ties, so an old version
stays as it was; a contact's ``key`` is shared by its copies in every version of the map,
which is how the comparison follows a contact over time and how easyNWK's alter ids are
kept. Writes go through ``services.py``, which places contacts and numbers versions.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from sozialraum.casework.models import Person

from .choices import (
    NAME_MAX_LENGTH,
    NOTE_MAX_LENGTH,
    ROLE_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    Bond,
    Ring,
    Sector,
)
from .geometry import fits
from .snapshot import MapContact


class NetworkMap(models.Model):
    """A person's network map (Netzwerkkarte): the container of its versions. One per
    person; it is read and changed only through the person's access helper with the
    purpose "network map"."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="network_maps"
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("network map")
        verbose_name_plural = _("network maps")
        constraints = [
            models.UniqueConstraint(fields=["person"], name="networkmap_one_per_person"),
        ]

    def __str__(self) -> str:
        return str(_("Network map of %(person)s") % {"person": self.person})

    def get_absolute_url(self) -> str:
        return reverse("networkmap:map", kwargs={"pk": self.person_id})


class MapVersion(models.Model):
    """One dated state of a network map, numbered from 1 in the order they were made; a
    new version starts as a copy of the latest."""

    network_map = models.ForeignKey(
        NetworkMap, verbose_name=_("network map"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("number"))
    title = models.CharField(
        _("title"),
        max_length=TITLE_MAX_LENGTH,
        blank=True,
        help_text=_('E.g. "First conversation" or "Review after one year".'),
    )
    date = models.DateField(_("date"), default=timezone.localdate)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("network map version")
        verbose_name_plural = _("network map versions")
        ordering = ["network_map", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["network_map", "number"], name="networkmap_version_number_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(number__gte=1), name="networkmap_version_number_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.label

    def get_absolute_url(self) -> str:
        return reverse(
            "networkmap:version",
            kwargs={"pk": self.network_map.person_id, "number": self.number},
        )

    @property
    def label(self) -> str:
        """ "Version 2: Review (3 March 2025)" style, for headings and choices."""
        date = date_format(self.date, "SHORT_DATE_FORMAT")
        if self.title:
            return str(
                _("Version %(number)d: %(title)s (%(date)s)")
                % {"number": self.number, "title": self.title, "date": date}
            )
        return str(_("Version %(number)d (%(date)s)") % {"number": self.number, "date": date})


class Contact(models.Model):
    """A contact (alter) in one version of a map: a person, or an institution (also a pet
    or a group), in a sector and on a closeness ring, possibly deceased, with its bond to
    the person. ``angle`` and ``distance`` place it in the picture (see ``geometry``) and
    always lie in its sector and ring."""

    version = models.ForeignKey(
        MapVersion, verbose_name=_("version"), on_delete=models.CASCADE, related_name="contacts"
    )
    key = models.PositiveIntegerField(
        _("key"), help_text=_("The same for this contact in every version of the map.")
    )
    name = models.CharField(_("name"), max_length=NAME_MAX_LENGTH)
    role = models.CharField(
        _("role"),
        max_length=ROLE_MAX_LENGTH,
        blank=True,
        help_text=_('What the contact is to the person, e.g. "mother", "neighbour", "GP".'),
    )
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    ring = models.PositiveSmallIntegerField(_("closeness"), choices=Ring.choices)
    human = models.BooleanField(
        _("a person"),
        default=True,
        help_text=_("Untick for an institution, a group or a pet."),
    )
    deceased = models.BooleanField(_("deceased"), default=False)
    bond = models.PositiveSmallIntegerField(
        _("contact with the person"), choices=Bond.choices, default=Bond.CONTACT
    )
    note = models.TextField(_("note"), max_length=NOTE_MAX_LENGTH, blank=True)
    angle = models.FloatField(_("angle"))
    distance = models.FloatField(_("distance"))

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["version", "sector", "ring", "name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["version", "key"], name="networkmap_contact_key_unique"
            ),
            models.CheckConstraint(
                condition=models.Q(sector__in=Sector.values), name="networkmap_contact_sector_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(ring__in=Ring.values), name="networkmap_contact_ring_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(bond__in=Bond.values), name="networkmap_contact_bond_valid"
            ),
            models.CheckConstraint(
                condition=models.Q(angle__gte=-180, angle__lte=180, distance__gte=0),
                name="networkmap_contact_position_valid",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        """A position, once given, lies in the sector and ring (the services place a
        contact without one)."""
        if self.angle is None or self.distance is None:
            return
        if not fits(self.angle, self.distance, self.sector, self.ring):
            raise ValidationError(_("The position does not lie in the contact's sector and ring."))

    def snapshot(self) -> MapContact:
        """The contact as plain data for metrics, drawing and comparison."""
        return MapContact(
            key=self.key,
            name=self.name,
            sector=self.sector,
            ring=self.ring,
            angle=self.angle,
            distance=self.distance,
            role=self.role,
            human=self.human,
            deceased=self.deceased,
            bond=self.bond,
            note=self.note,
        )


class Tie(models.Model):
    """A tie between two contacts of the same version: they know each other. Stored once
    per pair, the contact with the smaller id first."""

    version = models.ForeignKey(
        MapVersion, verbose_name=_("version"), on_delete=models.CASCADE, related_name="ties"
    )
    first = models.ForeignKey(
        Contact, verbose_name=_("first contact"), on_delete=models.CASCADE, related_name="+"
    )
    second = models.ForeignKey(
        Contact, verbose_name=_("second contact"), on_delete=models.CASCADE, related_name="+"
    )

    class Meta:
        verbose_name = _("tie")
        verbose_name_plural = _("ties")
        ordering = ["version", "first", "second"]
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="networkmap_tie_unique"),
            models.CheckConstraint(
                condition=models.Q(first__lt=models.F("second")),
                name="networkmap_tie_ordered_pair",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first} – {self.second}"

    def clean(self) -> None:
        versions = {self.version_id, self.first.version_id, self.second.version_id}
        if len(versions) != 1:
            raise ValidationError(_("Both contacts of a tie belong to the tie's version."))
