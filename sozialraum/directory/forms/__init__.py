"""Forms of the offer directory: the public search, and editing an offer with its main
place and its prices. The API validates through the same forms, so a page and an API call
reject the same input with the same messages.

One module per family: the public search (:mod:`.search`), languages by name
(:mod:`.languages`), the opening-hours editor (:mod:`.hours`) and the offer editor
(:mod:`.editing`); what other modules use is importable from here.
"""

from __future__ import annotations

from .editing import (
    PLACE_ID_PREFIX,
    CostOptionForm,
    CostOptionFormSet,
    OfferEditor,
    OfferForm,
    PlaceForm,
    editor_data_from_json,
)
from .hours import (
    HoursFormSet,
    HoursRowForm,
    hours_initial,
    opening_hours_checked,
)
from .languages import (
    COMMON_LANGUAGES,
    LanguagesField,
    language_choices,
    language_name,
)
from .search import (
    MAX_SEARCH_PAGE,
    NEEDS,
    RADII,
    SEARCH_DISTRICT_FIELDS,
    SEARCH_LANGUAGES,
    DistrictChoiceField,
    DistrictChoiceIterator,
    InlineOptionsSelect,
    SearchForm,
    district_centre,
    query_params,
    search_districts,
)

__all__ = [
    "COMMON_LANGUAGES",
    "MAX_SEARCH_PAGE",
    "NEEDS",
    "PLACE_ID_PREFIX",
    "RADII",
    "SEARCH_DISTRICT_FIELDS",
    "SEARCH_LANGUAGES",
    "CostOptionForm",
    "CostOptionFormSet",
    "DistrictChoiceField",
    "DistrictChoiceIterator",
    "HoursFormSet",
    "HoursRowForm",
    "InlineOptionsSelect",
    "LanguagesField",
    "OfferEditor",
    "OfferForm",
    "PlaceForm",
    "SearchForm",
    "district_centre",
    "editor_data_from_json",
    "hours_initial",
    "language_choices",
    "language_name",
    "opening_hours_checked",
    "query_params",
    "search_districts",
]
