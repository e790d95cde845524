"""Extra terms of the offer search's index: the parts of compounds, split from the
collection's own words (:mod:`.compounds`), and the synonyms platform operators keep
(:class:`SearchSynonym`). Each extra term is posted for the offers holding the word it
extends, at :data:`PART_WEIGHT` of that word's weight; :mod:`.index` calls in here when it
writes postings and after a rebuild."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db import connection

from ..models import OfferSearchExpansion, OfferSearchWord, OfferTerm, SearchSynonym
from .compounds import candidates, split
from .tables import rows_insert, table_name
from .text import TERM_MAX_LENGTH, stem, words

#: A part of a compound counts this share of the compound's weight in an offer: an offer
#: that says "Seniorengymnastik" is found by "Gymnastik", below one that says "Gymnastik".
#: A synonym counts the same share of the weight of the word it stands for.
PART_WEIGHT = 0.5


def synonym_rows() -> set[tuple[str, str]]:
    """(stem of a word the offers use, stem of the synonym typed for it)."""
    rows = set()
    for synonym in SearchSynonym.objects.all():
        typed = stem(synonym.word.lower())[:TERM_MAX_LENGTH]
        for meant in synonym.meant_words():
            for word in words(meant):
                term = stem(word)[:TERM_MAX_LENGTH]
                if term != typed:
                    rows.add((term, typed))
    return rows


def expansion_rows(vocabulary: Iterable[str], known: set[str]) -> set[tuple[str, str]]:
    """(stem, part's stem) for each word of ``vocabulary`` that splits into parts the
    ``known`` words confirm (:func:`.compounds.split`)."""
    rows = set()
    for word in vocabulary:
        whole = stem(word)[:TERM_MAX_LENGTH]
        for part in split(word, known.__contains__):
            term = stem(part)[:TERM_MAX_LENGTH]
            if term != whole and len(term) >= 3:
                rows.add((whole, term))
    return rows


def expanded(weights: dict[str, float], extra: dict[str, list[str]]) -> dict[str, float]:
    """An offer's term weights with each compound's parts added at :data:`PART_WEIGHT`
    of the compound's weight (the pairs of neighbouring words are not expanded)."""
    result = dict(weights)
    for term, weight in weights.items():
        for part in extra.get(term, ()):
            result[part] = result.get(part, 0.0) + PART_WEIGHT * weight
    return result


def expansions_of(terms: set[str]) -> dict[str, list[str]]:
    """The extra stems of each of ``terms``: its compound parts, and the synonyms as they
    are now (the table's copy of them may predate the last change or be missing on a
    fresh installation, whose synonyms came with a migration)."""
    found: dict[str, set[str]] = defaultdict(set)
    ordered = sorted(term for term in terms if " " not in term)
    for start in range(0, len(ordered), 500):
        rows = OfferSearchExpansion.objects.filter(
            term__in=ordered[start : start + 500], synonym=False
        )
        for term, extra in rows.values_list("term", "extra"):
            found[term].add(extra)
    for term, extra in synonym_rows():
        if term in terms:
            found[term].add(extra)
    return {term: sorted(extras) for term, extras in found.items()}


def expansions_add(seen: dict[str, str]) -> None:
    """Splits the words an update brings that the index has not seen yet, against the
    words it has (a rebuild splits every word against all of them)."""
    new = sorted(set(seen) - _known_words(list(seen)))
    if not new:
        return
    known = set(seen) | _known_words(sorted(set().union(*(candidates(word) for word in new))))
    rows = [
        OfferSearchExpansion(term=term, extra=extra) for term, extra in expansion_rows(new, known)
    ]
    OfferSearchExpansion.objects.bulk_create(rows, ignore_conflicts=True, batch_size=1000)


def _known_words(words_: list[str]) -> set[str]:
    known: set[str] = set()
    for start in range(0, len(words_), 500):
        chunk = words_[start : start + 500]
        known.update(OfferSearchWord.objects.filter(word__in=chunk).values_list("word", flat=True))
    return known


def expansions_settle() -> None:
    """After a rebuild's postings: every word of the collection split against all its
    words, the synonyms, and each compound's parts and each word's synonyms added to the
    postings of the offers holding it."""
    vocabulary = set(OfferSearchWord.objects.values_list("word", flat=True))
    OfferSearchExpansion.objects.all().delete()
    parts = expansion_rows(vocabulary, vocabulary)
    rows = [(term, extra, False) for term, extra in sorted(parts)]
    rows += [(term, extra, True) for term, extra in sorted(synonym_rows() - parts)]
    rows_insert(OfferSearchExpansion, ("term", "extra", "synonym"), rows)
    postings, expansions = table_name(OfferTerm), table_name(OfferSearchExpansion)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {postings} (offer_id, term, weight) "  # noqa: S608
            f"SELECT t.offer_id, x.extra, %s * SUM(t.weight) FROM {postings} t "
            f"JOIN {expansions} x ON x.term = t.term WHERE 1 = 1 GROUP BY t.offer_id, x.extra "
            "ON CONFLICT (offer_id, term) DO UPDATE SET "
            f"weight = {postings}.weight + excluded.weight",
            [PART_WEIGHT],
        )
