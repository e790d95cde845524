"""Several words without a point: the best ``k`` offers, found document at a time over the
words' postings in weight order (impact order), stopping as soon as no offer not yet seen
can reach the page.

Every match holds every word, so it appears in each word's postings. The search reads
each word's postings from the top in blocks (:data:`FIRST_BLOCK`, then :data:`GROWTH`
times as many each round) and ranks each offer it meets at once, with all its words'
weights looked up by offer (and the prefix's best weight, and the filters): a document at
a time, exactly as ranking every match would. An offer not met yet lies below the last
posting read in every list, so its relevance is at most the sum of those last weights
times their idf, plus the prefix's top (the threshold of Fagin's threshold algorithm; a
sum of upper bounds as in MaxScore). The search stops when the ``k``-th best relevance
found is above that sum (ties go by offer id, so an unseen offer of equal relevance could
still belong on the page: equality does not stop), or when one word's postings run out
(then every match has been met).

At 100,000 offers, "Sport Park" (both words in the names of some 3,700 offers) ranked
every match of its rarer word before; now it reads a few hundred postings of each.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass
from typing import Any

from ..models import OfferSearchEntry, OfferTerm
from .fragments import entry_exists, join_keyword, run, text_part, with_ctes
from .plan import Filters, TextPlan
from .tables import table_name

#: Several words whose rarest is in at most this many offers are ranked as before: every
#: match of the rarest word in one statement (a few milliseconds at most), which costs
#: less than reading the other words' postings (at 100,000 offers, "Beratung Demenz":
#: 462 postings of "Demenz", 2 ms instead of 14).
RANK_ALL_MAX = 1000
#: Postings read from each word's list in the first round.
FIRST_BLOCK = 128
#: Each further round reads this many times as many postings as the one before.
GROWTH = 4
#: Relevances are sums of products in floating point: an unseen offer's relevance is
#: compared with the bound widened by this share, so that rounding never stops too early.
SLACK = 1e-12


@dataclass(frozen=True)
class TopK:
    """The best ``k`` matches as (offer id, relevance), best first (ties by offer id);
    how many matches were met; whether that is all of them (a word's postings ran out);
    and how many rounds it took."""

    best: list[tuple[int, float]]
    matches: int
    complete: bool
    rounds: int


def worth_reading_by_top_k(plan: TextPlan) -> bool:
    """Several words (or words and the prefix) whose rarest is in more than
    :data:`RANK_ALL_MAX` offers: found by :func:`top_k`, cheaper than ranking every match
    of the rarest word."""
    return (len(plan.words) > 1 or bool(plan.prefix)) and plan.postings > RANK_ALL_MAX


def top_k(plan: TextPlan, filters: Filters, k: int) -> TopK:
    """The best ``k`` offers holding every word of ``plan`` (and its prefix), read as the
    module docstring says. ``plan`` has words; ``k`` is at least 1."""
    terms = [term for term, _idf, _count in plan.words]
    offsets = dict.fromkeys(terms, 0)
    found: dict[int, float] = {}
    size, rounds = max(FIRST_BLOCK, k), 0
    while True:
        rounds += 1
        last, scored = _round(plan, filters, offsets, size)
        found.update(scored)
        best = heapq.nsmallest(k, found.items(), key=lambda item: (-item[1], item[0]))
        if any(read < size for read, _weight in last.values()):
            return TopK(best, len(found), True, rounds)
        if len(best) == k and best[-1][1] > unseen_bound(plan, last):
            return TopK(best, len(found), False, rounds)
        for term in terms:
            offsets[term] += size
        size *= GROWTH


def unseen_bound(plan: TextPlan, last: dict[str, tuple[int, float]]) -> float:
    """The highest relevance an offer can have that none of the postings read so far
    names: each word's last weight read (``last``: term -> (postings read this round,
    last weight)) times its idf, plus the prefix's top; widened by :data:`SLACK`."""
    bound = sum(idf * last[term][1] for term, idf, _count in plan.words) + plan.prefix_bound
    return bound * (1.0 + SLACK)


def _round(
    plan: TextPlan, filters: Filters, offsets: dict[str, int], size: int
) -> tuple[dict[str, tuple[int, float]], dict[int, float]]:
    """One round: ``size`` postings of each word from its offset; returns per word how
    many there were and the last weight, and the relevance of each offer met that matches
    (every word, the prefix, the filters)."""
    sql, params = _round_statement(plan, filters, offsets, size)
    last: dict[str, tuple[int, float]] = dict.fromkeys(offsets, (0, 0.0))
    scored: dict[int, float] = {}
    for kind, key, value, count in run(sql, params):
        if kind < 0:
            scored[int(key)] = float(value)
        else:
            last[plan.words[kind][0]] = (int(count), float(value))
    return last, scored


def _round_statement(
    plan: TextPlan, filters: Filters, offsets: dict[str, int], size: int
) -> tuple[str, list[Any]]:
    postings = table_name(OfferTerm)
    blocks: list[str] = []
    params: list[Any] = list(filters.cte_params)
    for number, (term, _idf, _count) in enumerate(plan.words):
        blocks.append(
            f"SELECT {number} AS list, offer_id, weight FROM (SELECT offer_id, weight "  # noqa: S608
            f"FROM {postings} WHERE term = %s ORDER BY weight DESC, offer_id "
            f"LIMIT %s OFFSET %s) b{number}"
        )
        params += [term, size, offsets[term]]
    text = text_part(plan, "c.offer_id")
    exists, exists_params = entry_exists(filters, "c.offer_id", None)
    conditions = " AND ".join([*text.conditions, exists])
    sql = (
        f"{with_ctes(filters, 'blocks AS (' + ' UNION ALL '.join(blocks) + ')')}"  # noqa: S608
        "SELECT list, NULL, MIN(weight), COUNT(*) FROM blocks GROUP BY list UNION ALL "
        f"SELECT -1, c.offer_id, {text.relevance}, 0 FROM (SELECT DISTINCT offer_id FROM blocks) c "
        f"{text.joins.replace('JOIN', join_keyword())} WHERE {conditions}"
    )
    params += [*text.relevance_params, *text.join_params, *text.params, *exists_params]
    return sql, params


def first_places(best: list[tuple[int, float]], filters: Filters) -> dict[int, int | None]:
    """The first place (by entry) of each offer of ``best`` that passes the filters."""
    if not best:
        return {}
    marks = ", ".join(["%s"] * len(best))
    sql = (
        f"{with_ctes(filters) if filters.ctes else ''}SELECT e.offer_id, e.place_id "  # noqa: S608
        f"FROM {table_name(OfferSearchEntry)} e WHERE e.offer_id IN ({marks}) "
        f"AND {filters.where()} ORDER BY e.offer_id, e.id"
    )
    params = [*filters.cte_params, *(offer for offer, _relevance in best), *filters.params]
    places: dict[int, int | None] = {}
    for offer, place in run(sql, params):
        places.setdefault(int(offer), place)
    return places
