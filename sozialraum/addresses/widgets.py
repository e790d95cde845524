"""The address field: a text input with suggestions from the address index as you type
(the WAI-ARIA combobox pattern; HTMX asks ``addresses:suggestions``, and
``static/addresses/address_field.js`` runs the list with the keyboard and fills the
form's postcode, city and coordinate fields from the chosen address)."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from django import forms
from django.urls import reverse

#: The fields a chosen address fills in a form with the address's parts and a point.
PLACE_FILL = {"postcode": "postal_code", "city": "city", "lat": "latitude", "lon": "longitude"}

#: The fields a chosen address fills in a form with one address line and a point.
POINT_FILL = {"lat": "latitude", "lon": "longitude"}


class AddressInput(forms.TextInput):
    """``fill``: the names (with prefix) of the form fields a chosen address fills, by
    ``postcode``, ``city``, ``lat``, ``lon``. Without a city field to fill, the input
    takes the whole address ("Holm 10, 24937 Flensburg"), else street and number."""

    template_name = "addresses/widgets/address_input.html"

    def __init__(self, fill: dict[str, str], attrs: dict[str, Any] | None = None) -> None:
        super().__init__(attrs)
        self.fill = fill

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, value, attrs)
        widget_id = context["widget"]["attrs"].get("id") or f"id_{name}"
        context["widget"]["attrs"].update(
            {
                "id": widget_id,
                "role": "combobox",
                "aria-autocomplete": "list",
                "aria-expanded": "false",
                "aria-controls": f"{widget_id}-listbox",
                "autocomplete": "off",
                "data-address-field": "",
                "hx-get": reverse("addresses:suggestions"),
                "hx-trigger": "input changed delay:300ms",
                "hx-target": f"#{widget_id}-listbox",
                "hx-sync": "this:replace",
                "hx-vals": json.dumps({"field": name}),
                **{f"data-{key}-field": field for key, field in self.fill.items()},
            }
        )
        return context


def address_input(form: forms.BaseForm, fill: Mapping[str, str]) -> AddressInput:
    """The address field of ``form``, filling its fields named in ``fill`` (without the
    form's prefix; :data:`PLACE_FILL`, :data:`POINT_FILL` or none)."""
    return AddressInput(fill={key: form.add_prefix(name) for key, name in fill.items()})
