"""The offer search, in four parts: what a search asks for and returns (:mod:`.query`), the
text analysis (:mod:`.text`), the index kept from offers and places (:mod:`.index`), and
the statements that read it (:mod:`.plan`, :mod:`.sql`), run by the reads in
:mod:`.selectors`. Searches that found nothing are kept by :mod:`.misses`.

Callers import the public entry points from here: :func:`offer_search` and its query and
result types, the index's updates after a write, and the record of a search that found
nothing."""

from __future__ import annotations

from ..needs import NEED_BITS, NEEDS
from .index import offer_index_rebuild, offer_index_update, place_index_update, synonyms_apply
from .misses import search_miss_record
from .query import OfferHit, OfferQuery, SearchResult, Suggestion
from .selectors import offer_search, offer_search_count, offer_search_ids

__all__ = [
    "NEEDS",
    "NEED_BITS",
    "OfferHit",
    "OfferQuery",
    "SearchResult",
    "Suggestion",
    "offer_index_rebuild",
    "offer_index_update",
    "offer_search",
    "offer_search_count",
    "offer_search_ids",
    "place_index_update",
    "search_miss_record",
    "synonyms_apply",
]
