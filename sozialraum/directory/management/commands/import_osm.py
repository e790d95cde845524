from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from sozialraum.directory.exchange.osm import osm_import
from sozialraum.lib.commands import raise_with_problems
from sozialraum.lib.importing import DataImportError

from ._options import import_flags, write_report


class Command(BaseCommand):
    help = (
        "Imports offers from OpenStreetMap data at PATH: Overpass JSON (elements with tags; "
        "use 'out center' for ways) or GeoJSON with OSM tags. Each element becomes an offer "
        "at its own place (category from amenity, social_facility, healthcare, ... as mapped "
        "in sozialraum/directory/osm.py; accessibility from wheelchair, toilets:wheelchair, "
        "hearing_loop; opening_hours validated), run by its operator. Matched by external id "
        "osm:<type>/<id>, so re-importing updates instead of duplicating. If any element is "
        "invalid, prints every problem and writes nothing, unless --skip-invalid is given. "
        "--dry-run writes nothing and lists what would change. Prints a one-line summary."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path, help="Overpass JSON or GeoJSON file.")
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
        try:
            report = osm_import(
                path=path, skip_invalid=skip_invalid, dry_run=dry_run, encoding=encoding
            )
        except DataImportError as error:
            raise_with_problems(self, error, skip_invalid=skip_invalid)
        write_report(self, report)
