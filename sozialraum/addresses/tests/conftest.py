"""The address index filled from the shipped excerpt of Essen's house coordinates."""

from __future__ import annotations

from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import translation

from sozialraum.addresses.geocoder import geocode_cache_clear

ESSEN = Path(__file__).parent / "data" / "essen_hauskoordinaten_excerpt.geojson"


@pytest.fixture
def essen_index(db: None) -> Iterator[None]:
    """The 2,429 addresses of the excerpt in the index (city Essen), a fresh vocabulary."""
    geocode_cache_clear()
    with translation.override("en"):
        call_command("import_addresses", str(ESSEN), "--city", "Essen", stdout=StringIO())
        yield
    geocode_cache_clear()
