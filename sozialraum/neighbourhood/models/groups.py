"""Help groups and their members."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sozialraum.accounts.models import Organisation, OrganisationKind
from sozialraum.districts.models import District

from ..choices import MemberStatus


class HelpGroup(models.Model):
    """A neighbourly help group: an organisation of kind volunteer group whose members
    help and are helped (household, shopping, garden, driving, ...). Its coordinators (the
    organisation's coordinators and administrators) check new members' identity in person,
    match by hand, act for members without a smartphone and moderate reports. Time accounts
    are optional per group.
    """

    organisation = models.OneToOneField(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.CASCADE,
        related_name="help_group",
    )
    description = models.TextField(_("description"), blank=True)
    districts = models.ManyToManyField(
        District, verbose_name=_("districts"), related_name="help_groups", blank=True
    )
    open_for_signup = models.BooleanField(_("new members can sign up"), default=True)
    time_accounts = models.BooleanField(_("time accounts"), default=False)
    transfers_between_groups = models.BooleanField(
        _("allow transfers with other groups"),
        default=False,
        help_text=_("Members may record help given to members of other groups that allow it too."),
    )
    balance_min = models.IntegerField(
        _("lowest balance in minutes"),
        null=True,
        blank=True,
        help_text=_("Balances below are shown to the coordinators."),
    )
    balance_max = models.IntegerField(
        _("highest balance in minutes"),
        null=True,
        blank=True,
        help_text=_("Balances above are shown to the coordinators."),
    )

    class Meta:
        verbose_name = _("help group")
        verbose_name_plural = _("help groups")
        ordering = ["organisation__name"]

    def __str__(self) -> str:
        return self.organisation.name

    def get_absolute_url(self) -> str:
        return reverse("neighbourhood:group", kwargs={"slug": self.organisation.slug})

    def clean(self) -> None:
        if self.organisation_id and self.organisation.kind != OrganisationKind.VOLUNTEER_GROUP:
            raise ValidationError(
                {"organisation": _("A help group must be an organisation of kind volunteer group.")}
            )

    @property
    def name(self) -> str:
        return self.organisation.name

    def balance_flag(self, minutes: int) -> str:
        """``"low"``/``"high"`` when ``minutes`` is outside the group's limits, else ``""``."""
        if self.balance_min is not None and minutes < self.balance_min:
            return "low"
        if self.balance_max is not None and minutes > self.balance_max:
            return "high"
        return ""


class Member(models.Model):
    """A resident's membership in a help group with their profile: what they can offer,
    when, how far they go and what they need. Contact details (address, phone) are shown to
    another member only when both have agreed in a match. A member can be matched only
    after a coordinator has checked their identity in person. When the user is deleted the
    member stays anonymised, so the group's ledger still adds up.
    """

    group = models.ForeignKey(
        HelpGroup, verbose_name=_("help group"), on_delete=models.CASCADE, related_name="members"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="help_members",
    )
    name = models.CharField(
        _("name shown to other members"),
        max_length=80,
        help_text=_("For example your first name and the first letter of your last name."),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=MemberStatus.choices, default=MemberStatus.PENDING
    )
    joined_at = models.DateTimeField(_("joined"), default=timezone.now)
    verified_at = models.DateTimeField(_("identity checked"), null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("identity checked by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    district = models.ForeignKey(
        District,
        verbose_name=_("my district"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    offers = models.JSONField(_("I can help with"), default=list, blank=True)
    available = models.CharField(
        _("when I have time"),
        max_length=200,
        blank=True,
        help_text=_("For example: weekdays in the afternoon."),
    )
    radius_km = models.PositiveSmallIntegerField(_("how far I go (km)"), default=2)
    needs = models.TextField(_("what I need"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    address = models.CharField(_("address"), max_length=200, blank=True)
    without_smartphone = models.BooleanField(
        _("a coordinator acts for me (no smartphone)"), default=False
    )
    signup_key = models.CharField(_("sign-up source"), max_length=64, blank=True, editable=False)
    anonymised_at = models.DateTimeField(_("anonymised"), null=True, blank=True)

    class Meta:
        verbose_name = _("member")
        verbose_name_plural = _("members")
        ordering = ["group", "name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["group", "user"], name="help_member_unique_user"),
            models.CheckConstraint(
                condition=models.Q(status=MemberStatus.PENDING)
                | models.Q(verified_at__isnull=False),
                name="help_member_verified_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_verified(self) -> bool:
        return self.status == MemberStatus.VERIFIED


class Act(models.Model):
    """Who did something for a member: the member themselves or a coordinator acting as
    their trusted person (recorded as such on each act)."""

    acted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("done by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    trusted_person = models.BooleanField(_("done by a trusted person"), default=False)

    class Meta:
        abstract = True
