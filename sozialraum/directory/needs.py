"""The accessibility needs: one vocabulary for the offer search (its filter and index bits),
a person's needs in casework, and every form and export that names them."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class Need(models.TextChoices):
    """An accessibility need a person can have and an offer's place can meet, labelled in
    plain language."""

    STEP_FREE = "step_free", _("Entrance without steps")
    WHEELCHAIR = "wheelchair", _("Usable with a wheelchair")
    ACCESSIBLE_TOILET = "accessible_toilet", _("Toilet for wheelchair users")
    HEARING_LOOP = "hearing_loop", _("Hearing loop for hearing aids")
    EASY_LANGUAGE = "easy_language", _("Information in easy-to-read language")
    GUIDE_DOGS = "guide_dogs", _("Guide dogs welcome")
    DISABLED_PARKING = "disabled_parking", _("Parking for disabled people")


#: Each need as a bit of ``OfferSearchEntry.access`` (stored: never renumber a need).
NEED_BITS: dict[str, int] = {
    Need.STEP_FREE.value: 1,
    Need.WHEELCHAIR.value: 2,
    Need.ACCESSIBLE_TOILET.value: 4,
    Need.HEARING_LOOP.value: 8,
    Need.EASY_LANGUAGE.value: 16,
    Need.GUIDE_DOGS.value: 32,
    Need.DISABLED_PARKING.value: 64,
}

#: The codes, for validating input.
NEEDS = frozenset(NEED_BITS)
