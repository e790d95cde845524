"""Reading the access log for its review by administrators."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.db.models import QuerySet
from django.utils import timezone

from .models import AccessLogEntry


@dataclass(frozen=True)
class LogFilter:
    """What an administrator looks for: a person id, a user, a date range, refusals."""

    person_id: int | None = None
    user_id: int | None = None
    date_from: date | None = None
    date_to: date | None = None
    refused_only: bool = False


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def access_log_search(
    criteria: LogFilter, *, organisation_ids: Iterable[int] | None = None
) -> QuerySet[AccessLogEntry]:
    """The log rows matching ``criteria``, newest first, with their user loaded; with
    ``organisation_ids``, only rows about persons of those organisations."""
    rows = AccessLogEntry.objects.select_related("user").order_by("-at", "-pk")
    if organisation_ids is not None:
        rows = rows.filter(person__organisation_id__in=list(organisation_ids))
    if criteria.person_id is not None:
        rows = rows.filter(person_id=criteria.person_id)
    if criteria.user_id is not None:
        rows = rows.filter(user_id=criteria.user_id)
    if criteria.date_from is not None:
        rows = rows.filter(at__gte=_day_start(criteria.date_from))
    if criteria.date_to is not None:
        rows = rows.filter(at__lt=_day_start(criteria.date_to + timedelta(days=1)))
    if criteria.refused_only:
        rows = rows.filter(granted=False)
    return rows
