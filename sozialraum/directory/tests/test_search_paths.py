"""The search's fast paths give exactly what ranking every match gives: a single word
read in weight order, several words driven by the rarest, a prefix merged over its
expansions, text read from the postings around a point, and the growing rings; plus the
ranked term index's figures, the idf weighting and the capped total."""

from __future__ import annotations

import random
from typing import Any

import pytest
from django.utils import timezone

from sozialraum.accounts.tests.factories import OrganisationFactory
from sozialraum.directory.models import (
    Offer,
    OfferSearchStats,
    OfferSearchTerm,
    OfferSearchTermCategory,
    OfferTerm,
)
from sozialraum.directory.search import OfferQuery, offer_index_rebuild, offer_search
from sozialraum.directory.search import sql as search_sql
from sozialraum.directory.search.plan import DEGREE_M, TextPlan, entry_filters, text_plan
from sozialraum.directory.search.sql import ranked_page
from sozialraum.directory.search.text import stem, text_terms
from sozialraum.directory.services import offer_create, offer_update, place_upsert
from sozialraum.directory.tests.conftest import CENTRE, page_ids
from sozialraum.directory.tests.factories import CategoryFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("fresh_lookup")]

QUERIES: list[dict[str, Any]] = [
    {"text": "Nachbarschaft "},
    {"text": "Boule "},
    {"text": "Familien Garten "},
    {"text": "Senioren Beratung Musik "},
    {"text": "Be"},
    {"text": "Ga"},
    {"text": "Familien Be"},
    {"text": '"Familien Garten"'},
    {"near": CENTRE, "radius_m": 6000},
    {"text": "Nachbarschaft ", "near": CENTRE, "radius_m": 9000},
    {"text": "Senioren ", "near": CENTRE},
    {"text": "Familien Musik ", "near": CENTRE, "radius_m": 12000},
    {"text": "Be", "near": CENTRE, "radius_m": 12000},
    {"text": "Bewegung ", "near": CENTRE, "radius_m": 12000, "needs": frozenset({"step_free"})},
]


@pytest.mark.parametrize("limit", [1, 5, 20])
@pytest.mark.parametrize("driven_by_text", [True, False])
def test_every_fast_path_finds_the_same_page_as_ranking_every_match(
    offers: list[Offer], limit: int, driven_by_text: bool, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Small rings, so that a few kilometres take several; all or no text from its postings.
    monkeypatch.setattr(search_sql, "_MIN_RING_M", 50.0)
    monkeypatch.setattr(search_sql, "_OPEN_RINGS", (300, 1200, 4800, None))
    monkeypatch.setattr(search_sql, "TEXT_DRIVEN_MAX", 10**9 if driven_by_text else 0)
    checked = 0
    for kwargs in QUERIES:
        query = OfferQuery(**kwargs, limit=limit, include_stale=True)
        expected = page_ids(query, everything=True)[:limit]
        assert page_ids(query) == expected, kwargs
        checked += bool(expected)
    assert checked >= len(QUERIES) - 2


def test_the_rings_stop_early_when_nothing_further_out_can_rank_higher(
    offers: list[Offer], monkeypatch: pytest.MonkeyPatch, django_assert_max_num_queries: Any
) -> None:
    monkeypatch.setattr(search_sql, "_MIN_RING_M", 50.0)
    monkeypatch.setattr(search_sql, "TEXT_DRIVEN_MAX", 0)
    query = OfferQuery(near=CENTRE, radius_m=16_000, limit=1, include_stale=True)
    assert search_sql.search_rings(16_000) == (1000.0, 4000.0, 16_000.0)
    # The nearest offer lies within 4 km: two rings and the count, never the third ring.
    with django_assert_max_num_queries(3):
        page = ranked_page(query, timezone.now())
    assert page.rows[0][2] is not None and page.rows[0][2] < 4000
    assert page.total == 60


def test_the_total_is_exact_up_to_the_cap_and_a_lower_bound_beyond(
    offers: list[Offer], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(search_sql, "COUNT_CAP", 10)
    everyone = offer_search(OfferQuery(text="Nachbarschaft ", limit=2, include_stale=True))
    matching = len(page_ids(OfferQuery(text="Nachbarschaft ", include_stale=True), everything=True))
    assert matching > 10
    assert (everyone.total, everyone.total_exact) == (10, False)
    provider = OrganisationFactory.create()
    for number in range(3):
        offer_create(provider=provider, data={"name": f"Klöppeln {number}"}, source="test")
    few = offer_search(OfferQuery(text="Klöppeln ", limit=2, include_stale=True))
    assert (few.total, few.total_exact, len(few.hits)) == (3, True, 2)
    deep = offer_search(OfferQuery(text="Nachbarschaft ", limit=5, offset=10, include_stale=True))
    # Counted to the page's end: 15 offers at least, and more beyond.
    assert (deep.total, deep.total_exact, len(deep.hits)) == (15, False, 5)


def test_a_rare_word_weighs_more_than_a_frequent_one() -> None:
    provider = OrganisationFactory.create()
    for number in range(8):
        offer_create(provider=provider, data={"name": f"Nachbarschaft {number}"}, source="t")
    offer_create(provider=provider, data={"name": "Boule"}, source="t")
    plan = text_plan(text_terms("Nachbarschaft Boule "))
    idf = {term: weight for term, weight, _count in plan.words}
    assert idf[stem("boule")] > idf[stem("nachbarschaft")] > 0


def test_a_word_nobody_uses_finds_nothing_without_reading_postings(
    offers: list[Offer], django_assert_num_queries: Any
) -> None:
    # The vocabulary, then its parts and near words (nothing to repair it with).
    with django_assert_num_queries(2):
        page = ranked_page(OfferQuery(text="Zeppelin "), timezone.now())
    assert (page.rows, page.total, page.exact) == ([], 0, True)


def test_the_word_being_typed_expands_to_the_stems_of_whole_words() -> None:
    provider = OrganisationFactory.create()
    offer_create(provider=provider, data={"name": "Häuserberatung"}, source="t")
    for typed in ("Häuserber", "häuser", "Haus"):
        plan: TextPlan = text_plan(text_terms(typed))
        assert plan.prefix, typed
    # Never confirmed, so hidden from residents; found where stale offers are shown.
    assert offer_search(OfferQuery(text="Häuserbera")).hits == []
    found = offer_search(OfferQuery(text="Häuserbera", include_stale=True))
    assert [hit.offer.name for hit in found.hits] == ["Häuserberatung"]


def test_updates_keep_the_term_figures_equal_to_a_rebuild(offers: list[Offer]) -> None:
    for number, offer in enumerate(offers[:10]):
        offer_update(offer=offer, data={"name": f"Boule Musik {number}"}, source="test")

    def figures() -> tuple[dict[str, int], int, list[tuple[Any, ...]]]:
        terms = dict(OfferSearchTerm.objects.filter(offers__gt=0).values_list("term", "offers"))
        stats = OfferSearchStats.objects.get()
        postings = sorted(OfferTerm.objects.values_list("offer_id", "term"))
        return terms, stats.offers, postings

    updated = figures()
    offer_index_rebuild()
    assert figures() == updated
    assert updated[1] == 60


def test_a_phrase_is_found_by_its_pairs_and_a_prefix_never_expands_to_pairs() -> None:
    provider = OrganisationFactory.create()
    for name in ("Beratung für Demenz", "Demenz und Beratung", "Beratung Pflege Demenz"):
        offer_create(provider=provider, data={"name": name}, source="test")
    plan = text_plan(text_terms('"Beratung für Demenz"'))
    assert [term for term, _idf, _count in plan.words] == [f"{stem('beratung')} demenz"]
    found = offer_search(OfferQuery(text='"Beratung Demenz"', include_stale=True))
    assert [hit.offer.name for hit in found.hits] == ["Beratung für Demenz"]
    typed = text_plan(text_terms("Bera"))
    assert typed.prefix and all(" " not in term for term in typed.prefix)


def test_after_a_full_ring_the_search_looks_only_as_far_as_an_offer_could_still_rank(
    offers: list[Offer], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Rings 1, 4 and 16 km: when a ring holds a full page whose last rank an offer further
    # out could still beat, the next look reaches just as far as such an offer can be.
    monkeypatch.setattr(search_sql, "_MIN_RING_M", 50.0)
    monkeypatch.setattr(search_sql, "TEXT_DRIVEN_MAX", 0)
    looked: list[float | None] = []
    ring_statement = search_sql.ring_statement

    def recording(plan: TextPlan, filters: Any, radius: float | None, *args: Any, **kw: Any) -> Any:
        looked.append(radius)
        return ring_statement(plan, filters, radius, *args, **kw)

    monkeypatch.setattr(search_sql, "ring_statement", recording)
    reached = 0
    for text in ("", "Nachbarschaft ", "Familien ", "Be"):
        for limit in (1, 3, 8):
            looked.clear()
            query = OfferQuery(
                text=text, near=CENTRE, radius_m=16_000, limit=limit, include_stale=True
            )
            assert page_ids(query) == page_ids(query, everything=True)[:limit], (text, limit)
            fast = looked[:-1]  # the last look is the exhaustive ranking's
            rings = (1000.0, 4000.0, 16_000.0)
            reach = [radius for radius in fast if radius not in rings]
            if reach:
                # One look at the reach, beyond the ring before it and nearer than twice
                # the next one, ends the search.
                assert len(reach) == 1 and fast[-1] == reach[0], fast
                before, look = fast[-2], reach[0]
                assert before in rings[:-1] and look is not None
                assert before < look < 2 * rings[rings.index(before) + 1]
            reached += bool(reach)
    assert reached >= 2


def test_a_category_filter_bounds_the_rings_by_the_words_weight_in_those_categories(
    monkeypatch: pytest.MonkeyPatch, django_assert_max_num_queries: Any
) -> None:
    """ "Familien" in a category's name weighs far more in that category's offers than in
    any description; a search in another category need not look as far for them."""
    monkeypatch.setattr(search_sql, "_MIN_RING_M", 50.0)
    monkeypatch.setattr(search_sql, "TEXT_DRIVEN_MAX", 0)
    provider = OrganisationFactory.create()
    families = CategoryFactory.create(code="test_families", name="Familien Familien")
    counselling = CategoryFactory.create(code="test_counselling", name="Beratung")
    rng = random.Random(7)

    def place(metres: float) -> Any:
        spot, _ = place_upsert(
            data={"name": "Ort", "latitude": CENTRE[0] + metres / DEGREE_M, "longitude": CENTRE[1]}
        )
        return spot

    for number in range(12):
        offer_create(
            provider=provider,
            data={
                "name": f"Treff {number}",
                "description": "für Familien",
                "categories": [counselling],
                "places": [place(rng.uniform(0, 900))],
            },
            source="test",
        )
    for number in range(12):
        offer_create(
            provider=provider,
            data={
                "name": f"Spielgruppe {number}",
                "categories": [families],
                "places": [place(rng.uniform(1200, 7000))],
            },
            source="test",
        )
    query = OfferQuery(
        text="Familien ",
        near=CENTRE,
        radius_m=16_000,
        categories=("test_counselling",),
        limit=5,
        include_stale=True,
    )
    plan = text_plan(text_terms(query.text))
    filters = entry_filters(query, timezone.now())
    narrowed = search_sql.category_bound(plan, filters)
    assert 0 < narrowed < plan.bound / 2
    # The first ring (1 km) holds five counselling offers; any offer further out must be
    # a counselling offer too, whose weight the narrowed bound knows: the plan, that ring,
    # the category bound, and no second ring (the ring's own total is below the cap, so
    # one count).
    with django_assert_max_num_queries(4):
        page = ranked_page(query, timezone.now())
    assert page_ids(query) == page_ids(query, everything=True)[:5]
    assert page.total == 12 and page.exact


def test_the_category_top_weights_are_raised_by_updates_and_settled_by_a_rebuild() -> None:
    provider = OrganisationFactory.create()
    first = CategoryFactory.create(code="test_first", name="Musik")
    second = CategoryFactory.create(code="test_second", name="Garten")
    offer = offer_create(
        provider=provider,
        data={"name": "Boule", "categories": [first]},
        source="test",
    )

    def tops() -> dict[tuple[str, int], float]:
        rows = OfferSearchTermCategory.objects.values_list("term", "category_id", "top_weight")
        return {(term, category): round(weight, 9) for term, category, weight in rows}

    assert (stem("boule"), first.pk) in tops()
    offer_update(offer=offer, data={"categories": [first, second]}, source="test")
    updated = tops()
    assert (stem("boule"), second.pk) in updated and (stem("garten"), second.pk) in updated
    offer_index_rebuild()
    rebuilt = tops()
    # A rebuild agrees on every pair, and any pair an update left behind only ever bounds
    # from above.
    assert all(updated[pair] >= weight for pair, weight in rebuilt.items())
    assert {pair: updated[pair] for pair in rebuilt} == rebuilt
