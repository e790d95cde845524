from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from sozialraum.directory.exchange.hsds import hsds_export_json
from sozialraum.directory.exchange.hsds_schema import hsds_export_datapackage
from sozialraum.directory.models import Offer


class Command(BaseCommand):
    help = (
        "Exports every offer as Open Referral HSDS 3: --format json writes one JSON list of "
        "fully nested services to --output (a file); --format datapackage writes the tabular "
        "CSV datapackage (datapackage.json and one CSV per table) into --output (a folder, "
        "created if missing). Both validate against the HSDS 3 schemas; importing the result "
        "with import_hsds reproduces the offers. Prints a one-line summary."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--format", choices=["json", "datapackage"], default="json")
        parser.add_argument("--output", type=Path, required=True, help="File (json) or folder.")

    def handle(self, *args: Any, format: str, output: Path, **options: Any) -> None:
        offers = Offer.objects.order_by("pk")
        if format == "json":
            services = hsds_export_json(offers)
            text = json.dumps(services, ensure_ascii=False, indent=2)
            output.write_text(text + "\n", encoding="utf-8")
            count = len(services)
        else:
            count = hsds_export_datapackage(offers, output)["service"]
        self.stdout.write(f"{count} services written to {output} ({format}).")
