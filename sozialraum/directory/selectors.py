"""Reads of the offer directory. :func:`offer_search` is the one search residents, workers
and planners use, through the page, the API and the referral screen.

A search runs one SQL query for its ranked page and total (see
:mod:`sozialraum.directory.search` for the index, the ranking formula and the distance),
then loads the page's offers and places with a few prefetch queries. Only when it found
fewer than three offers does it run cheap count queries for the suggestions.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from django.db import connection
from django.utils.translation import gettext as _

from sozialraum.districts.models import District

from .models import Offer, Place
from .search import search_sql, text_terms

#: Accessibility needs an :class:`OfferQuery` may name.
NEEDS = frozenset(
    {
        "step_free",
        "wheelchair",
        "accessible_toilet",
        "hearing_loop",
        "easy_language",
        "guide_dogs",
        "disabled_parking",
    }
)
#: With fewer results than this, a search suggests how to widen it.
FEW_RESULTS = 3
_RADIUS_FACTORS = (2, 5)


@dataclass(frozen=True)
class OfferQuery:
    """What a search asks for; every part left at its default does not filter.

    ``text``: words, "quoted phrases", and the last word as a prefix while it is typed
    (no blank after it). ``categories``: category codes, a parent includes its children.
    ``district``: places in the district or its parts. ``near`` (lat, lon) ranks by
    distance, and with ``radius_m`` keeps only places within it. ``needs``: accessibility
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
    """A way to widen a search that found little: ``kind`` is "radius", "category" or
    "text"; ``label`` says it in the user's language; ``count`` is how many offers the
    widened ``query`` finds."""

    kind: str
    label: str
    query: OfferQuery
    count: int = 0


@dataclass(frozen=True)
class SearchResult:
    hits: list[OfferHit]
    total: int
    suggestions: list[Suggestion]


_Row = tuple[int, int | None, float | None, float]


def offer_search_ids(query: OfferQuery) -> list[tuple[int, float | None, float]]:
    """The raw ranked page of ``query`` as (offer id, distance in m, rank)."""
    rows, _total = _ranked_page(query)
    return [(offer_id, distance, rank) for offer_id, _place, distance, rank in rows]


def offer_search(query: OfferQuery) -> SearchResult:
    """The page of offers ``query`` finds, best first, with the total, and suggestions to
    widen the search when it found fewer than :data:`FEW_RESULTS`. Raises ValueError for
    an unknown accessibility need."""
    rows, total = _ranked_page(query)
    offers = (
        Offer.objects.select_related("provider")
        .prefetch_related("categories", "cost_options")
        .in_bulk([row[0] for row in rows])
    )
    place_ids = [row[1] for row in rows if row[1] is not None]
    places = Place.objects.select_related("district").in_bulk(place_ids) if place_ids else {}
    hits = [
        OfferHit(offers[offer_id], places.get(place_id) if place_id else None, distance, rank)
        for offer_id, place_id, distance, rank in rows
        if offer_id in offers
    ]
    suggestions = suggestions_for(query, total) if total < FEW_RESULTS else []
    return SearchResult(hits=hits, total=total, suggestions=suggestions)


def _ranked_page(query: OfferQuery) -> tuple[list[_Row], int]:
    if query.open_at is not None:
        return _open_page(query)
    sql, params = search_sql(query).page(limit=query.limit, offset=query.offset)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        fetched = cursor.fetchall()
    if not fetched:
        return [], (offer_search_count(query) if query.offset else 0)
    return [_row(row) for row in fetched], int(fetched[0][4])


def _row(row: tuple[Any, ...]) -> _Row:
    distance = None if row[2] is None else float(row[2])
    return int(row[0]), row[1], distance, float(row[3])


def _open_page(query: OfferQuery) -> tuple[list[_Row], int]:
    """The page of a search with ``open_at``: the SQL ranks every candidate with opening
    hours, then each distinct ``opening_hours`` value is evaluated once."""
    assert query.open_at is not None
    sql, params = search_sql(query).page(limit=None, offset=0)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        candidates = [_row(row) for row in cursor.fetchall()]
    hours = dict(
        Offer.objects.filter(pk__in=[row[0] for row in candidates]).values_list(
            "pk", "opening_hours"
        )
    )
    verdicts: dict[str, bool] = {}
    for value in set(hours.values()):
        verdicts[value] = Offer(opening_hours=value).is_open_at(query.open_at) is True
    found = [row for row in candidates if verdicts.get(hours.get(row[0], ""), False)]
    return found[query.offset : query.offset + query.limit], len(found)


def offer_search_count(query: OfferQuery) -> int:
    """How many offers ``query`` finds (one count query; with ``open_at``, evaluated)."""
    if query.open_at is not None:
        return _open_page(query)[1]
    sql, params = search_sql(query).count()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        row = cursor.fetchone()
    return int(row[0]) if row else 0


def suggestions_for(query: OfferQuery, total: int) -> list[Suggestion]:
    """Wider searches that find more than ``query`` (which found ``total``): a radius two
    and five times as large, no category, the text without its last word; each with its
    count."""
    found = []
    for suggestion in _widenings(query):
        count = offer_search_count(suggestion.query)
        if count > total:
            found.append(replace(suggestion, count=count))
    return found


def _widenings(query: OfferQuery) -> list[Suggestion]:
    widenings = []
    if query.near is not None and query.radius_m:
        for factor in _RADIUS_FACTORS:
            radius = query.radius_m * factor
            label = _("Search within %(km)s km") % {"km": f"{radius / 1000:g}"}
            widenings.append(Suggestion("radius", label, replace(query, radius_m=radius)))
    if query.categories:
        label = _("Search all categories")
        widenings.append(Suggestion("category", label, replace(query, categories=())))
    shorter = _without_last_word(query.text)
    if shorter is not None:
        label = _("Search for “%(text)s”") % {"text": shorter.strip()}
        widenings.append(Suggestion("text", label, replace(query, text=shorter)))
    return widenings


def _without_last_word(text: str) -> str | None:
    """The text without its last word, if there is more than one word to search for."""
    parts = text.split()
    if len(parts) < 2 or not text_terms(" ".join(parts[:-1]) + " "):
        return None
    return " ".join(parts[:-1]) + " "
