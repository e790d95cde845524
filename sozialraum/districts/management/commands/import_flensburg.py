from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from sozialraum.districts.importers import FLENSBURG_DIR
from sozialraum.districts.services import ImportReport, flensburg_import
from sozialraum.lib.commands import (
    add_encoding_argument,
    add_skip_invalid_argument,
    raise_with_problems,
)
from sozialraum.lib.importing import DataImportError


class Command(BaseCommand):
    help = (
        "Imports Flensburg: the city (union of its Stadtteile), its 13 Stadtteile and 41 "
        "statistical Stadtbezirke with boundaries, and residents per Stadtteil by year and "
        "age band from social-atlas tables 1, 5, 6, 7 and 8. Districts are matched by code "
        "and population counts by district, year and band, so repeating the import changes "
        "nothing. If any entry is invalid or contradicted by the other tables, prints every "
        "problem and writes nothing, unless --skip-invalid is given. Prints a one-line summary."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--data-dir",
            type=Path,
            default=FLENSBURG_DIR,
            help="Folder with flensburg_stadtteile.geojson, flensburg_stadtbezirke.geojson "
            "and the tab_*.csv files (default: the shipped demo data).",
        )
        add_skip_invalid_argument(parser)
        add_encoding_argument(parser)

    def handle(
        self, *args: Any, data_dir: Path, skip_invalid: bool, encoding: str, **options: Any
    ) -> None:
        try:
            report = flensburg_import(
                directory=data_dir, skip_invalid=skip_invalid, encoding=encoding
            )
        except DataImportError as error:
            raise_with_problems(self, error, skip_invalid=skip_invalid)
        write_report(self, report)


def write_report(command: BaseCommand, report: ImportReport) -> None:
    """Prints each skipped entry to stderr and the summary line to stdout."""
    for problem in report.problems:
        command.stderr.write(_("Skipped: %(problem)s") % {"problem": problem})
    for note in report.notes:
        command.stderr.write(_("Note: %(note)s") % {"note": note})
    command.stdout.write(report.summary)
