"""What the site's forms share beyond Django's."""

from __future__ import annotations

from django.forms import BaseForm, BaseFormSet


class FormGroup:
    """Several forms and formsets edited together on one page (the offer editor): the page's
    error summary (``{% error_summary %}``) lists the errors of ``error_summary_forms``, in
    their order, as it does for forms that stand in the context themselves."""

    error_summary_forms: tuple[BaseForm | BaseFormSet, ...] = ()


def form_status(*forms: BaseForm) -> int:
    """The status of a page showing ``forms``: 400 when a submitted one has errors, else 200."""
    return 400 if any(form.is_bound and form.errors for form in forms) else 200
