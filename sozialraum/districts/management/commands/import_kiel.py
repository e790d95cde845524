from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from sozialraum.districts.importers import KIEL_PATH
from sozialraum.districts.services import kiel_import
from sozialraum.lib.commands import (
    add_encoding_argument,
    add_skip_invalid_argument,
    raise_with_problems,
)
from sozialraum.lib.importing import DataImportError

from .import_flensburg import write_report


class Command(BaseCommand):
    help = (
        "Imports Kiel: the city and its 30 statistical Stadtteile (no boundaries are "
        "published) and residents per Stadtteil by year (2014-2023) and age band, plus the "
        "total as the sum of the bands. Districts are matched by code and population counts "
        "by district, year and band, so repeating the import changes nothing. If any entry "
        "is invalid, prints every problem and writes nothing, unless --skip-invalid is given. "
        "Prints a one-line summary."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--path",
            type=Path,
            default=KIEL_PATH,
            help="The ;-separated file of residents by age band and Stadtteil "
            "(default: the shipped demo data).",
        )
        add_skip_invalid_argument(parser)
        add_encoding_argument(parser)

    def handle(
        self, *args: Any, path: Path, skip_invalid: bool, encoding: str, **options: Any
    ) -> None:
        try:
            report = kiel_import(path=path, skip_invalid=skip_invalid, encoding=encoding)
        except DataImportError as error:
            raise_with_problems(self, error, skip_invalid=skip_invalid)
        write_report(self, report)
