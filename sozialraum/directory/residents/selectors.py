"""Reads for "Mein Quartier": each list reads only the rows it shows."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from sozialraum.districts.models import GEOMETRY, District

from ..models import Offer, OfferEvent, ResidentHome, SavedOffer
from ..services_editing import stale_condition

#: How many offers and dates each list of the start page shows.
SHOWN = 6


def home_district(user: Any) -> District | None:
    """The resident's home district (without its geometry), or None before they chose."""
    home = (
        ResidentHome.objects.filter(user=user)
        .select_related("district__parent")
        .defer(*(f"district__{name}" for name in GEOMETRY))
        .defer(*(f"district__parent__{name}" for name in GEOMETRY))
        .first()
    )
    return home.district if home else None


def district_with_parts(district: District) -> list[int]:
    """The ids of the district and every area below it (one query per level)."""
    ids, level = [district.pk], [district.pk]
    while level:
        level = list(District.objects.filter(parent_id__in=level).values_list("pk", flat=True))
        ids += level
    return ids


def district_offers(district_ids: list[int], *, limit: int = SHOWN) -> list[Offer]:
    """Offers with a place in these districts that their provider confirmed recently,
    the most recently changed first."""
    offers = (
        Offer.objects.filter(places__district_id__in=district_ids)
        .exclude(stale_condition())
        .select_related("provider")
        .order_by("-updated_at", "name")
        .distinct()
    )
    return list(offers[:limit])


def district_events(district_ids: list[int], *, limit: int = SHOWN) -> list[OfferEvent]:
    """The coming dates of offers in these districts (at a place there, or the offer's
    place there when the date names none), soonest first."""
    events = (
        OfferEvent.objects.filter(starts_at__gte=timezone.now())
        .filter(
            Q(place__district_id__in=district_ids)
            | Q(place__isnull=True, offer__places__district_id__in=district_ids)
        )
        .select_related("offer")
        .order_by("starts_at", "pk")
        .distinct()
    )
    return list(events[:limit])


def saved_offers(user: Any) -> QuerySet[SavedOffer]:
    """The user's saved offers, the latest first, with what a list shows of each offer."""
    return SavedOffer.objects.filter(user=user).select_related("offer__provider")


def saved_offer_ids(user: Any, offer_ids: Iterable[int]) -> set[int]:
    """Which of these offers the user saved (one query; none for anonymous visitors)."""
    if not getattr(user, "is_authenticated", False):
        return set()
    wanted = list(offer_ids)
    if not wanted:
        return set()
    rows = SavedOffer.objects.filter(user=user, offer_id__in=wanted)
    return set(rows.values_list("offer_id", flat=True))
