"""The offer search's index: keeping it current. The text analysis it stores is in
:mod:`.text`; how a search reads the index is in :mod:`.plan` and :mod:`.sql`; the public
reads are in :mod:`.selectors`.

The index is derived from offers, places, categories and prices:

- :class:`OfferSearchEntry`: one row per offer and place with what searches filter on
  (coordinates, district, accessibility bits, lowest price, languages, last confirmation).
- The ranked term index: :class:`OfferTerm` postings (a German Snowball stem, or a pair
  of neighbouring stems for phrases, with its precomputed weight per offer, see
  :func:`term_weights`), :class:`OfferSearchTerm` (how many offers hold a term, its
  highest weight), :class:`OfferSearchTermCategory` (its highest weight per category),
  :class:`OfferSearchWord` (whole words to their stems, for the word
  being typed) and :class:`OfferSearchStats` (collection figures). The search ranks from
  these alone, on both databases.
- :class:`OfferSearchText` with a full-text index over it (SQLite FTS5 fed with the stems
  computed here; PostgreSQL a ``tsvector`` of the ``german`` configuration). The search no
  longer reads it; it stays as the bare full-text query the benchmark measures the search
  against (its floor) and for full-text queries outside the search.

Writes through ``services.py`` call :func:`offer_index_update` (or
:func:`place_index_update`) after they change an offer or a place;
``rebuild_search_index`` rebuilds everything (nightly: it also settles the term figures
that deletions outside the services leave behind, and the average lengths the weights
normalise by).
"""

from __future__ import annotations

import contextlib
import itertools
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import connection, models, transaction
from django.db.models import Min

from ..models import (
    Category,
    CostOption,
    Fee,
    Offer,
    OfferSearchEntry,
    OfferSearchExpansion,
    OfferSearchStats,
    OfferSearchTerm,
    OfferSearchTermCategory,
    OfferSearchText,
    OfferSearchWord,
    OfferTerm,
    Place,
    Wheelchair,
)
from ..needs import NEED_BITS
from .expansions import expanded, expansions_add, expansions_of, expansions_settle, synonym_rows
from .tables import objects_insert, rows_insert, table_name
from .text import TERM_MAX_LENGTH, stem, stems, words

#: The place's boolean fact behind each need (wheelchair is graded: only "yes" counts).
_NEED_FIELDS: dict[str, str] = {
    "step_free": "step_free_entrance",
    "accessible_toilet": "accessible_toilet",
    "hearing_loop": "hearing_loop",
    "easy_language": "easy_language_material",
    "guide_dogs": "guide_dogs_welcome",
    "disabled_parking": "disabled_parking",
}
_BATCH = 2000
#: A rebuild reads and writes this many offers at a time.
_REBUILD_BATCH = 10_000
# --- Index maintenance ----------------------------------------------------------------------


def _chunks(ids: Sequence[int], size: int = _BATCH) -> Iterator[Sequence[int]]:
    for start in range(0, len(ids), size):
        yield ids[start : start + size]


def offer_index_update(offer_ids: Iterable[int]) -> int:
    """Rewrites the search index of the given offers (those deleted meanwhile drop out);
    returns how many offers were indexed. Call after writing offers, their categories,
    places or prices."""
    ids = sorted(set(offer_ids))
    indexed = 0
    with transaction.atomic():
        for chunk in _chunks(ids):
            _terms_forget(chunk)
            OfferSearchEntry.objects.filter(offer_id__in=chunk).delete()
            OfferSearchText.objects.filter(offer_id__in=chunk).delete()
            indexed += _index_write(chunk)
    return indexed


def place_index_update(place_ids: Iterable[int]) -> int:
    """Re-indexes the offers at the given places (after a place's address, coordinates,
    district or accessibility changed)."""
    through = Offer.places.through.objects.filter(place_id__in=list(place_ids))
    return offer_index_update(through.values_list("offer_id", flat=True))


#: The index's tables, in the order a rebuild empties them.
_INDEX_MODELS: tuple[type[models.Model], ...] = (
    OfferSearchEntry,
    OfferSearchText,
    OfferTerm,
    OfferSearchTerm,
    OfferSearchTermCategory,
    OfferSearchWord,
    OfferSearchExpansion,
    OfferSearchStats,
)


def offer_index_rebuild() -> tuple[int, int]:
    """Empties and rebuilds the whole search index; returns (offers, entries) indexed.
    Idempotent. Outside a transaction, PostgreSQL's index tables are vacuumed afterwards
    (:func:`_index_vacuum`)."""
    counts = _index_rebuild()
    _index_vacuum()
    return counts


def _index_vacuum() -> None:
    """``VACUUM (ANALYZE)`` of the index's tables on PostgreSQL, unless inside a
    transaction (where it cannot run). A rebuild writes every posting anew, and until
    their pages are marked all-visible, PostgreSQL reads the table's rows beside each
    index entry; the search reads its postings and its entries near a point from indexes
    alone once they are (at 100,000 offers, the benchmark mix's p95 fell from 20 to 12 ms
    on one machine). Autovacuum gets there too, but minutes later."""
    if connection.vendor != "postgresql" or connection.in_atomic_block:
        return
    with connection.cursor() as cursor:
        cursor.execute(
            f"VACUUM (ANALYZE) {', '.join(table_name(model) for model in _INDEX_MODELS)}"
        )


def _index_rebuild() -> tuple[int, int]:
    with transaction.atomic():
        for model in _INDEX_MODELS:
            model._default_manager.all().delete()
        ids = list(Offer.objects.order_by("pk").values_list("pk", flat=True))
        seen: dict[str, str] = {}
        with _weight_order_dropped():
            for chunk in _chunks(ids, _REBUILD_BATCH):
                _index_write(chunk, words=seen)
            rows_insert(OfferSearchWord, ("word", "stem"), sorted(seen.items()))
            expansions_settle()
        _terms_settle()
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute(
                    "INSERT INTO directory_offer_fts(directory_offer_fts) VALUES ('optimize')"
                )
        return len(ids), OfferSearchEntry.objects.count()


@dataclass
class _Batch:
    """What the index needs of a batch of offers, read with a few queries."""

    offers: list[dict[str, Any]]
    categories: dict[int, list[str]] = field(default_factory=lambda: defaultdict(list))
    category_ids: dict[int, list[int]] = field(default_factory=lambda: defaultdict(list))
    places: dict[int, list[Place]] = field(default_factory=lambda: defaultdict(list))
    min_costs: dict[int, Decimal] = field(default_factory=dict)


def _batch_read(offer_ids: Sequence[int]) -> _Batch:
    fields = ("pk", "name", "description", "languages", "fee", "last_confirmed_at")
    offers = Offer.objects.filter(pk__in=offer_ids).values(
        *fields, "opening_hours", "provider__name"
    )
    batch = _Batch(list(offers))
    names = dict(Category.objects.values_list("pk", "name"))
    category_links = Offer.categories.through.objects.filter(offer_id__in=offer_ids)
    for offer_id, category_id in category_links.values_list("offer_id", "category_id"):
        batch.categories[offer_id].append(names[category_id])
        batch.category_ids[offer_id].append(category_id)
    place_links = list(
        Offer.places.through.objects.filter(offer_id__in=offer_ids).values_list(
            "offer_id", "place_id"
        )
    )
    places = Place.objects.in_bulk({place_id for _offer, place_id in place_links})
    for offer_id, place_id in place_links:
        batch.places[offer_id].append(places[place_id])
    costs = CostOption.objects.filter(offer_id__in=offer_ids).values("offer_id")
    batch.min_costs = {
        row["offer_id"]: row["lowest"] for row in costs.annotate(lowest=Min("amount"))
    }
    return batch


def _index_write(offer_ids: Sequence[int], *, words: dict[str, str] | None = None) -> int:
    """Indexes the offers; ``words``: while rebuilding, where the whole words and their
    stems gather (written once at the end, figures settled then too); None: an update."""
    batch = _batch_read(offer_ids)
    texts = [_search_text(offer, batch) for offer in batch.offers]
    entries = [entry for offer in batch.offers for entry in _entries(offer, batch)]
    objects_insert(texts)
    objects_insert(entries)
    columns = [_columns(offer, batch) for offer in batch.offers]
    _terms_write(columns, words=words)
    return len(texts)


def _texts(offer: dict[str, Any], batch: _Batch) -> tuple[str, str]:
    """(categories, body): the category names and the rest of an offer's search text."""
    places = batch.places.get(offer["pk"], [])
    categories = " ".join(batch.categories.get(offer["pk"], []))
    body = " ".join(
        [offer["description"], offer["provider__name"]]
        + [f"{place.name} {place.address}" for place in places]
    )
    return categories, body


def _search_text(offer: dict[str, Any], batch: _Batch) -> OfferSearchText:
    categories, body = _texts(offer, batch)
    if connection.vendor != "sqlite":
        return OfferSearchText(
            offer_id=offer["pk"], name=offer["name"], categories=categories, body=body
        )
    return OfferSearchText(
        offer_id=offer["pk"],
        name=stems(offer["name"]),
        categories=stems(categories),
        body=stems(body),
        name_words=" ".join(words(offer["name"])),
        body_words=" ".join(words(f"{categories} {body}")),
    )


def access_bits(place: Place) -> int:
    """The accessibility bit mask (:data:`NEED_BITS`) of what ``place`` is known to offer."""
    bits = NEED_BITS["wheelchair"] if place.wheelchair == Wheelchair.YES else 0
    for need, name in _NEED_FIELDS.items():
        if getattr(place, name) is True:
            bits |= NEED_BITS[need]
    return bits


def _entries(offer: dict[str, Any], batch: _Batch) -> Iterator[OfferSearchEntry]:
    lowest = Decimal("0") if offer["fee"] == Fee.FREE else batch.min_costs.get(offer["pk"])
    common = {
        "offer_id": offer["pk"],
        "min_cost": lowest,
        "languages": "," + ",".join(offer["languages"] or []) + ",",
        "confirmed_at": offer["last_confirmed_at"],
        "has_hours": bool(offer["opening_hours"]),
        "sort_name": offer["name"].lower()[:200],
    }
    places: list[Place | None] = [*batch.places.get(offer["pk"], [])] or [None]
    for place in places:
        if place is None:
            yield OfferSearchEntry(**common)
            continue
        yield OfferSearchEntry(
            **common,
            place_id=place.pk,
            latitude=place.latitude,
            longitude=place.longitude,
            district_id=place.district_id,
            access=access_bits(place),
        )


# --- Ranked term index ----------------------------------------------------------------------

#: BM25 parameters (the common defaults, as FTS5's bm25()).
BM25_K1 = 1.2
BM25_B = 0.75
#: Column weights of the term index: a word in the name counts ten times a word in the
#: description, one in a category name four times.
TERM_COLUMN_WEIGHTS = (10.0, 4.0, 1.0)


@dataclass(frozen=True)
class _Columns:
    """An offer's search text as word lists per column (name, categories, body)."""

    offer_id: int
    name: list[str]
    categories: list[str]
    body: list[str]
    category_ids: list[int] = field(default_factory=list)

    def stems(self) -> tuple[list[str], list[str], list[str]]:
        return (
            [stem(word) for word in self.name],
            [stem(word) for word in self.categories],
            [stem(word) for word in self.body],
        )


def _columns(offer: dict[str, Any], batch: _Batch) -> _Columns:
    categories, body = _texts(offer, batch)
    return _Columns(
        offer["pk"],
        words(offer["name"]),
        words(categories),
        words(body),
        batch.category_ids.get(offer["pk"], []),
    )


def bigrams(stems_in_order: Sequence[str]) -> list[str]:
    """Each pair of neighbouring stems as one term ("mittagst senior"): a "phrase" is
    found as the pairs of its words (stopwords are left out on both sides, as in the
    full-text index)."""
    return [f"{first} {second}" for first, second in itertools.pairwise(stems_in_order)]


def term_weights(
    columns: tuple[list[str], list[str], list[str]], averages: tuple[float, float, float]
) -> dict[str, float]:
    """Each stem's weight in one offer: the sum over the columns of the column weight
    times BM25's term-frequency part ``tf (k1 + 1) / (tf + k1 (1 - b + b len / avg))``,
    ``len`` the column's length in words and ``avg`` the average over all offers. The
    pairs of neighbouring stems (:func:`bigrams`) are weighted the same way. The search
    multiplies a weight by the term's inverse document frequency."""
    weights: dict[str, float] = defaultdict(float)
    for stems_of_column, weight, average in zip(
        columns, TERM_COLUMN_WEIGHTS, averages, strict=True
    ):
        length_norm = BM25_K1 * (1 - BM25_B + BM25_B * len(stems_of_column) / (average or 1.0))
        terms = [*stems_of_column, *bigrams(stems_of_column)]
        for term, count in Counter(terms).items():
            weights[term[:TERM_MAX_LENGTH]] += (
                weight * count * (BM25_K1 + 1) / (count + length_norm)
            )
    return dict(weights)


def _stats() -> OfferSearchStats:
    stats = OfferSearchStats.objects.select_for_update().order_by("pk").first()
    return stats or OfferSearchStats.objects.create()


def _averages(stats: OfferSearchStats) -> tuple[float, float, float]:
    offers = stats.offers or 1
    return (
        stats.name_words / offers,
        stats.category_words / offers,
        stats.body_words / offers,
    )


def _terms_write(columns: list[_Columns], *, words: dict[str, str] | None) -> None:
    """Writes the postings, words and collection figures of freshly indexed offers. While
    rebuilding (``words`` given), the words gather there and the term figures are settled
    once at the end (:func:`_terms_settle`)."""
    stems_by_offer = [(item.offer_id, item.stems()) for item in columns]
    stats = _stats()
    stats.offers += len(columns)
    stats.name_words += sum(len(parts[0]) for _offer, parts in stems_by_offer)
    stats.category_words += sum(len(parts[1]) for _offer, parts in stems_by_offer)
    stats.body_words += sum(len(parts[2]) for _offer, parts in stems_by_offer)
    stats.save()
    averages = _averages(stats)
    seen = {
        word[:TERM_MAX_LENGTH]: stem(word)[:TERM_MAX_LENGTH]
        for item in columns
        for word in (*item.name, *item.categories, *item.body)
    }
    weights = [(offer_id, term_weights(parts, averages)) for offer_id, parts in stems_by_offer]
    if words is None:
        expansions_add(seen)
        extra = expansions_of({term for _offer, found in weights for term in found})
        weights = [(offer_id, expanded(found, extra)) for offer_id, found in weights]
    postings = [
        (offer_id, term, weight) for offer_id, found in weights for term, weight in found.items()
    ]
    rows_insert(OfferTerm, ("offer_id", "term", "weight"), postings)
    if words is not None:
        words.update(seen)
        return
    OfferSearchWord.objects.bulk_create(
        [OfferSearchWord(word=word, stem=term) for word, term in seen.items()],
        ignore_conflicts=True,
        batch_size=1000,
    )
    _terms_count({term for _offer, term, _weight in postings}, postings)
    categories = {item.offer_id: item.category_ids for item in columns}
    _term_categories_raise(postings, categories)


# --- Expansions: a compound's parts, an administrator's synonyms -----------------------------


def synonyms_apply() -> int:
    """After synonyms changed: their expansions rewritten, and the offers holding a word
    whose synonyms changed re-indexed; returns how many offers were."""
    with transaction.atomic():
        synonyms = OfferSearchExpansion.objects.filter(synonym=True)
        old = set(synonyms.values_list("term", "extra"))
        new = synonym_rows()
        synonyms.delete()
        OfferSearchExpansion.objects.bulk_create(
            [OfferSearchExpansion(term=term, extra=extra, synonym=True) for term, extra in new],
            ignore_conflicts=True,
        )
        changed = sorted({term for term, _extra in old ^ new})
        offers = OfferTerm.objects.filter(term__in=changed).values_list("offer_id", flat=True)
        return offer_index_update(set(offers))


def _terms_count(terms: set[str], postings: list[tuple[int, str, float]]) -> None:
    """Adds freshly written postings to their terms' figures (after a single update)."""
    top: dict[str, float] = defaultdict(float)
    added: Counter[str] = Counter()
    for _offer, term, weight in postings:
        top[term] = max(top[term], weight)
        added[term] += 1
    rows = [(term, added[term], top[term]) for term in sorted(terms)]
    _figures_raise(OfferSearchTerm, ("term",), rows, counted=True)


def _term_categories_raise(
    postings: list[tuple[int, str, float]], categories: dict[int, list[int]]
) -> None:
    """Raises the per-category top weights to those of freshly written postings."""
    top: dict[tuple[str, int], float] = defaultdict(float)
    for offer, term, weight in postings:
        for category in categories.get(offer, []):
            top[term, category] = max(top[term, category], weight)
    rows = [(term, category, weight) for (term, category), weight in sorted(top.items())]
    _figures_raise(OfferSearchTermCategory, ("term", "category_id"), rows, counted=False)


def _figures_raise(
    model: Any, keys: tuple[str, ...], rows: list[tuple[Any, ...]], *, counted: bool
) -> None:
    """Upserts term figures: rows of ``keys``, then (if ``counted``) offers to add, then a
    top weight that only ever rises."""
    table = table_name(model)
    greatest = "MAX" if connection.vendor == "sqlite" else "GREATEST"
    columns = [*keys, *(["offers"] if counted else []), "top_weight"]
    updates = [f"offers = {table}.offers + excluded.offers"] if counted else []
    updates.append(f"top_weight = {greatest}({table}.top_weight, excluded.top_weight)")
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {table} ({', '.join(columns)}) "  # noqa: S608
            f"VALUES ({', '.join(['%s'] * len(columns))}) "
            f"ON CONFLICT ({', '.join(keys)}) DO UPDATE SET {', '.join(updates)}",
            rows,
        )


def _terms_forget(offer_ids: Sequence[int]) -> None:
    """Takes offers about to be re-indexed out of the term figures and drops their
    postings (their words stay: a word list only ever needs to be wide enough)."""
    postings = OfferTerm.objects.filter(offer_id__in=offer_ids)
    removed = Counter(postings.values_list("term", flat=True))
    if removed:
        with connection.cursor() as cursor:
            cursor.executemany(
                f"UPDATE {table_name(OfferSearchTerm)} SET offers = offers - %s "  # noqa: S608
                "WHERE term = %s AND offers >= %s",
                [(count, term, count) for term, count in sorted(removed.items())],
            )
    _stats_forget(offer_ids)
    postings.delete()


def _stats_forget(offer_ids: Sequence[int]) -> None:
    """Takes the offers' texts (about to be rewritten) out of the collection figures."""
    rows = list(
        OfferSearchText.objects.filter(offer_id__in=offer_ids).values_list(
            "name", "categories", "body"
        )
    )
    if not rows:
        return
    lengths = [sum(len(words(row[column])) for row in rows) for column in range(3)]
    stats = _stats()
    stats.offers = max(0, stats.offers - len(rows))
    stats.name_words = max(0, stats.name_words - lengths[0])
    stats.category_words = max(0, stats.category_words - lengths[1])
    stats.body_words = max(0, stats.body_words - lengths[2])
    stats.save()


@contextlib.contextmanager
def _weight_order_dropped() -> Iterator[None]:
    """Bulk loading: the postings' weight-order index is built once after the load (one
    sort) instead of row by row. Within the caller's transaction."""
    (index,) = [index for index in OfferTerm._meta.indexes if index.name]
    with connection.cursor() as cursor:
        cursor.execute(f"DROP INDEX {connection.ops.quote_name(str(index.name))}")
        yield
        if connection.vendor == "postgresql":
            # Deferred foreign-key checks must have run before an index may be built.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")
        cursor.execute(
            f"CREATE INDEX {connection.ops.quote_name(str(index.name))} ON {table_name(OfferTerm)} "
            '("term", "weight" DESC, "offer_id")'
        )


def _terms_settle() -> None:
    """After a rebuild: every term's offer count and top weight from the postings, in one
    pass of the database over them (read in the weight order's index, term by term)."""
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table_name(OfferSearchTerm)} (term, offers, top_weight) "  # noqa: S608
            f"SELECT term, COUNT(*), MAX(weight) FROM {table_name(OfferTerm)} GROUP BY term"
        )
    term_categories_settle()


def term_categories_settle() -> None:
    """Every term's top weight per category, from the postings (after a rebuild)."""
    links = table_name(Offer.categories.through)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table_name(OfferSearchTermCategory)}")  # noqa: S608
        cursor.execute(
            f"INSERT INTO {table_name(OfferSearchTermCategory)} (term, category_id, top_weight) "  # noqa: S608
            f"SELECT t.term, oc.category_id, MAX(t.weight) FROM {table_name(OfferTerm)} t "
            f"JOIN {links} oc ON oc.offer_id = t.offer_id GROUP BY t.term, oc.category_id"
        )
