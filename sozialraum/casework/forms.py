"""Forms of case work: a person's data and a consent."""

from __future__ import annotations

from typing import Any

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sozialraum.accounts.models import DistrictTeam, Organisation
from sozialraum.addresses.forms import point_from_address
from sozialraum.addresses.widgets import PLACE_FILL, address_input
from sozialraum.directory.forms import DistrictChoiceField, search_districts
from sozialraum.districts.models import District

from .models import NEED_LABELS, Consent, Person, shareable_purposes
from .scope import PERSON_FIELDS as SHOWN_FIELDS
from .services import ConsentData, PersonData

#: The fields a worker enters: every field a page shows but those the platform keeps itself.
PERSON_FIELDS = [
    name for name in SHOWN_FIELDS if name not in {"organisation", "created_at", "closed_at"}
]


class PersonForm(forms.ModelForm):
    """A person's data. The address field suggests addresses from the address index and
    fills postcode, city and the home's coordinates; an address typed without choosing
    takes its point from the index when it knows the house. Given coordinates, the
    district is looked up from them; else the district chosen applies."""

    district = DistrictChoiceField(
        queryset=District.objects.none(),
        label=_("District"),
        required=False,
        help_text=_("Only needed without coordinates; with coordinates it is looked up."),
    )
    accessibility_needs = forms.MultipleChoiceField(
        label=_("Accessibility needs"),
        choices=list(NEED_LABELS.items()),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Person
        fields = PERSON_FIELDS
        widgets = {
            "date_of_birth": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "communication_needs": forms.Textarea(attrs={"rows": 2}),
        }
        help_texts = {
            "latitude": _(
                "Filled from the address or by a click on the map; or type it, e.g. 54.7836."
            ),
            "longitude": _("E.g. 9.4321."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        district = self.fields["district"]
        assert isinstance(district, forms.ModelChoiceField)
        district.queryset = search_districts()
        for name in ("latitude", "longitude"):
            self.fields[name].widget = forms.NumberInput(attrs={"step": "any"})
        self.fields["street_address"].widget = address_input(self, PLACE_FILL)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if (data.get("latitude") is None) != (data.get("longitude") is None):
            self.add_error("longitude", _("Give both latitude and longitude, or neither."))
        else:
            point_from_address(data)
        return data

    def person_data(self) -> PersonData:
        return {name: self.cleaned_data[name] for name in PERSON_FIELDS}  # type: ignore[return-value]


class PersonCreateForm(PersonForm):
    """A new person; the organisation is asked for only when the worker works for several."""

    organisation = forms.ModelChoiceField(
        Organisation.objects.none(), label=_("Organisation responsible"), empty_label=None
    )

    def __init__(self, *args: Any, organisations: QuerySet[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["organisation"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = organisations
        if len(organisations) == 1:
            field.initial = organisations[0]
            field.widget = forms.HiddenInput()


def teams_for_consent() -> QuerySet[DistrictTeam]:
    return DistrictTeam.objects.order_by("name")


class ConsentForm(forms.ModelForm):
    """For which purpose, with whom, and the evidence; what is shared follows from the
    purpose (:func:`sozialraum.casework.scope.scope_text`, shown next to the form)."""

    class Meta:
        model = Consent
        fields = [
            "purpose",
            "shared_with_organisation",
            "shared_with_team",
            "given_at",
            "evidence",
            "evidence_reference",
        ]

    def __init__(self, *args: Any, person: Person, **kwargs: Any) -> None:
        kwargs["instance"] = Consent(person=person)
        super().__init__(*args, **kwargs)
        organisation = self.fields["shared_with_organisation"]
        assert isinstance(organisation, forms.ModelChoiceField)
        organisation.queryset = Organisation.objects.filter(~Q(pk=person.organisation_id))
        team = self.fields["shared_with_team"]
        assert isinstance(team, forms.ModelChoiceField)
        team.queryset = teams_for_consent()
        purpose = self.fields["purpose"]
        assert isinstance(purpose, forms.ChoiceField)
        purpose.choices = [("", "---------"), *shareable_purposes()]
        self.fields["given_at"].widget = forms.DateTimeInput(
            attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
        )
        self.fields["given_at"].required = False
        self.fields["given_at"].help_text = _("Leave empty for now.")

    def clean_given_at(self) -> Any:
        given_at = self.cleaned_data.get("given_at") or timezone.now()
        if given_at > timezone.now():
            raise forms.ValidationError(_("The consent cannot be given in the future."))
        return given_at

    def consent_data(self) -> ConsentData:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}  # type: ignore[return-value]
