"""The history of ladder entries, places that matter and referrals, for people: German
field labels and readable values, in the manner of the directory's offer history.

:func:`snapshot` takes the values the history stores (codes, numbers, dates; a linked
offer or contact by its name); :func:`history_rows` turns stored entries into rows of
label, before and after as text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.utils.translation import gettext as _

from .models import PersonalPlace, PlanChange, PlanChangeKind, Referral, ResourceEntry

#: The model of each kind of history entry, for its field labels and choices.
KIND_MODELS: dict[str, type[models.Model]] = {
    PlanChangeKind.RESOURCE: ResourceEntry,
    PlanChangeKind.PLACE: PersonalPlace,
    PlanChangeKind.REFERRAL: Referral,
}

EMPTY = "–"


@dataclass(frozen=True)
class ChangeRow:
    label: str
    before: str
    after: str


@dataclass(frozen=True)
class HistoryEntry:
    change: PlanChange
    rows: list[ChangeRow]


def snapshot(instance: models.Model, fields: Iterable[str]) -> dict[str, Any]:
    """The values of ``fields`` as the history keeps them: a foreign key by its text."""
    values: dict[str, Any] = {}
    for name in fields:
        field = instance._meta.get_field(name)
        if isinstance(field, models.ForeignKey):
            related = getattr(instance, name)
            values[name] = None if related is None else str(related)
        else:
            values[name] = getattr(instance, name)
    return values


def _field(model: type[models.Model], name: str) -> Any:
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def value_text(model: type[models.Model], name: str, value: Any) -> str:
    """One stored value as text for people."""
    if value is None or value == "":
        return EMPTY
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    choices = dict(getattr(_field(model, name), "flatchoices", None) or ())
    return str(choices.get(value, value))


def change_rows(change: PlanChange, hidden: frozenset[str] = frozenset()) -> list[ChangeRow]:
    model = KIND_MODELS[change.kind]
    rows = []
    for name, pair in (change.changes or {}).items():
        if name in hidden:
            continue
        before, after = [*pair, None, None][:2] if isinstance(pair, list) else (None, pair)
        field = _field(model, name)
        label = str(getattr(field, "verbose_name", name)).capitalize()
        rows.append(
            ChangeRow(label, value_text(model, name, before), value_text(model, name, after))
        )
    return rows


def history_rows(
    changes: Iterable[PlanChange], hidden: frozenset[str] = frozenset()
) -> list[HistoryEntry]:
    """Stored history entries with their rows, newest first as given; fields in ``hidden``
    (outside the reader's scope) are left out."""
    return [HistoryEntry(change, change_rows(change, hidden)) for change in changes]
