"""Forms of walks and barriers. Positions come from a map click, the phone's position
("my position", static/barriers/position.js) or an address (the address field, or typed
and looked up in the address index when the form is sent)."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sozialraum.accounts.models import Organisation
from sozialraum.addresses.geocoder import Quality, geocode
from sozialraum.addresses.widgets import POINT_FILL, address_input
from sozialraum.districts.models import District
from sozialraum.lib.images import PhotoField

from .models import Barrier, BarrierKind, BarrierState, Walk

#: "54.7836, 9.4321": a point typed or clicked into the route.
_POINT = re.compile(r"^\s*(-?\d{1,2}(?:\.\d+)?)\s*[,;]\s*(-?\d{1,3}(?:\.\d+)?)\s*$")

#: At most this many points make a route.
ROUTE_MAX_POINTS = 200


def _located(text: str) -> tuple[float, float] | None:
    """The point of an address typed, if the address index knows it well enough."""
    matches = geocode(text)
    if not matches or matches[0].quality in {Quality.NONE, Quality.PLACE}:
        return None
    return matches[0].lat, matches[0].lon


def route_parse(text: str) -> list[list[float]]:
    """The route's points from one line each: "lat, lon" or an address. Raises
    ValidationError naming the line that is neither."""
    points: list[list[float]] = []
    lines = [line for line in text.splitlines() if line.strip()]
    if len(lines) > ROUTE_MAX_POINTS:
        raise forms.ValidationError(
            _("A route has at most %(max)d points."), params={"max": ROUTE_MAX_POINTS}
        )
    for number, line in enumerate(lines, start=1):
        match = _POINT.match(line)
        point = (float(match[1]), float(match[2])) if match else _located(line)
        if point is None or not (-90 <= point[0] <= 90 and -180 <= point[1] <= 180):
            raise forms.ValidationError(
                _("Line %(line)d of the route is neither a point nor a known address: %(text)s"),
                params={"line": number, "text": line.strip()[:80]},
            )
        points.append([round(point[0], 6), round(point[1], 6)])
    return points


class WalkForm(forms.ModelForm):
    """Plan a walk: where, when, the route and who comes (counted, never named)."""

    route_text = forms.CharField(
        label=_("Route"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "data-route-input": ""}),
        help_text=_(
            "One point per line: click on the map, or type “latitude, longitude” or an address."
        ),
    )

    class Meta:
        model = Walk
        fields = [
            "title",
            "organisation",
            "district",
            "walked_on",
            "participants",
            "wheelchair_users",
            "rollator_users",
            "blind_participants",
            "deaf_participants",
            "notes",
        ]
        widgets = {"walked_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args: Any, organisations: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        org_field = self.fields["organisation"]
        assert isinstance(org_field, forms.ModelChoiceField)
        org_field.queryset = organisations
        if len(organisations) == 1:
            self.initial.setdefault("organisation", organisations[0].pk)
        district_field = self.fields["district"]
        assert isinstance(district_field, forms.ModelChoiceField)
        district_field.queryset = District.objects.defer("boundary", "boundary_display").order_by(
            "name"
        )
        if self.instance.pk and self.instance.route:
            self.initial["route_text"] = "\n".join(f"{a}, {b}" for a, b in self.instance.route)

    def clean_route_text(self) -> list[list[float]]:
        return route_parse(self.cleaned_data.get("route_text") or "")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        counted = sum(
            data.get(name) or 0
            for name in (
                "wheelchair_users",
                "rollator_users",
                "blind_participants",
                "deaf_participants",
            )
        )
        if counted > (data.get("participants") or 0):
            self.add_error(
                "participants",
                _("More participants are counted by need than take part in all."),
            )
        return data

    def save(self, commit: bool = True) -> Walk:
        self.instance.route = self.cleaned_data["route_text"]
        return super().save(commit)


class BarrierForm(forms.ModelForm):
    """A barrier as recorded on the way, from a phone."""

    photo_upload = PhotoField(required=False)

    class Meta:
        model = Barrier
        fields = [
            "kind",
            "kerb_shape",
            "height_cm",
            "severity",
            "permanent",
            "address",
            "latitude",
            "longitude",
            "notes",
        ]
        widgets = {
            "severity": forms.RadioSelect,
            "permanent": forms.Select(
                choices=[(True, _("permanent")), (False, _("temporary, e.g. a building site"))]
            ),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["latitude"].required = False
        self.fields["longitude"].required = False
        for name in ("latitude", "longitude"):
            self.fields[name].widget = forms.NumberInput(attrs={"step": "any"})
        self.fields["address"].widget = address_input(self, POINT_FILL)
        self.fields["height_cm"].widget.attrs["inputmode"] = "numeric"
        self.fields["kerb_shape"].help_text = _("Only for kerbs.")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("kind") != BarrierKind.KERB and data.get("kerb_shape"):
            self.add_error("kerb_shape", _("Only a kerb is raised, lowered or flush."))
        if data.get("kind") == BarrierKind.KERB and not data.get("kerb_shape"):
            self.add_error(
                "kerb_shape", _("Please say whether the kerb is raised, lowered or flush.")
            )
        lat, lon = data.get("latitude"), data.get("longitude")
        if (lat is None) != (lon is None):
            self.add_error("longitude", _("Give both latitude and longitude, or neither."))
        elif lat is None:
            self._point_from_address(data)
        return data

    def _point_from_address(self, data: dict[str, Any]) -> None:
        address = (data.get("address") or "").strip()
        point = _located(address) if address else None
        if point is None:
            self.add_error(
                "address",
                _(
                    "Please give the position: tap the map, use your position or type an "
                    "address we know."
                ),
            )
            return
        data["latitude"], data["longitude"] = point


class TransitionForm(forms.Form):
    """The office moves a barrier on."""

    state = forms.ChoiceField(label=_("New state"), choices=[])
    note = forms.CharField(
        label=_("Note (for “won't be fixed”: the reason)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, barrier: Barrier, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["state"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [(s, BarrierState(s).label) for s in barrier.next_states()]


class ReopenForm(forms.Form):
    note = forms.CharField(
        label=_("What is still in the way?"), widget=forms.Textarea(attrs={"rows": 2})
    )


class FollowUpForm(forms.Form):
    still_fixed = forms.TypedChoiceField(
        label=_("Is the barrier really fixed?"),
        choices=[("yes", _("Yes, it is fixed")), ("no", _("No, it is still in the way"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


def organisations_of(user: Any) -> Any:
    """The organisations a user can plan a walk for."""
    return Organisation.objects.filter(memberships__user=user).distinct().order_by("name")
