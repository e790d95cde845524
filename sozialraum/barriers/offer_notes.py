"""The offer page's notes on a place's accessibility from walks: "Reported by a
neighbourhood walk on 5 Dec 2026 (not yet confirmed by the provider)". Registered with
``directory.place_notes`` in :class:`~.apps.BarriersConfig`."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from sozialraum.directory.models import Place
from sozialraum.directory.place_notes import place_notes_register

from .models import PlaceReport, ReportStatus
from .places import latest_reports


def _label(field: str) -> str:
    return str(getattr(Place._meta.get_field(field), "verbose_name", field)).capitalize()


def _text(report: PlaceReport) -> str:
    params = {
        "fact": _label(report.field),
        "kind": report.barrier.get_kind_display(),
        "date": date_format(report.reported_on, "DATE_FORMAT"),
    }
    if report.status == ReportStatus.ACCEPTED:
        text = _("%(fact)s: reported by a neighbourhood walk on %(date)s (%(kind)s), confirmed.")
    else:
        text = _(
            "%(fact)s: reported by a neighbourhood walk on %(date)s (%(kind)s), "
            "not yet confirmed by the provider."
        )
    return text % params


def walk_notes(places: Sequence[Any]) -> dict[int, list[str]]:
    """The newest report per place and fact that was not rejected."""
    notes: dict[int, list[str]] = {}
    seen: set[tuple[int, str]] = set()
    for report in latest_reports(list(places)):
        if (report.place_id, report.field) in seen:
            continue
        seen.add((report.place_id, report.field))
        notes.setdefault(report.place_id, []).append(_text(report))
    return notes


def register() -> None:
    place_notes_register("barriers", walk_notes)
