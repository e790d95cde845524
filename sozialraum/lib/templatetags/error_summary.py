"""The error summary (WCAG 3.3.1, 2.4.3): after an invalid submit, one list at the top of
<main> names how many entries need correcting and links to each field.

The base layout calls ``{% error_summary %}``: it finds every bound form and formset with
errors in the page's context, so a new form page gets the summary without doing anything.
Forms edited together through one object (a :class:`~sozialraum.lib.forms.FormGroup`, the
offer editor) are found through it. ``lib/static/sozialraum/forms.js``
moves the focus to it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django import template
from django.forms import BaseForm, BaseFormSet

from sozialraum.lib.forms import FormGroup

register = template.Library()


@dataclass(frozen=True)
class ErrorEntry:
    message: str
    target: str | None


def _bound_in(context: template.Context) -> Iterator[BaseForm | BaseFormSet]:
    """Every bound form and formset of the context, once each."""
    seen: set[int] = set()
    for value in context.flatten().values():
        for found in _bound(value):
            if id(found) not in seen:
                seen.add(id(found))
                yield found


def _bound(value: Any) -> Iterator[BaseForm | BaseFormSet]:
    if isinstance(value, BaseForm | BaseFormSet):
        if value.is_bound:
            yield value
        return
    if isinstance(value, FormGroup):
        for inner in value.error_summary_forms:
            yield from _bound(inner)


def _forms_in(context: template.Context) -> Iterator[BaseForm]:
    for found in _bound_in(context):
        yield from found.forms if isinstance(found, BaseFormSet) else [found]


def _field_id(bound: Any) -> str | None:
    """The id a link to the field focuses: a group of checkboxes or radio buttons has no
    label target of its own, so its first box."""
    if bound.id_for_label:
        return str(bound.id_for_label)
    first = next(iter(bound.subwidgets), None)
    return first.id_for_label if first is not None and first.id_for_label else None


def _first_field_id(form: BaseForm) -> str | None:
    visible = form.visible_fields()
    return _field_id(visible[0]) if visible else None


def _entries(form: BaseForm) -> Iterator[ErrorEntry]:
    if not form.errors:
        return
    for message in form.non_field_errors():
        yield ErrorEntry(str(message), _first_field_id(form))
    for bound in form.visible_fields():
        for message in bound.errors:
            yield ErrorEntry(f"{bound.label}: {message}", _field_id(bound))


def _formset_errors(context: template.Context) -> Iterator[ErrorEntry]:
    for found in _bound_in(context):
        if isinstance(found, BaseFormSet):
            for message in found.non_form_errors():
                yield ErrorEntry(str(message), None)


@register.inclusion_tag("includes/error_summary.html", takes_context=True)
def error_summary(context: template.Context) -> dict[str, Any]:
    """The errors of every bound form of the page, each with the id of its field."""
    entries = [entry for form in _forms_in(context) for entry in _entries(form)]
    entries += list(_formset_errors(context))
    return {"entries": entries, "count": len(entries)}
