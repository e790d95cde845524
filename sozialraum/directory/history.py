"""An offer's history for people: German field labels and readable values.

The history stores ``{field: [old, new]}`` with the values as the services compare them
(codes, booleans, lists, price records). :func:`change_rows` turns one entry into rows of
label, before and after as text.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from django.conf.locale import LANG_INFO
from django.core.exceptions import FieldDoesNotExist
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import Category, Offer, OfferChange
from .opening_hours import hours_describe

#: Labels of the history's keys that are not fields of the offer itself.
EXTRA_LABELS: dict[str, Any] = {
    "categories": gettext_lazy("Categories"),
    "places": gettext_lazy("Places"),
    "cost_options": gettext_lazy("Prices"),
}

EMPTY = "–"


@dataclass(frozen=True)
class ChangeRow:
    label: str
    before: str
    after: str


def field_label(name: str) -> str:
    if name in EXTRA_LABELS:
        return str(EXTRA_LABELS[name])
    try:
        field = Offer._meta.get_field(name)
    except FieldDoesNotExist:
        return name
    return str(getattr(field, "verbose_name", name)).capitalize()


def _language(code: str) -> str:
    info = LANG_INFO.get(code)
    return str(_(info["name"])) if info and "name" in info else code


def _price(option: Mapping[str, Any]) -> str:
    try:
        amount = formats.number_format(Decimal(str(option.get("amount"))), 2, use_l10n=True)
    except (InvalidOperation, TypeError):
        amount = str(option.get("amount"))
    currency = "€" if option.get("currency", "EUR") == "EUR" else option.get("currency", "")
    text = f"{amount} {currency}".strip()
    return f"{text} ({option['option']})" if option.get("option") else text


def _choice(name: str, value: Any) -> str | None:
    try:
        choices = dict(Offer._meta.get_field(name).flatchoices)  # type: ignore[union-attr]
    except (FieldDoesNotExist, AttributeError):
        return None
    return str(choices[value]) if value in choices else None


def value_text(name: str, value: Any, categories: Mapping[str, str]) -> str:
    """One stored value as text for people."""
    if value is None or value in ("", [], {}):
        return EMPTY
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if name == "opening_hours":
        return hours_describe(str(value))
    if name == "languages" and isinstance(value, list):
        return ", ".join(_language(str(code)) for code in value)
    if name == "categories" and isinstance(value, list):
        return ", ".join(categories.get(str(code), str(code)) for code in value)
    if name == "cost_options" and isinstance(value, list):
        return "; ".join(_price(option) for option in value if isinstance(option, Mapping))
    if isinstance(value, list):
        return ", ".join(value_text(name, item, categories) for item in value)
    if isinstance(value, Mapping):
        return ", ".join(
            f"{key}: {value_text(key, item, categories)}" for key, item in value.items()
        )
    return _choice(name, value) or str(value)


def category_names() -> dict[str, str]:
    """Category codes -> names (one query; the taxonomy is small)."""
    return dict(Category.objects.values_list("code", "name"))


def change_rows(change: OfferChange, categories: Mapping[str, str]) -> list[ChangeRow]:
    """The rows of one history entry, in the order stored."""
    rows = []
    for name, pair in (change.changes or {}).items():
        before, after = [*pair, None, None][:2] if isinstance(pair, list) else (None, pair)
        rows.append(
            ChangeRow(
                field_label(name),
                value_text(name, before, categories),
                value_text(name, after, categories),
            )
        )
    return rows
