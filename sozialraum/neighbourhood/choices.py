"""The vocabulary of neighbourly help, defined once: what members help with, the kinds of
posts and the states of members and transfers."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Category(models.TextChoices):
    """What neighbours help each other with (the Nachbarschaftsverein's list)."""

    HOUSEHOLD = "household", _("Household")
    SHOPPING = "shopping", _("Shopping")
    GARDEN = "garden", _("Garden")
    DRIVING = "driving", _("Driving")
    COMPANY = "company", _("Company")
    PAPERWORK = "paperwork", _("Paperwork")
    REPAIRS = "repairs", _("Small repairs")
    TECHNOLOGY = "technology", _("Technology")


class PostKind(models.TextChoices):
    OFFER = "offer", _("I offer help")
    REQUEST = "request", _("I am looking for help")


class MemberStatus(models.TextChoices):
    PENDING = "pending", _("waiting for the identity check")
    VERIFIED = "verified", _("identity checked in person")


class TransferStatus(models.TextChoices):
    PROPOSED = "proposed", _("waiting for confirmation")
    CONFIRMED = "confirmed", _("confirmed")
    DECLINED = "declined", _("declined")
