"""The export_value filter: an Art. 15 export's values as a reader expects them."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django import template
from django.template.defaultfilters import date as date_format
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from sozialraum.lib.geo import coordinate_round

register = template.Library()


@register.filter
def export_value(value: Any) -> str:
    """A value of the export as a reader expects it: yes/no, dates, lists, a dash for
    nothing."""
    if value is True or value is False:
        return _("yes") if value else _("no")
    if value is None or value == "" or value == []:
        return "–"
    if isinstance(value, datetime):
        local = timezone.localtime(value) if timezone.is_aware(value) else value
        return date_format(local, "SHORT_DATETIME_FORMAT")
    if isinstance(value, float):
        # The only floats of the export are coordinates.
        return str(formats.localize(coordinate_round(value)))
    if isinstance(value, date):
        return date_format(value, "DATE_FORMAT")
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    return str(value)
