"""The home-district form: a district from the list, or an address the address index
turns into its district (the address itself is not kept)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from sozialraum.addresses.geocoder import geocode
from sozialraum.addresses.widgets import AddressInput
from sozialraum.districts.models import District

from ..forms.search import DistrictChoiceField, InlineOptionsSelect, search_districts


class HomeDistrictForm(forms.Form):
    """Either field; the address wins when both are given."""

    district = DistrictChoiceField(
        District.objects.none(),
        label=_("Your district"),
        required=False,
        to_field_name="slug",
        empty_label=_("choose a district"),
        widget=InlineOptionsSelect,
    )
    address = forms.CharField(
        label=_("Or your address"),
        help_text=_(
            "Street and house number, e.g. Marientreppe 10; choose a suggestion from the "
            "list. We only keep the district."
        ),
        required=False,
        max_length=200,
        widget=AddressInput(fill={}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["district"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = search_districts()

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data
        address = (data.get("address") or "").strip()
        if address:
            data["district"] = self._district_of(address)
        elif not data.get("district") and not self.has_error("district"):
            self.add_error("district", _("Choose a district or enter your address."))
        return data

    def _district_of(self, address: str) -> District | None:
        matches = geocode(address)
        if not matches or matches[0].district is None:
            self.add_error(
                "address",
                _("We found no district for this address. Please check it or choose a district."),
            )
            return None
        return matches[0].district
