"""Several words without a point (:mod:`sozialraum.directory.search.topk`): the best
offers read a document at a time over the words' postings in weight order, stopping once
no offer not yet met can reach the page; every page equals ranking every match, the stop
comes exactly when the documented bound allows it, and the total stays bounded."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from sozialraum.accounts.tests.factories import OrganisationFactory
from sozialraum.directory.models import Offer
from sozialraum.directory.search import OfferQuery, offer_search, topk
from sozialraum.directory.search import sql as search_sql
from sozialraum.directory.search.plan import entry_filters, text_plan
from sozialraum.directory.search.text import text_terms
from sozialraum.directory.services import offer_create
from sozialraum.directory.tests.conftest import page_ids

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def small_lists(monkeypatch: pytest.MonkeyPatch) -> None:
    """The test data is small: every search of several words reads the top k."""
    monkeypatch.setattr(topk, "RANK_ALL_MAX", 0)


#: Several words, words with the word being typed, a phrase with a word, a filter.
QUERIES: list[dict[str, Any]] = [
    {"text": "Familien Garten "},
    {"text": "Nachbarschaft Familien "},
    {"text": "Nachbarschaft Senioren Beratung "},
    {"text": "Senioren Beratung Musik "},
    {"text": "Familien Be"},
    {"text": "Nachbarschaft Senioren Ga"},
    {"text": '"Familien Garten" Nachbarschaft '},
    {"text": "Nachbarschaft Familien ", "needs": frozenset({"step_free"})},
]


def _top_k(text: str, k: int, **kwargs: Any) -> topk.TopK:
    query = OfferQuery(text=text, include_stale=True, **kwargs)
    return topk.top_k(text_plan(text_terms(text)), entry_filters(query, timezone.now()), k)


@pytest.mark.parametrize("block", [1, 2, 7])
@pytest.mark.parametrize("limit", [1, 5, 20])
def test_several_words_find_the_same_page_as_ranking_every_match(
    offers: list[Offer], block: int, limit: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(topk, "FIRST_BLOCK", block)
    monkeypatch.setattr(topk, "GROWTH", 2)
    stopped_early = 0
    for kwargs in QUERIES:
        for offset in (0, 3):
            query = OfferQuery(**kwargs, limit=limit, offset=offset, include_stale=True)
            expected = page_ids(query, everything=True)[: offset + limit]
            assert expected, kwargs
            assert page_ids(query) == expected, (kwargs, offset)
        found = _top_k(kwargs["text"], limit, needs=kwargs.get("needs", frozenset()))
        stopped_early += not found.complete
    # Short pages are not all decided by a list running out.
    assert stopped_early >= 2 or limit == 20


def test_the_search_of_several_words_goes_through_the_top_k_reading(
    offers: list[Offer], monkeypatch: pytest.MonkeyPatch, django_assert_num_queries: Any
) -> None:
    monkeypatch.setattr(topk, "FIRST_BLOCK", 2)
    text = "Nachbarschaft Familien "
    alone = _top_k(text, 3)
    assert not alone.complete and alone.rounds >= 2
    query = OfferQuery(text=text, limit=3, include_stale=True)
    # The plan, one statement per round, the page's places, and the count (not every
    # match was met).
    with django_assert_num_queries(3 + alone.rounds):
        page = search_sql.ranked_page(query, timezone.now())
    assert [(offer, round(rank, 9)) for offer, *_rest, rank in page.rows] == page_ids(
        query, everything=True
    )[:3]
    assert all(place is not None for _offer, place, _d, _rank in page.rows)
    assert (page.total, page.exact) == (len(page_ids(query, everything=True)), True)


@pytest.fixture
def sport() -> list[Offer]:
    """Offers named "Sport Park" with one to five more words (the shorter the name, the
    higher both words weigh), and offers holding the two words only in their description."""
    provider = OrganisationFactory.create()
    extra = ["Mürwik", "Nord", "Ost", "Süd", "West"]
    created = []
    for length in range(6):
        name = " ".join(["Sport", "Park", *extra[:length]])
        created.append(offer_create(provider=provider, data={"name": name}, source="test"))
    for number in range(8):
        data: Any = {"name": f"Treff {number}", "description": "Sport im Park und Musik"}
        created.append(offer_create(provider=provider, data=data, source="test"))
    return created


def test_the_reading_stops_in_the_first_round_whose_bound_lies_below_the_kth_relevance(
    sport: list[Offer], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(topk, "FIRST_BLOCK", 1)
    monkeypatch.setattr(topk, "GROWTH", 2)
    # Round 1 reads "Sport Park" from both lists: its relevance equals the bound, and an
    # unseen offer of equal relevance (and a lower id) could still beat it: go on. Round 2
    # reads the next two of each; the bound falls below the first's relevance: stop.
    found = _top_k("Sport Park ", 1)
    assert [offer for offer, _relevance in found.best] == [sport[0].pk]
    assert (found.rounds, found.complete, found.matches) == (2, False, 3)
    # The first round reads as many as the page holds: the third equals the bound, so a
    # second round reads six more of each, and the bound falls below the third.
    found = _top_k("Sport Park ", 3)
    assert [offer for offer, _relevance in found.best] == [offer.pk for offer in sport[:3]]
    assert (found.rounds, found.complete, found.matches) == (2, False, 9)
    # Six offers named so, then the descriptions: after ten postings of each the tenth
    # equals the bound; the second round finds the lists' last four.
    found = _top_k("Sport Park ", 10)
    query = OfferQuery(text="Sport Park ", include_stale=True)
    expected = page_ids(query, everything=True)[:10]
    assert [(offer, round(rank, 9)) for offer, rank in found.best] == expected
    assert {offer for offer, _rank in expected} >= {offer.pk for offer in sport[:6]}
    assert (found.rounds, found.complete, found.matches) == (2, True, 14)


def test_the_bound_of_offers_not_yet_met_is_the_sum_of_the_last_weights_read(
    sport: list[Offer],
) -> None:
    plan = text_plan(text_terms("Sport Park "))
    last = {term: (1, 2.0 + number) for number, (term, _idf, _count) in enumerate(plan.words)}
    expected = sum(idf * last[term][1] for term, idf, _count in plan.words)
    assert topk.unseen_bound(plan, last) == pytest.approx(expected, rel=1e-11)
    assert topk.unseen_bound(plan, last) >= expected
    typed = text_plan(text_terms("Sport Mu"))
    assert typed.prefix_bound > 0
    last = {term: (1, 1.0) for term, _idf, _count in typed.words}
    assert topk.unseen_bound(typed, last) == pytest.approx(
        typed.words[0][1] + typed.prefix_bound, rel=1e-11
    )


def test_a_word_whose_postings_run_out_ends_the_reading_with_every_match_met(
    sport: list[Offer], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(topk, "FIRST_BLOCK", 4)
    # "Musik" is in the eight descriptions only: its postings run out in the second round
    # (4, then 16), and by then every match has been met.
    found = _top_k("Sport Musik ", 5)
    assert (found.rounds, found.complete, found.matches) == (2, True, 8)
    query = OfferQuery(text="Sport Musik ", limit=5, include_stale=True)
    assert page_ids(query) == page_ids(query, everything=True)[:5]
    result = offer_search(query)
    assert (result.total, result.total_exact) == (8, True)


def test_a_total_beyond_the_cap_stays_a_lower_bound(
    offers: list[Offer], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(topk, "FIRST_BLOCK", 2)
    monkeypatch.setattr(search_sql, "COUNT_CAP", 4)
    query = OfferQuery(text="Nachbarschaft Familien ", limit=2, include_stale=True)
    assert len(page_ids(query, everything=True)) > 4
    result = offer_search(query)
    assert (result.total, result.total_exact, len(result.hits)) == (4, False, 2)
