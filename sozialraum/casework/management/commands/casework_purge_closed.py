"""Delete the records of cases closed longer ago than the retention period (daily job)."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from sozialraum.casework.services import persons_purge_closed


class Command(BaseCommand):
    help = (
        "Deletes every person whose case was closed more than CASEWORK_RETENTION_DAYS days "
        "ago (default 3650), together with their consents and all data of other parts "
        "that belong to the person (plans, network maps, referrals). The access log keeps "
        "its rows, which hold only the person's number, and records each deletion. Open "
        "cases and cases closed more recently are kept. Running it again deletes nothing "
        "new, so it is safe to run daily. Prints a one-line summary."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="Count what would be deleted; delete nothing."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        report = persons_purge_closed(dry_run=options["dry_run"])
        self.stdout.write(report.summary)
