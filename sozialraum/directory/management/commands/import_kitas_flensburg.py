from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from sozialraum.directory.exchange.cities import (
    KITAS_FLENSBURG_FILE,
    kitas_flensburg_import,
    shipped,
)
from sozialraum.lib.commands import raise_with_problems
from sozialraum.lib.importing import DataImportError

from ._options import import_arguments, write_report


class Command(BaseCommand):
    help = (
        "Imports Flensburg's day-care centres (open-kita-map GeoJSON) as offers in the "
        "category children_day_care, each with its place (district assigned from its "
        "coordinates) and its provider (an organisation created by name if missing). Offers "
        "and places are matched by external id (flensburg-kita:<slug>), so repeating the "
        "import changes nothing; changes are recorded in each offer's history. If any record "
        "is invalid, prints every problem and writes nothing, unless --skip-invalid is given. "
        "--dry-run writes nothing and lists what would change. Prints a one-line summary."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        import_arguments(parser, shipped(KITAS_FLENSBURG_FILE), "The day-care centres GeoJSON file")

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
            report = kitas_flensburg_import(
                path=path, skip_invalid=skip_invalid, dry_run=dry_run, encoding=encoding
            )
        except DataImportError as error:
            raise_with_problems(self, error, skip_invalid=skip_invalid)
        write_report(self, report)
