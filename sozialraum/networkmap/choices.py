"""The vocabulary of a network map: sectors, closeness rings and the bond to the person.

Kept apart from the models so the pure modules (file format, geometry, metrics, drawing)
use the same values without loading Django's app registry.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Sector(models.TextChoices):
    """The four sectors of the paper form, in its order (and easyNWK's)."""

    FAMILY = "family", _("Family")
    FRIENDS = "friends", _("Friends and neighbours")
    WORK = "work", _("Colleagues, school, work")
    PROFESSIONAL = "professional", _("Professional helpers")


class Ring(models.IntegerChoices):
    """The three closeness rings around the person: 1 is the closest."""

    CLOSE = 1, pgettext_lazy("closeness ring", "Close")
    MIDDLE = 2, pgettext_lazy("closeness ring", "Middle")
    DISTANT = 3, pgettext_lazy("closeness ring", "Distant")


class Bond(models.IntegerChoices):
    """The contact's bond to the person (easyNWK's ``edgeType``)."""

    NONE = 0, _("No current contact")
    CONTACT = 1, _("In contact")
    MULTIPLE = 2, _("In contact in several ways")


#: Field lengths shared by the models and the easyNWK reader (which reports longer values).
NAME_MAX_LENGTH = 200
ROLE_MAX_LENGTH = 100
TITLE_MAX_LENGTH = 200
NOTE_MAX_LENGTH = 2000

#: Contacts and ties one version of a network map holds at most, whether drawn on the
#: page or read from an easyNWK file. A network map of the paper form holds a few dozen
#: contacts; these bounds keep the map page small (a full version renders well below 2 MB).
MAX_CONTACTS = 150
MAX_TIES = 2000
