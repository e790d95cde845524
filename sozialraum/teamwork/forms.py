"""Forms of a district team's shared work; every choice is limited to the team."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sozialraum.accounts.models import DistrictTeam, Organisation, User

from .access import team_member_users
from .models import Conference, HoursEntry, Project, ProjectAction, Task
from .selectors import team_person_choices


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs, format="%Y-%m-%d")


class MemberChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.display_name)


class MembersChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.display_name)


class ConferenceForm(forms.ModelForm):
    participants = MembersChoiceField(
        queryset=User.objects.none(),
        required=False,
        label=_("Participants from the team"),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Conference
        fields = ["title", "held_on", "place", "participants", "guests"]
        widgets = {"held_on": DateInput(), "guests": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, team: DistrictTeam, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["participants"].queryset = team_member_users(team)  # type: ignore[attr-defined]


class ParticipantsForm(forms.ModelForm):
    participants = MembersChoiceField(
        queryset=User.objects.none(),
        required=False,
        label=_("Participants from the team"),
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Conference
        fields = ["participants", "guests"]
        widgets = {"guests": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, team: DistrictTeam, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["participants"].queryset = team_member_users(team)  # type: ignore[attr-defined]


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class TeamChoices:
    """A form whose choice field ``team_field`` lists the team's members or persons. A page
    that shows one such form per agenda item reads the choices once and hands them in as
    ``choices`` (the queryset still checks what is submitted)."""

    team_field: str
    fields: dict[str, Any]

    @staticmethod
    def team_queryset(team: DistrictTeam) -> Any:
        raise NotImplementedError

    def __init__(
        self,
        *args: Any,
        team: DistrictTeam,
        choices: list[tuple[Any, str]] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields[self.team_field]
        field.queryset = self.team_queryset(team)
        if choices is not None:
            field.choices = choices

    def team_choices(self) -> list[tuple[Any, str]]:
        """The field's choices, read now (one query), for the other forms of the page."""
        return list(self.fields[self.team_field].choices)


class AgendaItemForm(TeamChoices, forms.Form):
    topic = forms.CharField(label=_("Topic"), max_length=200)
    person = PersonChoiceField(
        queryset=None,
        required=False,
        label=_("About a person (with consent for the district team)"),
        empty_label=_("– no person, a topic –"),
    )

    team_field = "person"
    team_queryset = staticmethod(team_person_choices)

    def shown_person_ids(self) -> list[int]:
        """The persons whose names the form's choices show (for the access log)."""
        return [value.value for value, _label in self.team_choices() if value]


class MinutesForm(forms.Form):
    minutes = forms.CharField(
        label=_("Minutes"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class TaskForm(TeamChoices, forms.ModelForm):
    owner = MemberChoiceField(queryset=User.objects.none(), label=_("Responsible"))

    team_field = "owner"
    team_queryset = staticmethod(team_member_users)

    class Meta:
        model = Task
        fields = ["title", "owner", "due_on"]
        widgets = {"due_on": DateInput()}
        labels = {"title": _("Decision (task)")}


class ProjectForm(forms.ModelForm):
    class Meta:
        model = Project
        fields = [
            "title",
            "kind",
            "district",
            "status",
            "goals",
            "partner_organisations",
            "partners",
        ]
        widgets = {
            "goals": forms.Textarea(attrs={"rows": 3}),
            "partners": forms.Textarea(attrs={"rows": 2}),
            "partner_organisations": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, team: DistrictTeam, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = team.districts.only("pk", "name").order_by("name")  # type: ignore[attr-defined]
        self.fields["partner_organisations"].queryset = Organisation.objects.order_by("name")  # type: ignore[attr-defined]


class ProjectStatusForm(forms.ModelForm):
    class Meta:
        model = Project
        fields = ["status"]


class ProjectActionForm(forms.ModelForm):
    class Meta:
        model = ProjectAction
        fields = ["on", "description"]
        widgets = {"on": DateInput()}


class HoursForm(forms.ModelForm):
    class Meta:
        model = HoursEntry
        fields = ["organisation", "worked_on", "hours", "note"]
        widgets = {"worked_on": DateInput()}

    def __init__(self, *args: Any, organisations: list[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
            pk__in=[o.pk for o in organisations]
        ).order_by("name")
