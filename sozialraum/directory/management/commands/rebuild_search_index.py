"""``manage.py rebuild_search_index``: rebuilds the offer search index from scratch."""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand

from sozialraum.directory.search import offer_index_rebuild


class Command(BaseCommand):
    help = (
        "Empties the offer search index (search entries and full-text index) and rebuilds it "
        "from all offers, places, categories and prices, in one transaction; on PostgreSQL it "
        "then vacuums the index's tables. Idempotent: safe to run at any time, e.g. nightly "
        "or after editing data outside the services."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        start = time.perf_counter()
        offers, entries = offer_index_rebuild()
        seconds = time.perf_counter() - start
        self.stdout.write(
            f"Search index rebuilt: {offers} offers, {entries} entries in {seconds:.1f} s."
        )
