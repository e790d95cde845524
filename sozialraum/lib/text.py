"""Text helpers shared by the apps: slugs and folding of German names."""

from __future__ import annotations

from django.utils.text import slugify

#: Umlauts and ß written out as German does without them (ü -> ue).
UMLAUTS = str.maketrans(
    {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ß": "ss"}
)


def german_slug(*parts: str) -> str:
    """A slug that writes umlauts as German does (ü -> ue): ``flensburg-juergensby``."""
    return slugify("-".join(part.translate(UMLAUTS).replace("/", "-") for part in parts))
