"""The district page's form: the assumptions of its projection, changed for the page only."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from .projection import (
    DEFAULT_NET_MIGRATION_RATE,
    DEFAULT_TFR,
    MAX_NET_MIGRATION_RATE,
    MAX_TFR,
    MIN_NET_MIGRATION_RATE,
    MIN_TFR,
    Assumptions,
)


class ProjectionForm(forms.Form):
    """Birth and migration rate of the projection (see :mod:`.projection`); sent by GET."""

    tfr = forms.DecimalField(
        label=_("Children per woman (total fertility rate)"),
        min_value=Decimal(str(MIN_TFR)),
        max_value=Decimal(str(MAX_TFR)),
        max_digits=4,
        decimal_places=2,
        localize=True,
        initial=Decimal(str(DEFAULT_TFR)),
        help_text=_("Germany 2024: 1.35."),
    )
    net_migration_rate = forms.DecimalField(
        label=_("Net migration per 1,000 residents a year"),
        min_value=Decimal(str(MIN_NET_MIGRATION_RATE)),
        max_value=Decimal(str(MAX_NET_MIGRATION_RATE)),
        max_digits=4,
        decimal_places=1,
        localize=True,
        initial=Decimal(str(DEFAULT_NET_MIGRATION_RATE)),
        help_text=_("More moving in than out is positive; 0 leaves migration out."),
    )

    @classmethod
    def from_query(cls, query: QueryDict) -> ProjectionForm:
        """Bound if the query names any of the fields, unbound (the defaults) otherwise."""
        return cls(query) if any(name in query for name in cls.base_fields) else cls()

    def assumptions(self) -> Assumptions:
        """The assumptions entered; the form must be valid."""
        data = self.cleaned_data
        return Assumptions(float(data["tfr"]), float(data["net_migration_rate"]))
