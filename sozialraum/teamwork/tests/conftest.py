"""Team-work tests read the English source strings, whatever translations exist."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.utils import translation
from pytest_django import Settings


@pytest.fixture(autouse=True)
def english(settings: Settings) -> Iterator[None]:
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield
