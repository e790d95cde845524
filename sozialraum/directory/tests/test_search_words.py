"""The words people type: plural forms the Snowball stemmer misses, compounds in both
directions, typos with "Meinten Sie …?", synonyms kept by administrators, and the
widening suggestions that drop filters."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from sozialraum.accounts.tests.factories import OrganisationFactory
from sozialraum.directory.models import Offer
from sozialraum.directory.search import OfferQuery, offer_search
from sozialraum.directory.search.text import stem
from sozialraum.directory.services import offer_create
from sozialraum.districts.lookup import lookup_cache_clear

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_lookup() -> Iterator[None]:
    lookup_cache_clear()
    yield
    lookup_cache_clear()


def offers(*names: str, **data: Any) -> list[Offer]:
    provider = OrganisationFactory.create()
    return [
        offer_create(provider=provider, data={"name": name, **data}, source="test")
        for name in names
    ]


def found(text: str, **query: Any) -> list[str]:
    result = offer_search(OfferQuery(text=text, include_stale=True, **query))
    return [hit.offer.name for hit in result.hits]


@pytest.mark.parametrize(
    ("typed", "offer"),
    [
        ("Kitas ", "Kita Sonnenschein"),
        ("Oma ", "Omas Küche"),
        ("Familienzentren ", "Familienzentrum Nord"),
        ("Cafe ", "Café Nord"),
        ("Cafés ", "Café Nord"),
        ("Boernehave ", "Duborg Børnehave"),
        ("Kurs ", "Kurse für alle"),
        ("Kitas", "Kita Sonnenschein"),
    ],
)
def test_plurals_and_spellings_the_stemmer_misses_find_the_offer(typed: str, offer: str) -> None:
    offers("Kita Sonnenschein", "Familienzentrum Nord", "Café Nord")
    offers("Duborg Børnehave", "Kurse für alle", "Omas Küche")
    assert offer in found(typed)


def test_an_s_after_a_diphthong_stays() -> None:
    assert (stem("haus"), stem("preis"), stem("kitas"), stem("kurse")) == (
        "haus",
        "preis",
        "kita",
        "kur",
    )
