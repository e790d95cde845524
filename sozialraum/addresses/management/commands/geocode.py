from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.translation import gettext as _

from sozialraum.addresses.geocoder import MAX_RESULTS, Quality, geocode


class Command(BaseCommand):
    help = (
        "Finds TEXT in the offline address index (no network call) and prints, best first, "
        "one line per result: match quality (exact, interpolated, street, place), "
        "latitude, longitude, district slug ('-' if none) and the address as known; "
        "'none' when nothing matched."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("text", help='The address, e.g. "Kettwiger Str. 10, 45127 Essen".')
        parser.add_argument(
            "--limit", type=int, default=1, choices=range(1, MAX_RESULTS + 1), metavar="N",
            help=f"Results to print (1 to {MAX_RESULTS}, default 1).",
        )  # fmt: skip

    def handle(self, *args: Any, text: str, limit: int, **options: Any) -> None:
        matches = geocode(text, limit=limit)
        if not matches:
            self.stdout.write(_("%(quality)s: nothing found") % {"quality": Quality.NONE.value})
        for match in matches:
            district = match.district.slug if match.district else "-"
            self.stdout.write(
                f"{match.quality.value}\t{match.lat:.6f}\t{match.lon:.6f}\t{district}\t{match.label}"
            )
