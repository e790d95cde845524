"""The one template for a form's fields (``includes/form_fields.html``): every app's forms
render through it, so its error markup is checked once here."""

from __future__ import annotations

from django import forms
from django.template.loader import render_to_string


class _Form(forms.Form):
    name = forms.CharField(label="Name", help_text="Wie Sie genannt werden möchten")
    agree = forms.BooleanField(label="Einverstanden")


def test_field_errors_are_a_list_inside_a_live_region() -> None:
    form = _Form(data={})
    html = render_to_string("includes/form_fields.html", {"form": form})
    # A role on the <ul> itself hides its list items from assistive technology (axe:
    # "list"); the live region wraps the list instead.
    assert '<ul class="errorlist" role="alert">' not in html
    assert '<div role="alert"><ul class="errorlist"><li>Name: ' in html
    assert 'id="id_name_helptext"' in html
    assert '<label for="id_agree" class="inline-label">Einverstanden</label>' in html
