"""The words people type: plural forms the Snowball stemmer misses, compounds in both
directions, typos with "Meinten Sie …?", synonyms kept by administrators, and the
widening suggestions that drop filters."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from sozialraum.accounts.tests.factories import OrganisationFactory
from sozialraum.directory.models import Offer, OfferTerm
from sozialraum.directory.search import OfferQuery, offer_index_rebuild, offer_search
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
    fields: Any = data
    return [
        offer_create(provider=provider, data={"name": name, **fields}, source="test")
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


def test_a_part_of_a_compound_finds_the_compound_below_the_word_itself() -> None:
    offers("Seniorengymnastik Nord", "Gymnastik am Morgen", "Senioren-Mittagstisch")
    offer_index_rebuild()  # the compound came before its parts: a rebuild splits it
    assert found("Gymnastik ") == ["Gymnastik am Morgen", "Seniorengymnastik Nord"]
    assert found("Gymnas") == ["Gymnastik am Morgen", "Seniorengymnastik Nord"]


def test_a_head_is_split_off_by_a_modifier_the_offers_use_alone() -> None:
    # No offer says "Gymnastik" alone: "Senioren" is what makes it a compound.
    offers("Seniorengymnastik Nord", "Senioren-Mittagstisch", "Bärengymnastik")
    offer_index_rebuild()
    assert found("Gymnastik ") == ["Seniorengymnastik Nord"]


def test_a_linking_element_is_taken_off_the_modifier() -> None:
    offers("Beratung zu Hause", "Beratungsstelle Mitte", "Ortsstelle")
    assert found("Stelle ") == ["Beratungsstelle Mitte"]


def test_a_compound_typed_finds_its_parts_written_apart() -> None:
    offers("Treff für Senioren", "Senioren-Mittagstisch", "Treff am Markt", "Stelle für Beratung")
    assert found("Seniorentreff ") == ["Treff für Senioren"]
    assert found("Beratungsstelle") == ["Stelle für Beratung"]


def test_updates_split_compounds_as_a_rebuild_does_once_the_words_are_known() -> None:
    offers("Senioren treffen sich", "Wald und Wiese")
    offers("Seniorengymnastik", "Waldkita Sonnenschein")

    def postings() -> list[tuple[int, str]]:
        return sorted(OfferTerm.objects.values_list("offer_id", "term"))

    updated = postings()
    assert {stem("gymnastik"), stem("kita")} <= {term for _offer, term in updated}
    offer_index_rebuild()
    assert postings() == updated


def test_a_typo_is_corrected_to_the_nearest_known_word_and_offered_as_did_you_mean() -> None:
    offers("Mittagstisch Nord", "Mittagstreff Süd", "Kita Sonnenschein")
    result = offer_search(OfferQuery(text="Mitagstisch", include_stale=True))
    assert [hit.offer.name for hit in result.hits] == ["Mittagstisch Nord"]
    assert result.did_you_mean is not None
    assert result.did_you_mean.query.text == "Mittagstisch"
    assert result.did_you_mean.label == "Meinten Sie „Mittagstisch“?"
    # Short words are not guessed at, nor a wrong first letter.
    assert found("Kta ") == []
    assert found("Nittagstisch ") == []
    # A known word is never corrected.
    assert offer_search(OfferQuery(text="Kita ", include_stale=True)).did_you_mean is None


def test_a_word_one_edit_away_wins_over_a_split_into_two_known_words() -> None:
    offers("Tagesstätte Weiche", "Stätte am Tag der Nachbarn")
    assert found("Tagestätte ") == ["Tagesstätte Weiche"]


def test_a_long_word_may_be_two_edits_away_a_short_one_only_one() -> None:
    offers("Pflegeberatung", "Kurse")
    assert found("Pflegebratugn ") == ["Pflegeberatung"]
    assert found("Kuse ") == []
    assert found("Krse ") == []
    assert found("Kusre ") == ["Kurse"]
