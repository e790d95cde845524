"""Languages by name: the language's own name, and the editor's field that picks
languages by name and stores their ISO 639-1 codes."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf.locale import LANG_INFO
from django.utils.translation import gettext_lazy as _


def language_name(code: str) -> str:
    """The language's own name ("Türkçe" for tr), or the code if unknown."""
    return str(LANG_INFO.get(code, {}).get("name_local", code))


#: Languages listed first in the editor (the Danish minority lives in Flensburg); every
#: other two-letter language Django knows follows, by name.
COMMON_LANGUAGES = ("de", "en", "da", "tr", "ar", "ru", "uk", "pl", "fa", "fr", "es", "it",
                    "ro", "bg", "el", "ku", "sq", "sr", "hr", "bs", "ps", "vi", "zh")  # fmt: skip


def language_choices() -> list[tuple[str, str]]:
    """(ISO 639-1 code, name in the current language), the common languages first."""
    known = {code for code in LANG_INFO if len(code) == 2 and "name" in LANG_INFO[code]}
    named = {code: str(_(LANG_INFO[code]["name"])) for code in known | set(COMMON_LANGUAGES)
             if code in LANG_INFO}  # fmt: skip
    rest = sorted(set(named) - set(COMMON_LANGUAGES), key=lambda code: named[code])
    return [(code, named[code]) for code in [*COMMON_LANGUAGES, *rest] if code in named]


class LanguagesField(forms.MultipleChoiceField):
    """Languages picked by name, stored as ISO 639-1 codes; the API may also send the codes
    as one comma-separated text ("de, en")."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(choices=language_choices, **kwargs)
        self.error_messages["invalid_choice"] = _(
            "%(value)s is not a language of the list. Please pick the languages by name."
        )

    def to_python(self, value: Any) -> list[str]:
        items = [value] if isinstance(value, str) else list(value or [])
        codes = [code.strip().lower() for item in items for code in str(item).split(",")]
        return [code for code in codes if code]
