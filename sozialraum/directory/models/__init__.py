"""The offer directory's models, in three families: offers and places (:mod:`.offers`),
their editing and history (:mod:`.editing`) and the search index (:mod:`.search`). All
belong to the app ``directory`` and are importable from here."""

from __future__ import annotations

from .editing import ChangeAction, OfferChange, StaleNotice
from .offers import (
    Category,
    CostOption,
    Fee,
    LegalBasis,
    Offer,
    OfferEvent,
    Place,
    Wheelchair,
    default_languages,
    validate_language_codes,
    validate_opening_hours,
)
from .search import (
    OfferSearchEntry,
    OfferSearchExpansion,
    OfferSearchStats,
    OfferSearchTerm,
    OfferSearchTermCategory,
    OfferSearchText,
    OfferSearchWord,
    OfferTerm,
    SearchMiss,
    SearchSynonym,
)

__all__ = [
    "Category",
    "ChangeAction",
    "CostOption",
    "Fee",
    "LegalBasis",
    "Offer",
    "OfferChange",
    "OfferEvent",
    "OfferSearchEntry",
    "OfferSearchExpansion",
    "OfferSearchStats",
    "OfferSearchTerm",
    "OfferSearchTermCategory",
    "OfferSearchText",
    "OfferSearchWord",
    "OfferTerm",
    "Place",
    "SearchMiss",
    "SearchSynonym",
    "StaleNotice",
    "Wheelchair",
    "default_languages",
    "validate_language_codes",
    "validate_opening_hours",
]
