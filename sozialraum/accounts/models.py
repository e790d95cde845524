from __future__ import annotations

from functools import cached_property

from django.contrib.auth.models import AbstractUser
from django.db import connection, models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sozialraum.districts.models import District
from sozialraum.lib.access import STAFF_ROLES, Role
from sozialraum.lib.sql import select_statement


class OrganisationKind(models.TextChoices):
    """The corners of the "Bielefelder Dreieck": city, welfare, civil society (+ housing)."""

    CITY_SOCIAL_SERVICES = "city_social_services", _("City: social services")
    CITY_PLANNING = "city_planning", _("City: social planning")
    WELFARE = "welfare", _("Welfare organisation")
    ASSOCIATION = "association", _("Association")
    VOLUNTEER_GROUP = "volunteer_group", _("Volunteer group")
    HOUSING_COMPANY = "housing_company", _("Housing company")


class Organisation(models.Model):
    """A body that works in the Quartiere: the city's offices (Leistungsträger), welfare
    organisations and associations (Träger, Leistungserbringer), volunteer groups and
    housing companies. Users act for an organisation through a :class:`Membership`.
    """

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("short name in addresses"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=30, choices=OrganisationKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="units",
    )
    email = models.EmailField(_("e-mail"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    website = models.URLField(_("website"), blank=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A person who signs in: a resident or a member of staff of an organisation. What they
    may do follows from their memberships' roles; a superuser counts as administrator.
    """

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    @cached_property
    def memberships_read(self) -> tuple[tuple[int, str, int], ...]:
        """``(membership id, role, organisation id)`` of each of this user's memberships,
        read once per request: the roles, the case-work organisations and memberships and
        the administered organisations all follow from it. Plain SQL, without the model's
        ordering (which joined the user and the organisation to sort): this runs on every
        signed-in request."""
        if self.pk is None:
            return ()
        statement = select_statement(
            connection, Membership, ("id", "role", "organisation"), [("user", "=")]
        )
        with connection.cursor() as cursor:
            cursor.execute(statement, [self.pk])
            return tuple((int(pk), str(role), int(org)) for pk, role, org in cursor)

    @property
    def role_memberships(self) -> tuple[tuple[str, int], ...]:
        """``(role, organisation id)`` of each of this user's memberships."""
        return tuple((role, organisation) for _pk, role, organisation in self.memberships_read)

    def organisation_ids_with(self, roles: frozenset[str]) -> frozenset[int]:
        """The organisations in which this user holds one of ``roles``."""
        return frozenset(o for _pk, role, o in self.memberships_read if role in roles)

    def membership_ids_with(self, roles: frozenset[str]) -> frozenset[int]:
        """This user's memberships holding one of ``roles`` (by id)."""
        return frozenset(pk for pk, role, _o in self.memberships_read if role in roles)

    @cached_property
    def roles(self) -> frozenset[str]:
        """The roles of all this user's memberships (cached for the request)."""
        held = {role for role, _organisation in self.role_memberships}
        if self.is_superuser:
            held.add(Role.ADMIN)
        return frozenset(held)

    @cached_property
    def administered_organisation_ids(self) -> frozenset[int]:
        """The organisations this user administers (an administrator membership); the
        admin site shows them only these organisations' rows. A superuser is the platform
        operator and needs none (see :mod:`sozialraum.lib.admin_site`)."""
        return self.organisation_ids_with(frozenset({Role.ADMIN}))

    @property
    def requires_second_factor(self) -> bool:
        """Staff who can see personal data must sign in with a second factor."""
        return bool(self.roles & STAFF_ROLES)

    @property
    def display_name(self) -> str:
        return self.get_full_name() or self.username


class Membership(models.Model):
    """A user's role in one organisation (a user may hold several)."""

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships"
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["organisation__name", "user__username"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="membership_unique_role"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user}, {self.organisation} ({self.get_role_display()})"


class MembershipChangeAction(models.TextChoices):
    ADDED = "added", _("added")
    ROLE_CHANGED = "role_changed", _("role changed")
    REMOVED = "removed", _("removed")


class MembershipChange(models.Model):
    """One change to who holds which role in an organisation: a membership added, its role
    changed or removed, with who did it and when. Written by the membership services only
    and never changed; the names are copied so the record outlives the user and the
    organisation."""

    at = models.DateTimeField(_("when"), default=timezone.now, db_index=True)
    actor = models.ForeignKey(
        User,
        verbose_name=_("changed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    username = models.CharField(_("user name"), max_length=150)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="membership_changes",
    )
    organisation_name = models.CharField(_("organisation name"), max_length=200)
    action = models.CharField(_("action"), max_length=20, choices=MembershipChangeAction.choices)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    previous_role = models.CharField(
        _("previous role"), max_length=20, choices=Role.choices, blank=True
    )

    class Meta:
        verbose_name = _("membership change")
        verbose_name_plural = _("membership changes")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.username} {self.organisation_name}"


class DistrictTeam(models.Model):
    """A Stadtteil-Team: members of the city, welfare organisations and volunteer groups who
    work together for one or more districts (shared worklist, meetings, Quartier projects).
    Members join through their membership, so the team knows for whom each one acts.
    """

    name = models.CharField(_("name"), max_length=200, unique=True)
    slug = models.SlugField(_("short name in addresses"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    districts = models.ManyToManyField(District, verbose_name=_("districts"), related_name="teams")
    members = models.ManyToManyField(
        Membership, verbose_name=_("members"), related_name="teams", blank=True
    )

    class Meta:
        verbose_name = _("district team")
        verbose_name_plural = _("district teams")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("accounts:team", kwargs={"slug": self.slug})

    def has_member(self, user: User) -> bool:
        return self.members.filter(user=user).exists()
