"""The access log's part of an Art. 15 export: who read the data subject's data, named by
the readers' organisations (not the readers' names)."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from sozialraum.accounts.models import Membership
from sozialraum.lib.export import ExportSection

from .models import AccessLogEntry

ACCESS_TITLE = _("Who accessed the data")


def access_log_section(
    entries: QuerySet[AccessLogEntry],
    *,
    key: str = "access_log",
    title: Any = ACCESS_TITLE,
) -> ExportSection:
    """The rows of ``entries`` (about one data subject), oldest first, each with the
    organisations of the user who read."""
    rows = list(entries.order_by("at", "pk"))
    user_ids = {e.user_id for e in rows if e.user_id}
    organisations: dict[int, set[str]] = {}
    for user_id, name in Membership.objects.filter(user_id__in=user_ids).values_list(
        "user_id", "organisation__name"
    ):
        organisations.setdefault(user_id, set()).add(name)
    return ExportSection(
        key=key,
        title=title,
        fields=[
            ("at", _("when")),
            ("organisation", _("organisation")),
            ("action", _("action")),
            ("purpose", _("purpose")),
            ("granted", _("granted")),
        ],
        records=[
            {
                "at": e.at,
                "organisation": ", ".join(sorted(organisations.get(e.user_id or 0, ()))),
                "action": e.get_action_display(),
                "purpose": e.purpose_label,
                "granted": e.granted,
            }
            for e in rows
        ],
    )
