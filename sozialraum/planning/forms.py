"""Forms of findings and measures."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sozialraum.accounts.models import Organisation
from sozialraum.districts.models import District

from .access import FINDING_ROLES
from .figures.timeline import labels as timeline_labels
from .models import Finding, Measure


def _districts() -> Any:
    return District.objects.defer("boundary", "boundary_display").order_by("name")


class FindingForm(forms.ModelForm):
    """A finding, recorded for one of the user's organisations (chosen only when the
    user acts for several)."""

    class Meta:
        model = Finding
        fields = ["district", "theme", "text", "evidence", "organisation"]

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = _districts()  # type: ignore[attr-defined]
        own = Organisation.objects.filter(
            pk__in=user.organisation_ids_with(FINDING_ROLES)
        ).order_by("name")
        field = self.fields["organisation"]
        field.queryset = own  # type: ignore[attr-defined]
        if len(own) == 1:
            field.initial = own[0].pk
            field.widget = forms.HiddenInput()


class FindingGroupForm(forms.ModelForm):
    """The planning office's label for findings that belong together."""

    class Meta:
        model = Finding
        fields = ["group"]


class MeasureForm(forms.ModelForm):
    """A measure the city decided, linked to the findings it answers."""

    class Meta:
        model = Measure
        fields = [
            "title",
            "districts",
            "reason",
            "budget",
            "owner",
            "status",
            "decided_on",
            "findings",
            "figures",
        ]
        widgets = {
            "districts": forms.CheckboxSelectMultiple,
            "findings": forms.CheckboxSelectMultiple,
            "decided_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["districts"].queryset = _districts()  # type: ignore[attr-defined]
        self.fields["findings"].queryset = Finding.objects.select_related(  # type: ignore[attr-defined]
            "district"
        ).order_by("group", "-created_at")
        self.fields["findings"].label_from_instance = _finding_label  # type: ignore[attr-defined]
        self.fields["decided_on"].help_text = _("The day of the decision.")
        self.fields["figures"] = forms.MultipleChoiceField(
            label=_("figures it answers"),
            choices=list(timeline_labels().items()),
            widget=forms.CheckboxSelectMultiple,
            required=False,
            help_text=_(
                "Their course per year before and after the decision shows on the measure."
            ),
        )


def _finding_label(finding: Finding) -> str:
    text = finding.text if len(finding.text) <= 80 else finding.text[:79] + "…"
    group = f"[{finding.group}] " if finding.group else ""
    return f"{group}{finding.district.name}, {finding.get_theme_display()}: {text}"
