"""The shape of a data subject's information under GDPR Art. 15, shared by every export
(a casework person's, a help group member's, a resident's own): titled sections of records,
shown as tables on a readable page (``includes/export_sections.html``) and written as JSON
with the same keys."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from django.http import HttpResponse
from django.utils import timezone


@dataclass(frozen=True)
class ExportSection:
    """One titled table of the export: its columns (key, label) and its rows."""

    key: str
    title: Any
    fields: list[tuple[str, Any]]
    records: list[dict[str, Any]] = field(default_factory=list)

    def rows(self) -> list[list[Any]]:
        """The records' values in column order, for the readable page."""
        return [[record.get(key) for key, _label in self.fields] for record in self.records]

    def pairs(self) -> list[tuple[Any, Any]]:
        """(label, value) of the first record, for a section of one record."""
        record = self.records[0] if self.records else {}
        return [(label, record.get(key)) for key, label in self.fields]

    def as_json(self) -> dict[str, Any]:
        return {
            "title": str(self.title),
            "records": [{k: json_value(v) for k, v in r.items()} for r in self.records],
        }


def sections_json(sections: Iterable[ExportSection]) -> dict[str, Any]:
    """The sections by key, as the JSON download writes them."""
    return {section.key: section.as_json() for section in sections}


def json_value(value: Any) -> Any:
    """A value as JSON holds it: date-times in local time with their offset (ISO 8601)."""
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value).isoformat()
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, list):
        return [json_value(v) for v in value]
    return value if value is None or isinstance(value, bool | int | float) else str(value)


def json_download(data: dict[str, Any], *, filename: str) -> HttpResponse:
    """``data`` as a JSON file to download (UTF-8, indented), stamped with its time."""
    body = json.dumps(
        {"created_at": timezone.localtime().isoformat(), **data}, ensure_ascii=False, indent=2
    )
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
