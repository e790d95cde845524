"""The one offer search: text with German stemming, prefixes and phrases, categories,
districts, distance, accessibility, cost, opening hours, language, staleness, ranking,
suggestions, searches without results, and its query budget."""

from __future__ import annotations

import datetime as dt
import math
import zoneinfo
from collections.abc import Iterator, Sequence
from decimal import Decimal
from typing import Any

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from sozialraum.accounts.tests.factories import OrganisationFactory, UserFactory
from sozialraum.directory.models import (
    Category,
    Fee,
    Offer,
    OfferSearchEntry,
    OfferTerm,
    Place,
    SearchMiss,
)
from sozialraum.directory.search import (
    NEED_BITS,
    OfferQuery,
    offer_index_rebuild,
    offer_index_update,
    offer_search,
    offer_search_ids,
    search_miss_record,
)
from sozialraum.directory.search.plan import DEGREE_M
from sozialraum.directory.search.text import text_terms
from sozialraum.directory.services import (
    OfferData,
    PlaceData,
    offer_confirm,
    offer_create,
    offer_update,
    place_upsert,
)
from sozialraum.directory.tests.factories import square_district
from sozialraum.districts.lookup import lookup_cache_clear
from sozialraum.districts.models import DistrictKind
from sozialraum.lib.geo import haversine_m

pytestmark = pytest.mark.django_db

CENTRE = (54.79, 9.43)


@pytest.fixture(autouse=True)
def fresh_lookup() -> Iterator[None]:
    lookup_cache_clear()
    yield
    lookup_cache_clear()


def place(
    north_m: float = 0.0, east_m: float = 0.0, *, at: tuple[float, float] = CENTRE, **data: Any
) -> Place:
    """A place ``north_m``/``east_m`` metres from ``at`` (equirectangular offsets)."""
    lat = at[0] + north_m / DEGREE_M
    lon = at[1] + east_m / (DEGREE_M * math.cos(math.radians(at[0])))
    fields: PlaceData = {"name": data.pop("name", "Treffpunkt"), "latitude": lat, "longitude": lon}
    fields.update(data)  # type: ignore[typeddict-item]
    created, _outcome = place_upsert(data=fields)
    return created


def offer(
    name: str,
    *,
    places: Sequence[Place] = (),
    categories: Sequence[str] = (),
    confirmed: bool = True,
    **data: Any,
) -> Offer:
    """An offer written through the services (so indexed), confirmed unless told not."""
    offer_data: OfferData = {
        "name": name,
        "places": list(places),
        "categories": list(Category.objects.filter(code__in=categories)),
        **data,  # type: ignore[typeddict-item]
    }
    created = offer_create(provider=OrganisationFactory.create(), data=offer_data, source="test")
    if confirmed:
        offer_confirm(offer=created, user=UserFactory.create())
    return created


def found(**query: Any) -> list[str]:
    return [hit.offer.name for hit in offer_search(OfferQuery(**query)).hits]


# --- Text -----------------------------------------------------------------------------------


def test_a_plural_finds_the_singular_through_german_stemming() -> None:
    offer("Beratung für Familien")
    assert found(text="Beratungen ") == ["Beratung für Familien"]


def test_the_word_being_typed_matches_as_a_prefix() -> None:
    offer("Beratung für Familien")
    offer("Mittagstisch")
    assert found(text="Berat") == ["Beratung für Familien"]
    assert found(text="Mittagsti") == ["Mittagstisch"]
    assert found(text="Ber") == ["Beratung für Familien"]


def test_a_finished_word_is_not_a_prefix() -> None:
    offer("Beratung für Familien")
    assert found(text="Berat ") == ["Beratung für Familien"]
    assert found(text="Bera ") == []


def test_a_quoted_phrase_needs_its_words_next_to_each_other() -> None:
    offer("Beratung", description="Gesprächskreis für pflegende Angehörige")
    offer("Gesprächskreis", description="Angehörige von Menschen, die pflegende Hilfe brauchen")
    assert found(text='"pflegende Angehörige"') == ["Beratung"]
    assert sorted(found(text="pflegende Angehörige ")) == ["Beratung", "Gesprächskreis"]


def test_text_matches_categories_provider_and_address() -> None:
    offer(
        "Treff am Hafen",
        categories=["lunch_table"],
        places=[place(street_address="Norderstraße 5")],
    )
    assert found(text="Mittagstisch") == ["Treff am Hafen"]
    assert found(text="Norderstraße ") == ["Treff am Hafen"]


def test_search_text_is_split_into_words_phrases_and_the_prefix() -> None:
    terms = text_terms('Hilfe "pflegende Angehörige" und Bera')
    assert terms.words == ("hilfe",)
    assert terms.phrases == (("pflegende", "angehörige"),)
    assert terms.prefix == "bera"


# --- Filters --------------------------------------------------------------------------------


def test_a_parent_category_includes_its_children() -> None:
    offer("Pflegestützpunkt", categories=["care_counselling"])
    offer("Mittagstisch", categories=["lunch_table"])
    assert found(categories=("counselling",)) == ["Pflegestützpunkt"]
    assert found(categories=("care_counselling",)) == ["Pflegestützpunkt"]
    assert sorted(found(categories=("counselling", "lunch_table"))) == [
        "Mittagstisch",
        "Pflegestützpunkt",
    ]


def test_a_district_includes_places_in_its_parts() -> None:
    city = square_district(9.40, 54.77, 0.1, kind=DistrictKind.CITY)
    quarter = square_district(9.42, 54.78, 0.02, kind=DistrictKind.QUARTER, parent=city)
    other = square_district(9.60, 54.77, 0.1, kind=DistrictKind.CITY)
    offer("Stadtteilcafé", places=[place()])
    offer("Anderswo", places=[place(at=(54.80, 9.65))])
    assert found(district=quarter) == ["Stadtteilcafé"]
    assert found(district=city) == ["Stadtteilcafé"]
    assert found(district=other) == ["Anderswo"]


def test_the_radius_is_exact_at_its_edge() -> None:
    inside = place(north_m=998, name="innen")
    outside = place(north_m=1002, name="außen")
    diagonal_in = place(north_m=700, east_m=700, name="diagonal")
    offer("Innen", places=[inside])
    offer("Außen", places=[outside])
    offer("Diagonal", places=[diagonal_in])
    result = offer_search(OfferQuery(near=CENTRE, radius_m=1000))
    assert sorted(hit.offer.name for hit in result.hits) == ["Diagonal", "Innen"]
    for hit in result.hits:
        assert hit.place is not None and hit.distance_m is not None
        expected = haversine_m(*CENTRE, hit.place.latitude or 0, hit.place.longitude or 0)
        assert hit.distance_m == pytest.approx(expected, abs=0.5)


def test_an_offer_at_several_places_appears_once_with_its_nearest_place() -> None:
    near, far = place(north_m=300, name="nah"), place(north_m=3000, name="fern")
    offer("Zwei Orte", places=[far, near])
    result = offer_search(OfferQuery(near=CENTRE, radius_m=5000))
    assert result.total == 1
    assert result.hits[0].place == near


@pytest.mark.parametrize(
    ("need", "fact"),
    [
        ("step_free", {"step_free_entrance": True}),
        ("wheelchair", {"wheelchair": "yes"}),
        ("accessible_toilet", {"accessible_toilet": True}),
        ("hearing_loop", {"hearing_loop": True}),
        ("easy_language", {"easy_language_material": True}),
        ("guide_dogs", {"guide_dogs_welcome": True}),
        ("disabled_parking", {"disabled_parking": True}),
    ],
)
def test_each_accessibility_need_finds_only_places_known_to_meet_it(
    need: str, fact: dict[str, Any]
) -> None:
    offer("Erfüllt", places=[place(**fact)])
    offer("Unbekannt", places=[place()])
    offer("Ohne Ort")
    assert found(needs=frozenset({need})) == ["Erfüllt"]


def test_limited_wheelchair_access_does_not_meet_the_wheelchair_need() -> None:
    offer("Teilweise", places=[place(wheelchair="limited", step_free_entrance=True)])
    assert found(needs=frozenset({"wheelchair"})) == []
    assert found(needs=frozenset({"step_free"})) == ["Teilweise"]


def test_every_need_given_is_required() -> None:
    offer("Beides", places=[place(hearing_loop=True, accessible_toilet=True)])
    offer("Eines", places=[place(hearing_loop=True)])
    assert found(needs=frozenset({"hearing_loop", "accessible_toilet"})) == ["Beides"]
    assert set(NEED_BITS) == {
        "step_free",
        "wheelchair",
        "accessible_toilet",
        "hearing_loop",
        "easy_language",
        "guide_dogs",
        "disabled_parking",
    }


def test_an_unknown_need_is_refused() -> None:
    with pytest.raises(ValueError, match="Unknown accessibility needs"):
        offer_search(OfferQuery(needs=frozenset({"teleport"})))


def test_max_cost_finds_free_offers_and_offers_with_a_price_within_it() -> None:
    offer(
        "Mittagstisch",
        fee=Fee.PAID,
        cost_options=[
            {"amount": Decimal("3"), "option": "Geringes Einkommen"},
            {"amount": Decimal("4"), "option": "Alle anderen"},
        ],
    )
    offer("Spielplatz", fee=Fee.FREE)
    offer("Kochkurs", fee=Fee.PAID, cost_options=[{"amount": Decimal("12")}])
    offer("Unbekannt")
    assert sorted(found(max_cost=Decimal("3"))) == ["Mittagstisch", "Spielplatz"]
    assert found(max_cost=Decimal("2.99")) == ["Spielplatz"]
    assert found(max_cost=Decimal("0")) == ["Spielplatz"]


def test_open_at_evaluates_opening_hours() -> None:
    offer("Mittagstisch", opening_hours="Mo-Fr 12:00-14:00")
    offer("Abendtreff", opening_hours="Tu 18:00-21:00")
    offer("Ohne Zeiten")
    berlin = zoneinfo.ZoneInfo("Europe/Berlin")
    tuesday = dt.datetime(2025, 3, 4, 13, 0, tzinfo=berlin)
    assert found(open_at=tuesday) == ["Mittagstisch"]
    assert found(open_at=tuesday.replace(hour=19)) == ["Abendtreff"]
    assert found(open_at=tuesday.replace(hour=23)) == []
    result = offer_search(OfferQuery(open_at=tuesday, limit=0))
    assert (result.hits, result.total) == ([], 1)


def test_language_finds_offers_in_that_language() -> None:
    offer("Sprachcafé", languages=["de", "tr", "ar"])
    offer("Lesekreis", languages=["de"])
    assert found(language="tr") == ["Sprachcafé"]
    assert sorted(found(language="de")) == ["Lesekreis", "Sprachcafé"]


def test_stale_offers_are_hidden_unless_asked_for() -> None:
    fresh = offer("Frisch")
    old = offer("Veraltet")
    offer("Nie bestätigt", confirmed=False)
    Offer.objects.filter(pk=old.pk).update(
        last_confirmed_at=timezone.now() - dt.timedelta(days=400)
    )
    offer_index_update([old.pk, fresh.pk])
    assert found() == ["Frisch"]
    assert found(include_stale=True) == ["Frisch", "Nie bestätigt", "Veraltet"]


def test_the_stale_limit_follows_the_setting(settings: Any) -> None:
    old = offer("Veraltet")
    Offer.objects.filter(pk=old.pk).update(last_confirmed_at=timezone.now() - dt.timedelta(days=40))
    offer_index_update([old.pk])
    settings.OFFER_STALE_DAYS = 30
    assert found() == []
    settings.OFFER_STALE_DAYS = 50
    assert found() == ["Veraltet"]


# --- Ranking --------------------------------------------------------------------------------


def test_a_match_in_the_name_ranks_above_a_match_in_the_description() -> None:
    offer("Treffpunkt am Markt", description="Unser Seniorentreff für alle ab 60")
    offer("Seniorentreff Mürwik", description="Kaffee und Kuchen")
    assert found(text="Seniorentreff ") == ["Seniorentreff Mürwik", "Treffpunkt am Markt"]


def test_for_equal_text_the_nearer_offer_ranks_first() -> None:
    offer("Lesecafé Nord", places=[place(north_m=2000)])
    offer("Lesecafé Süd", places=[place(north_m=-500)])
    result = offer_search(OfferQuery(text="Lesecafé", near=CENTRE))
    assert [hit.offer.name for hit in result.hits] == ["Lesecafé Süd", "Lesecafé Nord"]
    assert result.hits[0].rank > result.hits[1].rank


def test_offer_search_ids_gives_the_raw_page() -> None:
    first = offer("Lesecafé", places=[place(north_m=100)])
    rows = offer_search_ids(OfferQuery(text="Lesecafé", near=CENTRE, radius_m=500))
    assert len(rows) == 1
    offer_id, distance, rank = rows[0]
    assert offer_id == first.pk and distance == pytest.approx(100, abs=0.5) and rank > 0


def test_pages_follow_each_other_and_the_total_counts_them_all() -> None:
    for number in range(5):
        offer(f"Kurs {number}")
    first = offer_search(OfferQuery(limit=2))
    second = offer_search(OfferQuery(limit=2, offset=2))
    beyond = offer_search(OfferQuery(limit=2, offset=10))
    assert [hit.offer.name for hit in first.hits + second.hits] == [f"Kurs {n}" for n in range(4)]
    assert (first.total, second.total, beyond.total, beyond.hits) == (5, 5, 5, [])


# --- Suggestions ----------------------------------------------------------------------------


def test_an_empty_result_suggests_a_wider_radius_with_its_count() -> None:
    offer("Mittagstisch", places=[place(north_m=1500)])
    offer("Mittagstisch West", places=[place(east_m=-4000)])
    result = offer_search(OfferQuery(near=CENTRE, radius_m=1000))
    assert result.total == 0
    radius = [(s.query.radius_m, s.count) for s in result.suggestions if s.kind == "radius"]
    assert radius == [(2000, 1), (5000, 2)]


def test_a_tiny_result_suggests_dropping_the_category_and_the_last_word() -> None:
    offer("Mittagstisch", categories=["lunch_table"])
    offer("Mittagstisch im Quartier", categories=["meeting_place"])
    offer("Mittagstisch am Hafen", categories=["meeting_place"])
    by_kind = {
        s.kind: (s.query, s.count)
        for s in offer_search(
            OfferQuery(text="Mittagstisch Hafen", categories=("lunch_table",))
        ).suggestions
    }
    assert by_kind["category"][1] == 1
    assert by_kind["text"][0].text.strip() == "Mittagstisch"
    assert by_kind["text"][1] == 1
    assert "radius" not in by_kind


def test_enough_results_bring_no_suggestions() -> None:
    for number in range(3):
        offer(f"Kurs {number}")
    assert offer_search(OfferQuery()).suggestions == []


# --- Searches without results ---------------------------------------------------------------


def test_a_search_miss_keeps_no_personal_data() -> None:
    district = square_district(9.40, 54.77, 0.1)
    query = OfferQuery(
        text="Schachclub  ",
        near=(54.7912345, 9.4312345),
        radius_m=2000,
        needs=frozenset({"wheelchair"}),
        categories=("culture_education",),
    )
    miss = search_miss_record(query=query, district=district)
    miss.refresh_from_db()
    assert {f.name for f in SearchMiss._meta.get_fields()} == {
        "id",
        "district",
        "query_text",
        "filters",
        "at",
    }
    assert (miss.district, miss.query_text) == (district, "Schachclub")
    assert miss.filters == {
        "categories": ["culture_education"],
        "needs": ["wheelchair"],
        "near": True,
        "radius_m": 2000,
    }
    assert "54.79" not in str(miss.filters)


# --- Index maintenance and query budget ------------------------------------------------------


def test_editing_an_offer_updates_the_index() -> None:
    spot = place()
    created = offer("Mittagstisch", places=[spot])
    offer_update(offer=created, data={"name": "Frühstückstreff"}, source="test")
    assert found(text="Mittagstisch") == []
    assert found(text="Frühstück") == ["Frühstückstreff"]


def test_place_upsert_reindexes_the_offers_at_the_place() -> None:
    spot, _ = place_upsert(
        external_id="test:spot", data={"name": "Treff", "latitude": 54.79, "longitude": 9.43}
    )
    offer("Mittagstisch", places=[spot])
    assert found(needs=frozenset({"hearing_loop"})) == []
    place_upsert(external_id="test:spot", data={"hearing_loop": True})
    assert found(needs=frozenset({"hearing_loop"})) == ["Mittagstisch"]


def test_rebuilding_the_index_is_idempotent(capsys: pytest.CaptureFixture[str]) -> None:
    offer("Mittagstisch", places=[place(), place(north_m=50)])
    offer("Lesecafé")
    before = found(text="Mittagstisch")
    assert offer_index_rebuild() == (2, 3)
    call_command("rebuild_search_index")
    assert "2 offers, 3 entries" in capsys.readouterr().out
    assert found(text="Mittagstisch") == before == ["Mittagstisch"]
    assert OfferSearchEntry.objects.count() == 3


@pytest.mark.django_db(transaction=True)
def test_a_rebuild_leaves_the_postgres_index_tables_all_visible() -> None:
    """Index-only reads of the postings need their pages marked all-visible, which a
    rebuild outside a transaction does at once (VACUUM) instead of leaving it to
    autovacuum."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL's visibility map; SQLite has none")
    offer("Mittagstisch", places=[place()])
    offer_index_rebuild()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relname, relpages, relallvisible FROM pg_class WHERE relname IN (%s, %s)",
            [OfferTerm._meta.db_table, OfferSearchEntry._meta.db_table],
        )
        tables = {name: (pages, visible) for name, pages, visible in cursor.fetchall()}
    assert len(tables) == 2
    assert all(pages > 0 and visible == pages for pages, visible in tables.values()), tables


def test_deleting_an_offer_removes_it_from_the_search() -> None:
    gone = offer("Mittagstisch")
    gone.delete()
    assert found(text="Mittagstisch") == []


@pytest.mark.parametrize("count", [3, 12])
def test_the_search_runs_a_fixed_number_of_queries_whatever_it_finds(
    count: int, django_assert_max_num_queries: Any
) -> None:
    for number in range(count):
        offer(
            f"Mittagstisch {number}",
            places=[place(north_m=number * 10)],
            categories=["lunch_table"],
            fee=Fee.PAID,
            cost_options=[{"amount": Decimal("3")}],
        )
    # The text plan, at most three rings (or two and the count), the offers with their
    # providers, categories, prices, and the places: eight, however many are found.
    with django_assert_max_num_queries(8):
        result = offer_search(OfferQuery(text="Mittagstisch", near=CENTRE, radius_m=5000))
    assert result.total == count
    with django_assert_max_num_queries(5):
        for hit in result.hits:
            assert [c.code for c in hit.offer.categories.all()] == ["lunch_table"]
            assert hit.offer.min_cost == Decimal("3")
            assert hit.offer.provider.name
            assert hit.place is not None


def test_a_search_that_finds_nothing_adds_one_count_query_per_widening(
    django_assert_max_num_queries: Any,
) -> None:
    offer("Mittagstisch", places=[place(north_m=3000)], categories=["lunch_table"])
    query = OfferQuery(
        text="Mittagstisch Hafen", categories=("care_relief",), near=CENTRE, radius_m=2000
    )
    with django_assert_max_num_queries(1 + 4):
        result = offer_search(query)
    assert (result.total, [s.kind for s in result.suggestions]) == (0, [])
