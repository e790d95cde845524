from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from sozialraum.directory.exchange.hsds_io import hsds_import
from sozialraum.lib.commands import raise_with_problems
from sozialraum.lib.importing import DataImportError
from sozialraum.lib.progress import ProgressLine

from ._options import import_flags, write_report


class Command(BaseCommand):
    help = (
        "Imports Open Referral HSDS 3 services from PATH: a JSON file (one service, a list, "
        "or an HSDS page with contents) or a folder holding the tabular CSV datapackage. "
        "Everything is validated against the HSDS 3 schemas and our rules first; if anything "
        "is invalid, prints every problem (file, record or line, field) and writes nothing, "
        "unless --skip-invalid is given. Services and locations are matched by their HSDS id "
        "(external id hsds:<id>), so re-importing updates instead of duplicating. --dry-run "
        "writes nothing and lists what would change. Shows progress on stderr and prints a "
        "one-line summary."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="HSDS JSON file or datapackage folder.")
        import_flags(parser)

    def handle(
        self,
        *args: Any,
        path: Path,
        skip_invalid: bool,
        dry_run: bool,
        encoding: str,
        **options: Any,
    ) -> None:
        progress = ProgressLine(self.stderr, path.name)
        try:
            report = hsds_import(
                path,
                skip_invalid=skip_invalid,
                dry_run=dry_run,
                progress=progress,
                encoding=encoding,
            )
        except DataImportError as error:
            raise_with_problems(self, error, skip_invalid=skip_invalid)
        write_report(self, report)
