from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sozialraum.districts.importers import TableOptions
from sozialraum.districts.importers.tables import BY_CODE, BY_NAME, LONG, WIDE
from sozialraum.districts.services import population_import
from sozialraum.lib.commands import add_encoding_argument, progress_bar, raise_with_problems
from sozialraum.lib.importing import DataImportError

from .import_districts import add_dry_run_and_skip_arguments
from .import_flensburg import write_report


def _pair(text: str) -> tuple[str, str]:
    """``"COLUMN=VALUE"`` as a pair; argparse reports the ValueError."""
    column, separator, value = text.partition("=")
    if not separator or not column.strip():
        raise ValueError(text)
    return column.strip(), value.strip()


_pair.__name__ = "COLUMN=VALUE"


class Command(BaseCommand):
    help = (
        "Imports residents by district, year and age band of a city whose districts exist, "
        "from a CSV table (; , tab or | separated). --layout long: one row per district, "
        "year and age band (GENESIS style; --where COL=VALUE keeps matching rows). --layout "
        "wide: one row per district, a column per band (--band 'COLUMN=BAND', BAND like "
        "0-17, 65+, total or a German label; without --band every column whose header is an "
        "age label). German numbers; DIN 55301 symbols (. - x /) are missing values. Reports "
        "how the bands map onto the standard bands. If any row is invalid, prints every "
        "problem and writes nothing, unless --skip-invalid."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="The CSV table.")
        parser.add_argument("--city", required=True, help="The city's name, e.g. Kiel.")
        parser.add_argument("--layout", required=True, choices=[LONG, WIDE])
        parser.add_argument("--district-field", required=True, help="Column of the district.")
        parser.add_argument(
            "--district-by",
            choices=[BY_CODE, BY_NAME],
            default=BY_CODE,
            help="The district column holds the district's code (default) or its name.",
        )
        parser.add_argument("--year", type=int, help="The year of every row.")
        parser.add_argument("--year-field", help="Column of the year or reference date.")
        parser.add_argument("--age-field", help="long: column of the age band.")
        parser.add_argument("--value-field", help="long: column of the number of residents.")
        parser.add_argument(
            "--where",
            type=_pair,
            action="append",
            default=[],
            help="long: keep only rows whose COLUMN holds VALUE (repeatable).",
        )
        parser.add_argument(
            "--band",
            type=_pair,
            action="append",
            default=[],
            help="wide: 'COLUMN=BAND', the band a column counts (repeatable).",
        )
        add_dry_run_and_skip_arguments(parser)
        parser.add_argument(
            "--source", help="Source stored with each count (default: the file's name)."
        )
        add_encoding_argument(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        layout = options["layout"]
        if not (options["year"] or options["year_field"]):
            raise CommandError("--year-field or --year is needed.")
        needed = ["age_field", "value_field"] if layout == LONG else []
        for name in needed:
            if not options[name]:
                flag = "--" + name.replace("_", "-")
                raise CommandError(f"--layout {layout} needs {flag}.")
        table = TableOptions(
            layout=layout,
            district_field=options["district_field"],
            district_by=options["district_by"],
            year=options["year"],
            year_field=options["year_field"],
            age_field=options["age_field"],
            value_field=options["value_field"],
            where=tuple(options["where"]),
            bands=tuple(options["band"]),
            encoding=options["encoding"],
            source=options["source"] or "",
        )
        skip_invalid = options["skip_invalid"]
        try:
            report = population_import(
                options["file"],
                options["city"],
                table,
                skip_invalid=skip_invalid,
                dry_run=options["dry_run"],
                progress=progress_bar(self.stderr, options["file"].name),
            )
        except DataImportError as error:
            raise_with_problems(self, error, skip_invalid=skip_invalid)
        write_report(self, report)
