"""The filter form of the access-log review."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from .selectors import LogFilter


class LogFilterForm(forms.Form):
    """Filters by person number, user name, date range and refusals."""

    person = forms.IntegerField(label=_("Person number"), min_value=1, required=False)
    user = forms.CharField(label=_("User name"), max_length=150, required=False)
    date_from = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    refused_only = forms.BooleanField(label=_("Only refused accesses"), required=False)

    def clean_user(self) -> int | None:
        username = self.cleaned_data["user"].strip()
        if not username:
            return None
        pk = get_user_model().objects.filter(username=username).values_list("pk", flat=True).first()
        if pk is None:
            raise forms.ValidationError(_("There is no user with this name."))
        return int(pk)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end date lies before the start date."))
        return data

    def criteria(self) -> LogFilter:
        data = self.cleaned_data
        return LogFilter(
            person_id=data.get("person"),
            user_id=data.get("user"),
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
            refused_only=bool(data.get("refused_only")),
        )
