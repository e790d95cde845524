"""Forms of neighbourly help: sign-up, profile, posts, messages, reports, time."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sozialraum.districts.models import District

from .choices import Category
from .models import HelpGroup, Member, Post


def _districts() -> Any:
    return District.objects.only("id", "name").order_by("name")


class SignupForm(forms.Form):
    """Joining a group; the account fields only for visitors who are not signed in."""

    name = forms.CharField(
        label=_("Your name as other members see it"),
        max_length=80,
        help_text=_("For example your first name and the first letter of your last name."),
    )
    district = forms.ModelChoiceField(
        label=_("Your district"), queryset=District.objects.none(), required=False
    )
    email = forms.EmailField(label=_("E-mail address"))
    password = forms.CharField(
        label=_("Password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 8 characters."),
    )

    def __init__(self, *args: Any, signed_in: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = _districts()  # type: ignore[attr-defined]
        if signed_in:
            del self.fields["email"]
            del self.fields["password"]


class ProfileForm(forms.ModelForm):
    offers = forms.MultipleChoiceField(
        label=_("I can help with"),
        choices=Category.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Member
        fields = [
            "name",
            "district",
            "offers",
            "available",
            "radius_km",
            "needs",
            "phone",
            "address",
            "without_smartphone",
        ]
        help_texts = {
            "phone": _("Shown to another member only when you both agree."),
            "address": _("Shown to another member only when you both agree."),
        }
        widgets = {"needs": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = _districts()  # type: ignore[attr-defined]


class PostForm(forms.ModelForm):
    class Meta:
        model = Post
        fields = ["kind", "category", "district", "text", "starts_on", "ends_on", "times"]
        widgets = {
            "kind": forms.RadioSelect,
            "text": forms.Textarea(attrs={"rows": 3}),
            "starts_on": forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
            "ends_on": forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
        }
        help_texts = {"district": _("Only the district is shown, never your address.")}

    valid_days = forms.IntegerField(
        label=_("Show for how many days"), min_value=1, max_value=60, initial=14
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["district"].queryset = _districts()  # type: ignore[attr-defined]
        today = timezone.localdate()
        self.fields["starts_on"].initial = today
        self.fields["ends_on"].initial = today + dt.timedelta(days=7)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The end must not be before the start."))
        return data

    def post_fields(self) -> dict[str, Any]:
        data = {k: self.cleaned_data[k] for k in self.Meta.fields}
        data["valid_until"] = timezone.localdate() + dt.timedelta(
            days=self.cleaned_data["valid_days"]
        )
        return data


class MessageForm(forms.Form):
    text = forms.CharField(
        label=_("Your message"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("What happened?"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class ResolveForm(forms.Form):
    outcome = forms.CharField(
        label=_("What did you do?"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class TimeForm(forms.Form):
    minutes = forms.IntegerField(label=_("Minutes"), min_value=5, max_value=24 * 60)
    reason = forms.CharField(label=_("What did you do?"), max_length=200)


class TimeAcrossForm(TimeForm):
    """Time for a member of another group, named by the code they gave the helper."""

    other_group: forms.ModelChoiceField[HelpGroup] = forms.ModelChoiceField(
        label=_("Group of the member you helped"), queryset=HelpGroup.objects.none()
    )
    code = forms.CharField(
        label=_("Their transfer code"),
        max_length=20,
        help_text=_("The member finds it on their time account page."),
    )
    category = forms.ChoiceField(label=_("Category"), choices=Category.choices)

    field_order = ["other_group", "code", "category", "minutes", "reason"]

    def __init__(self, *args: Any, groups: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["other_group"].queryset = groups  # type: ignore[attr-defined]


class TransfersSettingForm(forms.ModelForm):
    class Meta:
        model = HelpGroup
        fields = ["transfers_between_groups"]


class HandMatchForm(forms.Form):
    """A coordinator brings a post and a member together."""

    post = forms.ModelChoiceField(label=_("Post"), queryset=Post.objects.none())
    member = forms.ModelChoiceField(label=_("Member"), queryset=Member.objects.none())

    def __init__(self, *args: Any, posts: Any, members: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["post"].queryset = posts  # type: ignore[attr-defined]
        self.fields["member"].queryset = members  # type: ignore[attr-defined]
