"""The address field: a text input with suggestions from the address index as you type
(the WAI-ARIA combobox pattern; HTMX asks ``addresses:suggestions``, and
``static/addresses/address_field.js`` runs the list with the keyboard and fills the
form's postcode, city and coordinate fields from the chosen address)."""

from __future__ import annotations

import json
from typing import Any

from django import forms
from django.urls import reverse


class AddressInput(forms.TextInput):
    """``fill``: the names (with prefix) of the form fields a chosen address fills, by
    ``postcode``, ``city``, ``lat``, ``lon``."""

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
