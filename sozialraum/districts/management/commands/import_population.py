from __future__ import annotations

import shlex
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from sozialraum.districts.importers import PRESETS, TableOptions
from sozialraum.districts.importers.tables import BY_CODE, BY_NAME, LONG, WIDE
from sozialraum.districts.services import ImportReport, population_import, preset_import
from sozialraum.lib.commands import add_encoding_argument, progress_bar, raise_with_problems
from sozialraum.lib.importing import DataImportError

from .import_districts import add_dry_run_and_skip_arguments, write_report


def _pair(text: str) -> tuple[str, str]:
    """``"COLUMN=VALUE"`` as a pair; argparse reports the ValueError."""
    column, separator, value = text.partition("=")
    if not separator or not column.strip():
        raise ValueError(text)
    return column.strip(), value.strip()


_pair.__name__ = "COLUMN=VALUE"

#: The table options a preset sets; none of them may be given with --preset.
TABLE_OPTIONS = (
    "city",
    "layout",
    "district_field",
    "year",
    "year_field",
    "age_field",
    "value_field",
    "where",
    "band",
    "columns",
    "name_field",
    "complete",
    "source",
)


def _presets_help() -> str:
    return "; ".join(
        f"{name}: {preset.help}, default FILE {preset.path.name}"
        for name, preset in PRESETS.items()
    )


class Command(BaseCommand):
    help = (
        "Imports residents by district, year and age band of a city whose districts exist, "
        "from a CSV table (; , tab or | separated). --layout long: one row per district, "
        "year and age band (GENESIS style; --where COL=VALUE keeps matching rows). --layout "
        "wide: one row per district, a column per band (--band 'COLUMN=BAND', BAND like "
        "0-17, 65+, total or a German label, optionally with the column's year: "
        "'2011=total@2011'; without --band every column whose header is an age label). "
        "German numbers; DIN 55301 symbols (. - x /) are missing values. Reports how the "
        "bands map onto the standard bands. --preset NAME reads a known city's published "
        "tables with fixed options (and creates its districts). If any row is invalid, "
        "prints every problem and writes nothing, unless --skip-invalid."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "file", type=Path, nargs="?", help="The CSV table (with --preset: see there)."
        )
        parser.add_argument(
            "--preset",
            choices=sorted(PRESETS),
            help="A known city's tables, read with fixed options (printed on stderr): "
            + _presets_help()
            + ".",
        )
        parser.add_argument("--city", help="The city's name, e.g. Kiel.")
        parser.add_argument("--layout", choices=[LONG, WIDE])
        parser.add_argument("--district-field", help="Column of the district.")
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
            help="wide: 'COLUMN=BAND' or 'COLUMN=BAND@YEAR', the band (and year) a column "
            "counts (repeatable).",
        )
        parser.add_argument(
            "--columns",
            help="The file has no header line; its columns, comma-separated, e.g. "
            "'stadtteil,2011,2017'.",
        )
        parser.add_argument(
            "--name-field",
            help="With --district-by code: a column that must hold (nearly) the district's "
            "name, so that a renumbered district is a problem.",
        )
        parser.add_argument(
            "--complete",
            action="store_true",
            help="A gap or overlap between the bands is a problem (default: a note).",
        )
        add_dry_run_and_skip_arguments(parser)
        parser.add_argument(
            "--source", help="Source stored with each count (default: the file's name)."
        )
        add_encoding_argument(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        skip_invalid = options["skip_invalid"]
        try:
            report = self.preset(options) if options["preset"] else self.generic(options)
        except DataImportError as error:
            raise_with_problems(self, error, skip_invalid=skip_invalid)
        write_report(self, report)

    def preset(self, options: dict[str, Any]) -> ImportReport:
        given = [name for name in TABLE_OPTIONS if options[name]]
        if given:
            flags = ", ".join("--" + name.replace("_", "-") for name in given)
            raise CommandError(f"--preset sets the table options; leave out {flags}.")
        preset = PRESETS[options["preset"]]
        path = options["file"] or preset.path
        for table, table_options in preset.tables(path, options["encoding"]):
            words = shlex.join([str(table), "--city", preset.city, *table_options.arguments()])
            self.stderr.write(f"{preset.name}: {words}")
        return preset_import(
            path,
            preset.name,
            skip_invalid=options["skip_invalid"],
            dry_run=options["dry_run"],
            encoding=options["encoding"],
            progress=progress_bar(self.stderr, path.name),
        )

    def generic(self, options: dict[str, Any]) -> ImportReport:
        for name in ("file", "city", "layout", "district_field"):
            if not options[name]:
                flag = "FILE" if name == "file" else "--" + name.replace("_", "-")
                raise CommandError(f"{flag} is needed (or --preset).")
        layout = options["layout"]
        bands = tuple(options["band"])
        every_band_dated = bool(bands) and all("@" in band for _column, band in bands)
        if not (options["year"] or options["year_field"] or every_band_dated):
            raise CommandError("--year-field or --year is needed.")
        needed = ["age_field", "value_field"] if layout == LONG else []
        for name in needed:
            if not options[name]:
                flag = "--" + name.replace("_", "-")
                raise CommandError(f"--layout {layout} needs {flag}.")
        columns = options["columns"] or ""
        table = TableOptions(
            layout=layout,
            district_field=options["district_field"],
            district_by=options["district_by"],
            year=options["year"],
            year_field=options["year_field"],
            age_field=options["age_field"],
            value_field=options["value_field"],
            where=tuple(options["where"]),
            bands=bands,
            encoding=options["encoding"],
            source=options["source"] or "",
            columns=tuple(column.strip() for column in columns.split(",") if column.strip()),
            name_field=options["name_field"],
            complete=options["complete"],
        )
        return population_import(
            options["file"],
            options["city"],
            table,
            skip_invalid=options["skip_invalid"],
            dry_run=options["dry_run"],
            progress=progress_bar(self.stderr, options["file"].name),
        )
