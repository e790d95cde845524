"""The forms of the Mitmach-Kommune: an idea, a comment, the city's answer."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sozialraum.addresses.geocoder import address_point
from sozialraum.addresses.widgets import POINT_FILL, address_input
from sozialraum.lib.images import PhotoField

from .models import IdeaCategory, IdeaState


class IdeaForm(forms.Form):
    """A resident's idea. The place is an address from the address index (the coordinates
    are filled when a suggestion is chosen, or looked up on saving) or the coordinates
    themselves."""

    title = forms.CharField(
        label=_("Title"),
        max_length=120,
        help_text=_("In a few words: what do you suggest? For example: A bench at the bus stop."),
    )
    text = forms.CharField(
        label=_("Your idea"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What should change, and why does it help people in the district?"),
    )
    category = forms.ChoiceField(label=_("Theme"), choices=IdeaCategory.choices)
    address = forms.CharField(
        label=_("Address or place"),
        max_length=200,
        required=False,
        help_text=_("Street and house number, e.g. Holm 10. Choose a suggestion from the list."),
    )
    latitude = forms.FloatField(
        label=_("Latitude"),
        required=False,
        min_value=-90,
        max_value=90,
        widget=forms.NumberInput(attrs={"step": "any"}),
    )
    longitude = forms.FloatField(
        label=_("Longitude"),
        required=False,
        min_value=-180,
        max_value=180,
        widget=forms.NumberInput(attrs={"step": "any"}),
        help_text=_("Only needed if the place has no address."),
    )
    photo = PhotoField(
        required=False, help_text=_("Optional. Location data is removed from the photo.")
    )
    show_name = forms.BooleanField(
        label=_("Show my name with the idea"),
        required=False,
        help_text=_("Without this, the idea shows: resident from the district."),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["address"].widget = address_input(self, POINT_FILL)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        has_lat, has_lon = data.get("latitude") is not None, data.get("longitude") is not None
        if has_lat != has_lon:
            self.add_error("longitude", _("Give both latitude and longitude, or neither."))
        elif not has_lat and not self.has_error("address"):
            self._point_from_address(data)
        return data

    def _point_from_address(self, data: dict[str, Any]) -> None:
        address = (data.get("address") or "").strip()
        if not address:
            self.add_error("address", _("Give an address or the coordinates of the place."))
            return
        point = address_point(address)
        if point is None:
            self.add_error(
                "address",
                _("We do not know this address. Please choose a suggestion from the list."),
            )
            return
        data["latitude"], data["longitude"] = point


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Your comment"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )


class AnswerForm(forms.Form):
    """The city's answer: a state (not the author's "withdrawn") and the public text."""

    state = forms.ModelChoiceField(
        label=_("New state"), queryset=IdeaState.objects.filter(withdrawn=False), empty_label=None
    )
    text = forms.CharField(
        label=_("Public answer"),
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Plain language, please: residents read this text."),
    )


def idea_form_values(form: IdeaForm) -> dict[str, Any]:
    """The cleaned values as :func:`~.services.idea_propose` takes them."""
    data = form.cleaned_data
    keys = ("title", "text", "category", "latitude", "longitude", "address", "photo", "show_name")
    return {key: data[key] for key in keys}


class VerifyForm(forms.Form):
    """Someone of the city records that they saw a resident in person."""

    email = forms.EmailField(
        label=_("E-mail address of the resident's account"),
        help_text=_("The resident tells you the address they signed up with."),
    )
    seen = forms.BooleanField(
        label=_(
            "I have seen an identity document with this person's name and an address in the city."
        )
    )


class WithdrawVerificationForm(forms.Form):
    """Someone of the city withdraws a resident's verification, with the reason (fields
    prefixed, as the form shares its page with :class:`VerifyForm`)."""

    prefix = "withdraw"
    email = forms.EmailField(label=_("E-mail address of the resident's account"))
    reason = forms.CharField(
        label=_("Reason"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("For example: the identity document was not the resident's own."),
    )
