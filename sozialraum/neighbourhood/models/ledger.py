"""Time accounts: transfers of minutes between members and their movements."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ..choices import Category, TransferStatus
from .groups import Act, HelpGroup, Member
from .posts import Match


class Transfer(Act):
    """Minutes of help recorded between two members of a group with time accounts
    (TimeOverflow's model, no money): proposed by the helper (``acted_by`` is who proposed
    it), confirmed or declined by the helped member or a coordinator. Confirmation writes
    two :class:`Movement` rows that sum to zero.

    ``group`` is the helper's group. Between two groups that both allow it, the helped
    member belongs to another group (and ``match`` is empty); that group's coordinators
    decide, and confirmation writes four movements (see :class:`Movement`)."""

    group = models.ForeignKey(
        HelpGroup, verbose_name=_("help group"), on_delete=models.CASCADE, related_name="transfers"
    )
    helper = models.ForeignKey(
        Member, verbose_name=_("helper"), on_delete=models.PROTECT, related_name="+"
    )
    helped = models.ForeignKey(
        Member, verbose_name=_("helped member"), on_delete=models.PROTECT, related_name="+"
    )
    match = models.ForeignKey(
        Match,
        verbose_name=_("match"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="transfers",
    )
    minutes = models.PositiveIntegerField(_("minutes"))
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    reason = models.CharField(_("what was done"), max_length=200)
    status = models.CharField(
        _("status"), max_length=20, choices=TransferStatus.choices, default=TransferStatus.PROPOSED
    )
    proposed_at = models.DateTimeField(_("proposed"), default=timezone.now)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_by_coordinator = models.BooleanField(_("decided by a coordinator"), default=False)

    class Meta:
        verbose_name = _("time transfer")
        verbose_name_plural = _("time transfers")
        ordering = ["-proposed_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(minutes__gt=0), name="help_transfer_minutes_positive"
            ),
            models.CheckConstraint(
                condition=~models.Q(helper=models.F("helped")), name="help_transfer_two_members"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.helped} → {self.helper}: {self.minutes} min"

    @property
    def across_groups(self) -> bool:
        return self.helped.group_id != self.group_id


class Movement(models.Model):
    """One side of a confirmed transfer on a member's time account: minus for the helped,
    plus for the helper. Never changed or deleted; a transfer's two movements sum to zero,
    so the group's ledger always does.

    A transfer between two groups books four: in the helper's group the helper's plus and
    a clearing minus, in the helped member's group the helped member's minus and a clearing
    plus. A clearing movement has no member and names the other group
    (``counterpart_group``), so each group's ledger still sums to zero."""

    transfer = models.ForeignKey(
        Transfer, verbose_name=_("transfer"), on_delete=models.PROTECT, related_name="movements"
    )
    group = models.ForeignKey(
        HelpGroup, verbose_name=_("help group"), on_delete=models.PROTECT, related_name="+"
    )
    member = models.ForeignKey(
        Member,
        verbose_name=_("account of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="movements",
    )
    counterpart_group = models.ForeignKey(
        HelpGroup,
        verbose_name=_("other group"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    minutes = models.IntegerField(_("minutes"))
    at = models.DateTimeField(_("booked"), default=timezone.now)

    class Meta:
        verbose_name = _("movement")
        verbose_name_plural = _("movements")
        ordering = ["at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["transfer", "member"], name="help_movement_once"),
            models.CheckConstraint(condition=~models.Q(minutes=0), name="help_movement_not_zero"),
            models.CheckConstraint(
                condition=models.Q(member__isnull=False)
                | models.Q(counterpart_group__isnull=False),
                name="help_movement_member_or_clearing",
            ),
            models.UniqueConstraint(
                fields=["transfer", "group"],
                condition=models.Q(member__isnull=True),
                name="help_movement_clearing_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member or self.counterpart_group}: {self.minutes:+d} min"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding:
            raise ValueError("Movements are immutable: book a new transfer instead.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ValueError("Movements are immutable: book a new transfer instead.")
