"""Forms of early warning: a concern (an address, no name), a report on a person
(discharge or bereavement, with consent), a PRISMA-7 screening, an outreach contact, a
dismissal, and the quarter of the figures."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sozialraum.accounts.models import DistrictTeam, User
from sozialraum.addresses.geocoder import Match, Quality, geocode
from sozialraum.addresses.widgets import AddressInput
from sozialraum.casework.forms import PersonCreateForm
from sozialraum.casework.models import Evidence

from .models import (
    PRISMA7_QUESTIONS,
    Contact,
    ContactKind,
    Observation,
    Outcome,
    Reporter,
    Topic,
)

YES_NO = [("yes", _("yes")), ("no", _("no"))]

#: A date field the browser offers as a calendar.
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ConcernForm(forms.Form):
    """Where the concern is; the address is taken from the address index (never as
    typed), so the list holds a house address and no name."""

    address = forms.CharField(
        label=_("Street and house number"),
        max_length=200,
        help_text=_("Only the address, please: no name."),
        widget=AddressInput(fill={"postcode": "postcode", "city": "city"}),
    )
    postcode = forms.CharField(label=_("Postcode"), max_length=5, required=False)
    city = forms.CharField(label=_("City"), max_length=100, required=False)
    reporter = forms.ChoiceField(
        label=_("Who is concerned"), choices=Reporter.choices, widget=forms.RadioSelect
    )
    observations = forms.MultipleChoiceField(
        label=_("What was noticed"),
        choices=Observation.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    match: Match | None = None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("address"):
            text = ", ".join(str(data.get(n) or "") for n in ("address", "postcode", "city"))
            found = geocode(text)
            house = (Quality.EXACT, Quality.INTERPOLATED)
            if not found or found[0].quality not in house or found[0].district is None:
                self.add_error(
                    "address",
                    _("This address is not in the address index. Choose one of the suggestions."),
                )
            else:
                self.match = found[0]
        return data


class PersonReportForm(forms.Form):
    """A discharge or a bereavement reported by a worker of the person's organisation,
    with the person's consent to the team's early warning."""

    event = forms.ChoiceField(
        label=_("What happened"),
        choices=[
            ("hospital", _("Discharged from hospital")),
            ("short_term_care", _("Discharged from short-term care")),
            ("bereavement", _("Bereavement")),
        ],
        widget=forms.RadioSelect,
    )
    on = forms.DateField(label=_("On"), widget=DATE_WIDGET)
    team = forms.ModelChoiceField(
        DistrictTeam.objects.none(), label=_("District team"), empty_label=None
    )
    evidence = forms.ChoiceField(label=_("How the person consented"), choices=Evidence.choices)
    consent = forms.BooleanField(
        label=_(
            "The person agrees that the district team is told and may offer a visit "
            "(early warning and outreach)."
        )
    )

    def __init__(self, *args: Any, teams: QuerySet[DistrictTeam], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["team"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = teams

    def clean_on(self) -> Any:
        on = self.cleaned_data["on"]
        if on > timezone.localdate():
            raise forms.ValidationError(_("The date lies in the future."))
        return on


class ScreeningForm(forms.Form):
    """The seven PRISMA-7 questions, each answered yes or no."""

    held_on = forms.DateField(label=_("Date"), widget=DATE_WIDGET, initial=timezone.localdate)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name, question, _scoring in PRISMA7_QUESTIONS:
            self.fields[name] = forms.ChoiceField(
                label=question, choices=YES_NO, widget=forms.RadioSelect
            )

    def clean_held_on(self) -> Any:
        held_on = self.cleaned_data["held_on"]
        if held_on > timezone.localdate():
            raise forms.ValidationError(_("The date lies in the future."))
        return held_on

    def answers(self) -> dict[str, bool]:
        return {name: self.cleaned_data[name] == "yes" for name, _q, _s in PRISMA7_QUESTIONS}


def _display_name(user: User) -> str:
    return user.display_name


class ContactForm(forms.ModelForm):
    """A visit or call: topics, outcome and the next step (when and by whom)."""

    topics = forms.MultipleChoiceField(
        label=_("Topics"), choices=Topic.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Contact
        fields = ["kind", "held_on", "topics", "outcome", "next_step", "next_step_on",
                  "next_step_owner"]  # fmt: skip
        widgets = {
            "kind": forms.RadioSelect,
            "outcome": forms.RadioSelect,
            "held_on": DATE_WIDGET,
            "next_step_on": DATE_WIDGET,
        }
        help_texts = {"next_step_on": _("Leave empty when nothing follows: the entry is done.")}

    def __init__(self, *args: Any, team: DistrictTeam, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        owner = self.fields["next_step_owner"]
        assert isinstance(owner, forms.ModelChoiceField)
        owner.queryset = (
            User.objects.filter(memberships__teams=team)
            .distinct()
            .order_by("last_name", "username")
        )
        owner.label_from_instance = _display_name  # type: ignore[method-assign,assignment]
        for name, choices in (("kind", ContactKind.choices), ("outcome", Outcome.choices)):
            field = self.fields[name]
            assert isinstance(field, forms.ChoiceField)
            field.choices = choices

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("next_step_on") and not data.get("next_step_owner"):
            self.add_error("next_step_owner", _("Name who takes the next step."))
        held_on = data.get("held_on")
        if held_on and held_on > timezone.localdate():
            self.add_error("held_on", _("The date lies in the future."))
        return data

    def contact_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


def _reason(label: Any, required: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": required},
    )


class DismissForm(forms.Form):
    reason = _reason(_("Reason for dismissing"), _("Give the reason for dismissing."))


class ReopenForm(forms.Form):
    reason = _reason(_("Reason for reopening"), _("Give the reason for reopening."))


class CaseForm(PersonCreateForm):
    """The person a concern was about, as they told the worker (the concern named
    nobody: the form starts with the address only), and their consent."""

    evidence = forms.ChoiceField(label=_("How the person consented"), choices=Evidence.choices)
    consent = forms.BooleanField(
        label=_(
            "The person agrees that their organisation keeps their data for their support "
            "and that the district team sees whom this entry is about (early warning and "
            "outreach)."
        ),
        error_messages={"required": _("Without the person's consent no case is created.")},
    )


class QuarterForm(forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    quarter = forms.TypedChoiceField(
        label=_("Quarter"), coerce=int, choices=[(q, str(q)) for q in range(1, 5)]
    )
