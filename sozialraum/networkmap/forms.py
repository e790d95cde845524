"""Forms of the network map pages: a contact, a tie, a new version, an easyNWK upload and
the choice of two versions to compare."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .geometry import fits
from .models import Contact, MapVersion

ROLES_FILE = Path(__file__).parent / "data" / "roles_de.json"
#: An easyNWK file of a large network is a few hundred kilobytes.
MAX_UPLOAD_BYTES = 2 * 1024 * 1024


@cache
def role_suggestions() -> list[str]:
    """easyNWK's German role names, offered while typing a contact's role."""
    roles = json.loads(ROLES_FILE.read_text(encoding="utf-8"))
    return sorted({role["german"] for role in roles})


class ContactForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = ["name", "role", "sector", "ring", "human", "deceased", "bond", "note"]
        widgets = {
            "role": forms.TextInput(attrs={"list": "role-suggestions", "autocomplete": "off"}),
            "sector": forms.RadioSelect,
            "ring": forms.RadioSelect,
            "note": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["ring"].help_text = _("1 is the closest ring around the person.")

    def clean(self) -> dict[str, Any]:
        """A contact moved to another sector or ring loses its old place; the service
        gives it a new one there."""
        data = super().clean() or {}
        contact = self.instance
        if contact.pk and not fits(
            contact.angle, contact.distance, data.get("sector", ""), data.get("ring") or 0
        ):
            contact.angle = contact.distance = None
        return data


class TieForm(forms.Form):
    """Two contacts of a version who know each other."""

    one = forms.ModelChoiceField(Contact.objects.none(), label=_("Contact"))
    other = forms.ModelChoiceField(Contact.objects.none(), label=_("knows"))

    def __init__(self, *args: Any, version: MapVersion, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("one", "other"):
            self.fields[name].queryset = version.contacts.order_by("name", "pk")  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("one") and data.get("one") == data.get("other"):
            self.add_error("other", _("Choose two different contacts."))
        return data


class VersionForm(forms.ModelForm):
    class Meta:
        model = MapVersion
        fields = ["title", "date"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("easyNWK file"),
        help_text=_(
            "A file saved by easyNWK (.json). Its versions are added to the map; gender and "
            "age of contacts are not taken over."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".json,application/json"}),
    )

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(
                _("The file is larger than %(limit)d MB."),
                params={"limit": MAX_UPLOAD_BYTES // (1024 * 1024)},
            )
        return upload


class CompareForm(forms.Form):
    """Two versions of the map, the earlier first."""

    earlier = forms.TypedChoiceField(label=_("Earlier version"), coerce=int)
    later = forms.TypedChoiceField(label=_("Later version"), coerce=int)

    def __init__(self, *args: Any, versions: list[MapVersion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(version.number, version.label) for version in versions]
        for name in ("earlier", "later"):
            self.fields[name].choices = choices  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        earlier, later = data.get("earlier"), data.get("later")
        if earlier is not None and earlier == later:
            self.add_error("later", _("Choose two different versions."))
        elif earlier is not None and later is not None and earlier > later:
            self.add_error("later", _("Choose a version made after the earlier one."))
        return data
