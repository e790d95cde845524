"""The error summary (WCAG 3.3.1, 2.4.3): after an invalid submit, one list at the top of
<main> names how many entries need correcting and links to each field.

The base layout calls ``{% error_summary %}``: it finds every bound form and formset with
errors in the page's context, so a new form page gets the summary without doing anything.
``lib/static/sozialraum/forms.js`` moves the focus to it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django import template
from django.forms import BaseForm, BaseFormSet

register = template.Library()


@dataclass(frozen=True)
class ErrorEntry:
    message: str
    target: str | None


def _forms_in(context: template.Context) -> Iterator[BaseForm]:
    seen: set[int] = set()
    for value in context.flatten().values():
        for form in _forms_of(value):
            if id(form) not in seen:
                seen.add(id(form))
                yield form


def _forms_of(value: Any) -> Iterator[BaseForm]:
    if isinstance(value, BaseForm) and value.is_bound:
        yield value
    elif isinstance(value, BaseFormSet) and value.is_bound:
        yield from value.forms


def _first_field_id(form: BaseForm) -> str | None:
    visible = form.visible_fields()
    return visible[0].id_for_label if visible else None


def _entries(form: BaseForm) -> Iterator[ErrorEntry]:
    if not form.errors:
        return
    for message in form.non_field_errors():
        yield ErrorEntry(str(message), _first_field_id(form))
    for bound in form.visible_fields():
        for message in bound.errors:
            yield ErrorEntry(f"{bound.label}: {message}", bound.id_for_label or None)


def _formset_errors(context: template.Context) -> Iterator[ErrorEntry]:
    for value in context.flatten().values():
        if isinstance(value, BaseFormSet) and value.is_bound:
            for message in value.non_form_errors():
                yield ErrorEntry(str(message), None)


@register.inclusion_tag("includes/error_summary.html", takes_context=True)
def error_summary(context: template.Context) -> dict[str, Any]:
    """The errors of every bound form of the page, each with the id of its field."""
    entries = [entry for form in _forms_in(context) for entry in _entries(form)]
    entries += list(_formset_errors(context))
    return {"entries": entries, "count": len(entries)}
