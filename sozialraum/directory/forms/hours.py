"""The opening-hours editor: rows of weekdays with a time from and to, turned into and
read from OpenStreetMap's opening_hours syntax, which experts may also enter directly."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext_lazy as _

from ..models import validate_opening_hours
from ..opening_hours import HoursRow, osm_to_hours


class HoursRowForm(forms.Form):
    """One row of the opening-hours editor: weekdays, from, to."""

    days = forms.MultipleChoiceField(
        label=_("Days"),
        required=False,
        choices=[(str(i), name) for i, name in WEEKDAYS.items()],
        widget=forms.CheckboxSelectMultiple(attrs={"class": "hours-days"}),
    )
    start = forms.TimeField(
        label=_("from"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    end = forms.TimeField(
        label=_("to"), required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        days, start, end = data.get("days"), data.get("start"), data.get("end")
        if not days and start is None and end is None:
            return data
        if not days:
            self.add_error("days", _("Please choose at least one day for these times."))
        if start is None or end is None:
            self.add_error("end", _("Please give the time the offer opens and closes."))
        elif end <= start:
            self.add_error("end", _("The closing time must be after the opening time."))
        return data

    def row(self) -> HoursRow | None:
        data = self.cleaned_data
        if not data.get("days") or data.get("start") is None or data.get("end") is None:
            return None
        return HoursRow(tuple(sorted(int(d) for d in data["days"])), data["start"], data["end"])


HoursFormSet = forms.formset_factory(HoursRowForm, extra=1, max_num=14, absolute_max=14)


def hours_initial(text: str) -> tuple[list[dict[str, Any]], bool, bool]:
    """The editor's rows for an offer's OSM text, whether it is closed on public holidays,
    and whether only the expert field can show it."""
    hours = osm_to_hours(text)
    if hours is None:
        return [], False, bool(text)
    rows = [{"days": [str(d) for d in r.days], "start": r.start, "end": r.end} for r in hours.rows]
    return rows, hours.closed_on_holidays, False


def opening_hours_checked(value: str) -> None:
    """The model's check, with a message for people instead of the parser's English."""
    try:
        validate_opening_hours(value)
    except ValidationError as error:
        raise ValidationError(
            _(
                '"%(value)s" is not valid opening_hours syntax of OpenStreetMap. An example: '
                '"Mo-Fr 08:00-16:00; Sa 10:00-12:00; PH off". Or switch expert mode off and '
                "enter days and times in lines."
            ),
            code="invalid_opening_hours",
            params={"value": value},
        ) from error
