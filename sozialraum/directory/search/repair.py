"""Query words the index does not know, repaired from its own vocabulary: a known word one
edit away ("Mitagstisch" -> "Mittagstisch"), else a compound split into two known parts
("Seniorentreff" -> "Senioren" + "Treff", both required), else a known word two edits
away (a long word). Corrections are reported, so that the page can ask "Meinten Sie …?".
One statement reads what both need; the plan (:mod:`.plan`) asks only when a word found
nothing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from django.db import connection
from rapidfuzz.distance import OSA

from ..models import OfferSearchTerm, OfferSearchWord
from .compounds import candidates, split
from .tables import byte_collation, table_name
from .text import TextTerms, stem

#: How many letters a word may differ by (insert, delete, replace, swap two neighbours)
#: from the known word it is corrected to, by its length: none below 5 letters.
TYPO_EDITS = ((5, 1), (8, 2))
#: Known words compared with a typed word: those of about its length with its first letter.
LENGTH_SLACK = 2


def allowed_edits(word: str) -> int:
    return max((edits for length, edits in TYPO_EDITS if len(word) >= length), default=0)


@dataclass(frozen=True)
class Repair:
    """The terms to search instead, and the typed words corrected to known words."""

    terms: TextTerms
    corrections: tuple[tuple[str, str], ...] = ()


def repair(terms: TextTerms, unknown: Sequence[str]) -> Repair | None:
    """``terms`` with each ``unknown`` word (or the prefix, if named) split or corrected;
    None when none of them could be."""
    rows = _lookup(unknown)
    known_stems = {str(row[1]) for row in rows if row[0] == "s"}
    near = [(str(row[1]), int(row[2])) for row in rows if row[0] == "w"]
    replaced: dict[str, list[str]] = {}
    corrections: list[tuple[str, str]] = []
    for word in unknown:
        nearest = _nearest(word, near)
        parts = split(word, lambda part: stem(part) in known_stems, depth=1, both=True)
        if len(parts) > 1 and (nearest is None or nearest[0] > 1):
            replaced[word] = parts
        elif nearest is not None:
            replaced[word] = [nearest[1]]
            corrections.append((word, nearest[1]))
    if not replaced:
        return None
    found = [part for word in terms.words for part in replaced.get(word, [word])]
    prefix = terms.prefix
    if prefix in replaced:
        found.extend(replaced[prefix])
        prefix = ""
    fixed = replace(terms, words=tuple(dict.fromkeys(found)), prefix=prefix)
    return Repair(fixed, tuple(corrections))


def _nearest(word: str, near: list[tuple[str, int]]) -> tuple[int, str] | None:
    """(edits, known word): the known word fewest edits away, the most frequent first."""
    edits = allowed_edits(word)
    if not edits:
        return None
    scored = [
        (distance, -offers, known)
        for known, offers in near
        if known[:1] == word[:1]
        and (distance := OSA.distance(word, known, score_cutoff=edits)) <= edits
    ]
    if not scored:
        return None
    best = min(scored)
    return best[0], best[2]


def _lookup(unknown: Sequence[str]) -> list[tuple[Any, ...]]:
    """One statement: which stems of the words' possible parts the index holds ("s"),
    and the known words near each word that may be a typo ("w", with their offers)."""
    terms, words = table_name(OfferSearchTerm), table_name(OfferSearchWord)
    parts = sorted({stem(part) for word in unknown for part in candidates(word)})
    statements: list[str] = []
    params: list[Any] = []
    if parts:
        marks = ", ".join(["%s"] * len(parts))
        statements.append(
            f"SELECT 's', term, 0 FROM {terms} WHERE term IN ({marks}) AND offers > 0"  # noqa: S608
        )
        params.extend(parts)
    collate = byte_collation()
    for word in unknown:
        if not allowed_edits(word):
            continue
        first = word[:1]
        statements.append(
            f"SELECT 'w', w.word, t.offers FROM {words} w JOIN {terms} t ON t.term = w.stem "  # noqa: S608
            f"WHERE w.word{collate} >= %s AND w.word{collate} < %s "
            "AND LENGTH(w.word) BETWEEN %s AND %s AND t.offers > 0"
        )
        params.extend(
            [first, chr(ord(first) + 1), len(word) - LENGTH_SLACK, len(word) + LENGTH_SLACK]
        )
    if not statements:
        return []
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(statements), params)
        return list(cursor.fetchall())
