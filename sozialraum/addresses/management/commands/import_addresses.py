from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from sozialraum.addresses.readers import FORMATS, format_guess
from sozialraum.addresses.services import BATCH, addresses_import
from sozialraum.lib.commands import add_encoding_argument, add_import_flags, raise_with_problems
from sozialraum.lib.importing import DataImportError
from sozialraum.lib.progress import ProgressLine


class Command(BaseCommand):
    help = (
        "Fills the address index from FILE: GeoJSON (official house coordinates such as "
        "Essen's, or OSM exports; the file's crs member is read), Overpass JSON (elements "
        "with addr:* tags, ways with 'out center'), HK-DE (the German house-coordinate "
        "layout, semicolon separated, UTM zone taken from the easting) or an OSM extract "
        "(PBF, nodes and ways with addr:housenumber). Coordinates are reprojected to WGS84 "
        "and every address gets the district holding its point. Placeholder streets and "
        "points without house number are counted and left out. Re-importing updates by "
        "city, street and house number. If any record is invalid, prints every problem "
        "and writes nothing, unless --skip-invalid is given. Prints a one-line summary."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="The address file.")
        parser.add_argument(
            "--format",
            choices=FORMATS,
            help="Format of FILE (default: guessed from its name and start).",
        )
        parser.add_argument(
            "--crs",
            help="Coordinate reference system of FILE, e.g. EPSG:25832 (default: the "
            "file's own; WGS84 for GeoJSON without a crs member and for OSM data).",
        )
        parser.add_argument("--city", default="", help="City of addresses that name none.")
        add_encoding_argument(parser)
        add_import_flags(parser, dry_run_help="Write nothing; print what would change.")

    def handle(self, *args: Any, file: Path, **options: Any) -> None:
        started = time.monotonic()
        try:
            report = addresses_import(
                path=file,
                fmt=options["format"] or format_guess(file),
                crs=options["crs"],
                city=options["city"],
                encoding=options["encoding"],
                skip_invalid=options["skip_invalid"],
                dry_run=options["dry_run"],
                progress=ProgressLine(self.stderr, file.name, step=BATCH),
            )
        except DataImportError as error:
            raise_with_problems(self, error, skip_invalid=options["skip_invalid"])
        for problem in report.problems:
            self.stderr.write(_("Skipped: %(problem)s") % {"problem": problem})
        seconds = time.monotonic() - started
        self.stdout.write(f"{report.summary} ({seconds:.1f} s)")
