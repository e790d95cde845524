from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from sozialraum.districts.importers import BoundaryOptions
from sozialraum.districts.models import DistrictKind
from sozialraum.districts.services import ImportReport, districts_import
from sozialraum.lib.commands import progress_bar, raise_with_problems
from sozialraum.lib.importing import DataImportError

#: Kinds a boundary file's areas may have (the city is the command's --city).
AREA_KINDS = [kind for kind in DistrictKind.values if kind != DistrictKind.CITY]


def write_report(command: BaseCommand, report: ImportReport) -> None:
    """Prints each skipped entry to stderr and the summary line to stdout."""
    for problem in report.problems:
        command.stderr.write(_("Skipped: %(problem)s") % {"problem": problem})
    for note in report.notes:
        command.stderr.write(_("Note: %(note)s") % {"note": note})
    command.stdout.write(report.summary)


def add_dry_run_and_skip_arguments(parser: CommandParser) -> None:
    """``--dry-run`` and ``--skip-invalid`` of the generic imports."""
    parser.add_argument(
        "--dry-run", action="store_true", help="Report what would change; write nothing."
    )
    parser.add_argument(
        "--skip-invalid",
        action="store_true",
        help="Leave invalid records out, import the rest and list what was skipped "
        "(a file that cannot be read or holds nothing valid still stops the import).",
    )


class Command(BaseCommand):
    help = (
        "Imports a city's districts from a boundary file: GeoJSON (RFC 7946, or with a "
        "legacy crs member) or a Shapefile (.shp with .dbf/.prj beside it, or a .zip of "
        "them), transformed to WGS84. The city is created if it does not exist. Districts "
        "are matched by code (--code-field, else the name), so a re-import updates them and "
        "lists each whose area changed. Invalid polygons are repaired and reported. If any "
        "area is invalid, prints every problem and writes nothing, unless --skip-invalid."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="The .geojson, .json, .shp or .zip file.")
        parser.add_argument("--city", required=True, help='The city\'s name, e.g. "Essen".')
        parser.add_argument("--kind", required=True, choices=AREA_KINDS, help="The areas' kind.")
        parser.add_argument("--name-field", required=True, help="Property with the name.")
        parser.add_argument("--code-field", help="Property with the area's code or number.")
        parser.add_argument(
            "--parent-field", help="Property with the code of the area it belongs to."
        )
        parser.add_argument(
            "--parent-kind", choices=AREA_KINDS, help="Kind of the areas --parent-field names."
        )
        parser.add_argument(
            "--encoding",
            help="Encoding of a Shapefile's attributes (default: its .cpg, else UTF-8).",
        )
        parser.add_argument(
            "--crs", help="CRS of the coordinates if the file does not say, e.g. 25832."
        )
        add_dry_run_and_skip_arguments(parser)

    def handle(self, *args: Any, **options: Any) -> None:
        if bool(options["parent_field"]) != bool(options["parent_kind"]):
            raise CommandError("--parent-field and --parent-kind go together.")
        boundary_options = BoundaryOptions(
            city=options["city"],
            kind=options["kind"],
            name_field=options["name_field"],
            code_field=options["code_field"],
            parent_field=options["parent_field"],
            parent_kind=options["parent_kind"],
            encoding=options["encoding"],
            crs=options["crs"],
        )
        skip_invalid = options["skip_invalid"]
        try:
            report = districts_import(
                options["file"],
                boundary_options,
                skip_invalid=skip_invalid,
                dry_run=options["dry_run"],
                progress=progress_bar(self.stderr, options["file"].name),
            )
        except DataImportError as error:
            raise_with_problems(self, error, skip_invalid=skip_invalid)
        for change in report.area_changes:
            self.stdout.write(str(change))
        write_report(self, report)
