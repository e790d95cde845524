"""The words people type: plural forms the Snowball stemmer misses, compounds in both
directions, typos with "Meinten Sie …?", synonyms kept by administrators, and the
widening suggestions that drop filters."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Iterator
from typing import Any

import pytest
from django.urls import reverse

from sozialraum.accounts.tests.factories import (
    OrganisationFactory,
    platform_operator,
    signed_in_client,
    user_with_role,
)
from sozialraum.directory.forms import query_params
from sozialraum.directory.models import Offer, OfferTerm, SearchSynonym
from sozialraum.directory.search import OfferQuery, offer_index_rebuild, offer_search
from sozialraum.directory.search.text import stem
from sozialraum.directory.services import offer_create
from sozialraum.directory.tests.factories import square_district
from sozialraum.directory.tests.test_search import offer as confirmed_offer
from sozialraum.directory.tests.test_search import place
from sozialraum.districts.lookup import lookup_cache_clear
from sozialraum.lib.access import Role

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


# --- Synonyms ---------------------------------------------------------------------------------


def test_a_seeded_synonym_finds_the_offers_of_its_words_below_those_using_it() -> None:
    assert SearchSynonym.objects.filter(word="Essen").exists(), "seeded by a migration"
    offers("Mittagstisch Nord", "Essen auf Rädern", "Kaffee und Kuchen")
    assert found("Essen ") == ["Essen auf Rädern", "Mittagstisch Nord"]
    assert found("Ess") == ["Essen auf Rädern", "Mittagstisch Nord"]
    offer_index_rebuild()
    assert found("Essen ") == ["Essen auf Rädern", "Mittagstisch Nord"]


def test_an_administrator_adds_and_deletes_a_synonym_and_the_offers_follow_at_once() -> None:
    offers("Spielenachmittag im Treff", "Lesestube")
    client = signed_in_client(platform_operator())
    response = client.post(
        reverse("admin:directory_searchsynonym_add"),
        {"word": "Spieleabend", "means": "Spielenachmittag, Brettspiele", "need": ""},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert found("Spieleabend ") == ["Spielenachmittag im Treff"]
    synonym = SearchSynonym.objects.get(word="Spieleabend")
    client.post(reverse("admin:directory_searchsynonym_delete", args=[synonym.pk]), {"post": "yes"})
    assert not SearchSynonym.objects.filter(word="Spieleabend").exists()
    assert found("Spieleabend ") == []


def test_a_synonym_is_one_word_per_entry_and_finds_or_suggests_something() -> None:
    client = signed_in_client(platform_operator())
    add = reverse("admin:directory_searchsynonym_add")
    two = client.post(add, {"word": "Essen gehen", "means": "Mittagstisch", "need": ""})
    assert "ist nicht ein einzelnes Wort" in two.content.decode()
    empty = client.post(add, {"word": "Nichts", "means": "", "need": ""})
    assert "Geben Sie die Wörter ein" in empty.content.decode()
    assert not SearchSynonym.objects.filter(word__in=["Essen gehen", "Nichts"]).exists()


def test_only_platform_operators_keep_the_synonyms() -> None:
    client = signed_in_client(user_with_role(Role.ADMIN))
    response = client.get(reverse("admin:directory_searchsynonym_changelist"))
    assert response.status_code in (302, 403)


# --- Widening: a word that means a filter, filters dropped one by one ---------------------------


def test_a_word_a_synonym_turns_into_a_filter_suggests_that_filter_with_its_count() -> None:
    assert SearchSynonym.objects.get(word="Rollstuhl").need == "wheelchair"
    step_free = place(name="Rampe", wheelchair="yes")
    confirmed_offer("Tagestreff", places=[step_free])
    confirmed_offer("Kellercafé", places=[place(name="Keller", wheelchair="no")])
    result = offer_search(OfferQuery(text="Rollstuhl"))
    assert result.total == 0
    (need,) = [s for s in result.suggestions if s.kind == "need"]
    assert (need.query.text, need.query.needs, need.count) == ("", {"wheelchair"}, 1)
    assert need.label == "Angebote mit dem Filter „Mit dem Rollstuhl nutzbar“ zeigen"


def test_each_filter_dropped_on_its_own_is_suggested_with_its_count() -> None:
    district = square_district(9.42, 54.78, name="Nordstadt", slug="nordstadt")
    tuesday = dt.datetime(2026, 12, 1, 12, 0, tzinfo=zoneinfo.ZoneInfo("Europe/Berlin"))
    inside = place(name="Innen", wheelchair="yes")
    outside = place(north_m=30_000, name="Außen", wheelchair="yes")
    confirmed_offer("Mittagstisch Mo", places=[inside], opening_hours="Mo 12:00-14:00")
    confirmed_offer("Mittagstisch Di", places=[inside], opening_hours="Tu 12:00-14:00")
    confirmed_offer("Mittagstisch Stufe", places=[place(name="Stufe", wheelchair="no")],
                    opening_hours="Tu 12:00-14:00")  # fmt: skip
    confirmed_offer("Mittagstisch weit", places=[outside], opening_hours="Tu 12:00-14:00")
    query = OfferQuery(
        text="Mittagstisch ",
        district=district,
        needs=frozenset({"wheelchair"}),
        open_at=tuesday.replace(hour=13),
    )
    result = offer_search(query)
    assert [hit.offer.name for hit in result.hits] == ["Mittagstisch Di"]
    by_kind = {s.kind: (s.count, s.query) for s in result.suggestions}
    assert by_kind["day"][0] == 2 and by_kind["day"][1].open_at is None
    assert by_kind["need"][0] == 2 and by_kind["need"][1].needs == frozenset()
    assert by_kind["district"][0] == 2 and by_kind["district"][1].district is None
    labels = {s.kind: s.label for s in result.suggestions}
    assert labels["need"] == "Ohne „Mit dem Rollstuhl nutzbar“ suchen"


def test_the_suggestion_links_keep_the_day_and_time() -> None:
    moment = dt.datetime(2026, 12, 1, 13, 30, tzinfo=zoneinfo.ZoneInfo("Europe/Berlin"))
    params = query_params(OfferQuery(text="Treff", open_at=moment))
    assert "day=1" in params and "time=13%3A30" in params
