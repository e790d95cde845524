"""Writes for "Mein Quartier": saving an offer and choosing a home district."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from sozialraum.districts.models import District

from ..models import Offer, ResidentHome, SavedOffer


def saved_offer_set(*, user: Any, offer: Offer, saved: bool) -> bool:
    """Saves (``saved``) or unsaves the offer for the user; doing it twice changes
    nothing. Returns whether the offer is now saved."""
    if saved:
        with transaction.atomic():
            SavedOffer.objects.get_or_create(user=user, offer=offer)
    else:
        SavedOffer.objects.filter(user=user, offer=offer).delete()
    return saved


def resident_home_set(*, user: Any, district: District) -> ResidentHome:
    """Makes ``district`` the user's home district (one row per user)."""
    home, _created = ResidentHome.objects.update_or_create(
        user=user, defaults={"district": district}
    )
    return home
