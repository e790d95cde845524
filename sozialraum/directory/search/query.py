"""What a search asks for (:class:`OfferQuery`) and what it returns (:class:`SearchResult`
of :class:`OfferHit` items, with :class:`Suggestion` items to widen a search that found
little)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from sozialraum.districts.models import District

from ..models import Offer, Place

#: Accessibility needs an :class:`OfferQuery` may name.


@dataclass(frozen=True)
class OfferQuery:
    """What a search asks for; every part left at its default does not filter.

    ``text``: words, "quoted phrases", and the last word as a prefix while it is typed
    (no blank after it). ``categories``: category codes, a parent includes its children.
    ``district``: places in the district or its parts. ``near`` (lat, lon) ranks by
    distance, and with ``radius_m`` keeps only places within it, whatever their district
    (a radius replaces the district filter). ``needs``: accessibility
    needs, all required (see :data:`NEEDS`). ``max_cost``: free offers and those with a
    price up to it. ``open_at``: open at that moment. ``language``: ISO 639-1.
    ``include_stale``: also offers nobody confirmed within ``OFFER_STALE_DAYS`` (never
    for residents).
    """

    text: str = ""
    categories: tuple[str, ...] = ()
    district: District | None = None
    near: tuple[float, float] | None = None
    radius_m: int | None = None
    needs: frozenset[str] = frozenset()
    max_cost: Decimal | None = None
    open_at: dt.datetime | None = None
    language: str = ""
    include_stale: bool = False
    limit: int = 20
    offset: int = 0


@dataclass(frozen=True)
class OfferHit:
    """One result: the offer, its nearest matching place (None for an offer without a
    place), the distance to it in metres when searched from a point, and the rank."""

    offer: Offer
    place: Place | None
    distance_m: float | None
    rank: float


@dataclass(frozen=True)
class Suggestion:
    """A way to widen a search that found little: ``kind`` is "radius", "category",
    "text", "spelling", "need", "district" or "day"; ``label`` says it in the user's
    language; ``count`` is how many offers the widened ``query`` finds."""

    kind: str
    label: str
    query: OfferQuery
    count: int = 0


@dataclass(frozen=True)
class SearchResult:
    """A page of hits, how many offers were found in all (``total_exact`` false: at least
    that many, see ``sql.COUNT_CAP``), and ways to widen a search that found
    little. ``did_you_mean``: the text with the typed words the search corrected
    (kind "spelling"; the hits are already those of the corrected text)."""

    hits: list[OfferHit]
    total: int
    suggestions: list[Suggestion]
    total_exact: bool = True
    did_you_mean: Suggestion | None = None
