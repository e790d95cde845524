"""Reads of the offer directory. :func:`offer_search` is the one search residents, workers
and planners use, through the page, the API and the referral screen.

A search runs a few bounded statements for its ranked page and total (see
:mod:`.sql` for the statements, the ranking formula and why they are fast, :mod:`.plan`
for the text plan and the filters, and :mod:`.index` for the index), then loads the page's
offers and places with a few prefetch queries. Only when it found fewer than three offers
does it run cheap count queries for the suggestions.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from django.utils import timezone
from django.utils.translation import gettext as _

from sozialraum.districts.models import geometry_fields

from ..models import Offer, Place, SearchSynonym
from ..needs import Need
from .query import OfferHit, OfferQuery, SearchResult, Suggestion
from .sql import Plans, Row, offer_count, ranked_page
from .text import stem, text_terms, words

#: With fewer results than this, a search suggests how to widen it.
FEW_RESULTS = 3
_RADIUS_FACTORS = (2, 5)


def offer_search_ids(query: OfferQuery) -> list[tuple[int, float | None, float]]:
    """The raw ranked page of ``query`` as (offer id, distance in m, rank)."""
    rows, _total, _exact = _ranked_page(query)
    return [(offer_id, distance, rank) for offer_id, _place, distance, rank in rows]


def offer_search(query: OfferQuery) -> SearchResult:
    """The page of offers ``query`` finds, best first, with the total, and suggestions to
    widen the search when it found fewer than :data:`FEW_RESULTS`. Raises ValueError for
    an unknown accessibility need."""
    plans: Plans = {}
    rows, total, exact = _ranked_page(query, plans)
    offers = (
        Offer.objects.select_related("provider")
        .prefetch_related("categories", "cost_options")
        .in_bulk([row[0] for row in rows])
    )
    place_ids = [row[1] for row in rows if row[1] is not None]
    places = (
        Place.objects.select_related("district")
        .defer(*geometry_fields("district"))
        .in_bulk(place_ids)
        if place_ids
        else {}
    )
    hits = [
        OfferHit(offers[offer_id], places.get(place_id) if place_id else None, distance, rank)
        for offer_id, place_id, distance, rank in rows
        if offer_id in offers
    ]
    suggestions = suggestions_for(query, total, plans) if total < FEW_RESULTS else []
    return SearchResult(
        hits=hits,
        total=total,
        suggestions=suggestions,
        total_exact=exact,
        did_you_mean=_spelling(query, plans, total),
    )


def _spelling(query: OfferQuery, plans: Plans, total: int) -> Suggestion | None:
    """The query's text with the words its plan corrected (see :mod:`.repair`)."""
    plan = plans.get(query.text)
    if plan is None or not plan.corrections:
        return None
    text = corrected_text(query.text, plan.corrections)
    label = _("Did you mean “%(text)s”?") % {"text": text.strip()}
    return Suggestion("spelling", label, replace(query, text=text), total)


def corrected_text(text: str, corrections: Sequence[tuple[str, str]]) -> str:
    """``text`` with each typed word replaced by its correction, capitalised as typed."""
    for typed, fixed in corrections:

        def swap(found: re.Match[str], fixed: str = fixed) -> str:
            return fixed.capitalize() if found.group(0)[:1].isupper() else fixed

        text = re.sub(rf"(?i)(?<!\w){re.escape(typed)}(?!\w)", swap, text)
    return text


def _ranked_page(query: OfferQuery, plans: Plans | None = None) -> tuple[list[Row], int, bool]:
    if query.open_at is not None:
        found = _open_rows(query, plans)
        return found[query.offset : query.offset + query.limit], len(found), True
    page = ranked_page(query, timezone.now(), plans=plans)
    return page.rows[query.offset :], page.total, page.exact


def _open_rows(query: OfferQuery, plans: Plans | None = None) -> list[Row]:
    """Every offer of a search with ``open_at``, ranked: the SQL ranks each candidate
    with opening hours, then each distinct ``opening_hours`` value is evaluated once."""
    assert query.open_at is not None
    candidates = ranked_page(query, timezone.now(), everything=True, plans=plans).rows
    hours = dict(
        Offer.objects.filter(pk__in=[row[0] for row in candidates]).values_list(
            "pk", "opening_hours"
        )
    )
    verdicts: dict[str, bool] = {}
    for value in set(hours.values()):
        verdicts[value] = Offer(opening_hours=value).is_open_at(query.open_at) is True
    return [row for row in candidates if verdicts.get(hours.get(row[0], ""), False)]


def offer_search_count(query: OfferQuery, plans: Plans | None = None) -> int:
    """How many offers ``query`` finds, exactly up to ``sql.COUNT_CAP`` (a count
    statement after the text plan's, unless ``plans`` has it; with ``open_at``,
    evaluated)."""
    if query.open_at is not None:
        return len(_open_rows(query, plans))
    return offer_count(query, timezone.now(), plans=plans)[0]


def suggestions_for(query: OfferQuery, total: int, plans: Plans | None = None) -> list[Suggestion]:
    """Wider searches that find more than ``query`` (which found ``total``): a radius two
    and five times as large, no category, each filter (day, accessibility need, district)
    dropped on its own, the text without its last word, and a word an administrator's
    synonym turns into an accessibility filter ("Rollstuhl"); each with its count."""
    found = []
    for suggestion in _widenings(query):
        count = offer_search_count(suggestion.query, plans)
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
    widenings.extend(_filters_dropped(query))
    shorter = _without_last_word(query.text)
    if shorter is not None:
        label = _("Search for “%(text)s”") % {"text": shorter.strip()}
        widenings.append(Suggestion("text", label, replace(query, text=shorter)))
    widenings.extend(_needs_for_words(query))
    return widenings


def _filters_dropped(query: OfferQuery) -> list[Suggestion]:
    """The query without its day, without each accessibility need, without its
    district."""
    dropped = []
    if query.open_at is not None:
        dropped.append(Suggestion("day", _("Search on any day"), replace(query, open_at=None)))
    for need in sorted(query.needs):
        label = _("Search without “%(need)s”") % {"need": Need(need).label}
        dropped.append(Suggestion("need", label, replace(query, needs=query.needs - {need})))
    # Within a radius the district filters nothing (it only gives the centre).
    if query.district is not None and not (query.radius_m and query.near is not None):
        label = _("Search in all districts")
        dropped.append(Suggestion("district", label, replace(query, district=None)))
    return dropped


def _needs_for_words(query: OfferQuery) -> list[Suggestion]:
    """For each word of the text that a synonym turns into an accessibility need: the
    query with the need as a filter instead of the word."""
    typed = {stem(word): word for word in words(query.text)}
    if not typed:
        return []
    found = []
    for synonym in SearchSynonym.objects.exclude(need="").order_by("word"):
        word = typed.get(stem(synonym.word.lower()))
        if word is None or synonym.need in query.needs:
            continue
        text = re.sub(rf"(?i)(?<!\w){re.escape(word)}(?!\w)", "", query.text)
        text = " ".join(text.split()) + (" " if text.strip() else "")
        label = _("Show offers with the filter “%(need)s”") % {"need": Need(synonym.need).label}
        needs = query.needs | {synonym.need}
        found.append(Suggestion("need", label, replace(query, text=text, needs=needs)))
    return found


def _without_last_word(text: str) -> str | None:
    """The text without its last word, if there is more than one word to search for."""
    parts = text.split()
    if len(parts) < 2 or not text_terms(" ".join(parts[:-1]) + " "):
        return None
    return " ".join(parts[:-1]) + " "
