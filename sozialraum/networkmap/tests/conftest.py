"""Network map tests read the English source strings, whatever translations exist; a
person and a worker of the person's organisation."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.test import Client
from django.utils import translation
from pytest_django import Settings

from sozialraum.accounts.tests.factories import signed_in_client, user_with_role
from sozialraum.casework.models import Person
from sozialraum.casework.tests.factories import PersonFactory
from sozialraum.lib.access import Role


@pytest.fixture(autouse=True)
def english(settings: Settings) -> Iterator[None]:
    """Pages (through ``LANGUAGE_CODE``) and direct calls (through the active language)."""
    settings.LANGUAGE_CODE = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def person() -> Person:
    return PersonFactory.create(name="Erika Muster")


@pytest.fixture
def worker(person: Person) -> Client:
    return signed_in_client(user_with_role(Role.WORKER, person.organisation))
