"""The offer directory's models, in four families: offers and places (:mod:`.offers`),
their editing and history (:mod:`.editing`), the search index (:mod:`.search`) and what
residents keep (:mod:`.residents`). All belong to the app ``directory`` and are
importable from here."""

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
from .residents import ResidentHome, SavedOffer
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
    "ResidentHome",
    "SavedOffer",
    "SearchMiss",
    "SearchSynonym",
    "StaleNotice",
    "Wheelchair",
    "default_languages",
    "validate_language_codes",
    "validate_opening_hours",
]
