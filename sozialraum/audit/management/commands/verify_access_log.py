"""``manage.py verify_access_log``: checks the access log's hash chain."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from sozialraum.audit.chain import chain_verify
from sozialraum.audit.models import AccessLogEntry


class Command(BaseCommand):
    help = (
        "Recomputes the access log's hash chain in id order. Exits 0 with a one-line summary "
        "(rows, last hash) when every row is intact; exits 1 naming the first row (id, time) "
        "that was changed, inserted, deleted or moved. Reads only; safe to run at any time."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        rows = AccessLogEntry.objects.order_by("pk").iterator(chunk_size=2000)
        try:
            report = chain_verify(rows)
        finally:
            # Ends PostgreSQL's server-side cursor when the check stops at a break.
            rows.close()  # type: ignore[attr-defined]
        if report.broken is not None:
            broken = report.broken
            raise CommandError(
                f"Access log broken at row {broken.id} ({broken.at.isoformat()}): "
                f"its hash does not follow from its content and the row before it; "
                f"{report.rows} rows before it are intact."
            )
        self.stdout.write(
            f"Access log intact: {report.rows} rows, last hash {report.last_hash or '-'}."
        )
