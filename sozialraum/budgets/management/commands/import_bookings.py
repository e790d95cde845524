from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from sozialraum.budgets.services import COLUMNS, bookings_import
from sozialraum.lib.commands import add_encoding_argument, add_import_flags, raise_with_problems
from sozialraum.lib.importing import DataImportError


class Command(BaseCommand):
    help = (
        "Imports bookings against pooled budgets from a CSV file (semicolons or commas; "
        f"columns {', '.join(COLUMNS)}; amounts like 1.234,56; dates YYYY-MM-DD or "
        "DD.MM.YYYY; art: offer, non_case or case), as the bookings page exports them. A "
        "booking is matched by its budget (provider, district and the year of its date) and "
        "booking number: a known one is updated. If any line has a problem, prints every "
        "problem (file, line, field) and writes nothing, unless --skip-invalid is given."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="The CSV file.")
        add_import_flags(parser, dry_run_help="Write nothing; print what would change.")
        add_encoding_argument(parser, "the CSV file")

    def handle(
        self,
        *args: Any,
        path: Path,
        skip_invalid: bool,
        dry_run: bool,
        encoding: str,
        **options: Any,
    ) -> None:
        try:
            report = bookings_import(
                path, skip_invalid=skip_invalid, dry_run=dry_run, encoding=encoding
            )
        except DataImportError as error:
            raise_with_problems(self, error, skip_invalid=skip_invalid)
        for problem in report.problems:
            self.stderr.write(_("Skipped: %(problem)s") % {"problem": problem})
        summary = _(
            "Bookings: %(created)d new, %(updated)d changed, %(unchanged)d unchanged, "
            "%(skipped)d lines skipped."
        ) % {
            "created": report.created,
            "updated": report.updated,
            "unchanged": report.unchanged,
            "skipped": report.skipped,
        }
        self.stdout.write(summary + (" " + _("Dry run: nothing written.") if dry_run else ""))
