"""How a search runs: the few bounded SQL statements that find its ranked page and its
total, from the text plan and the filters of :mod:`.plan`. The index they read is kept by
:mod:`.index`; the public reads are in :mod:`.selectors`.

Relevance. Each word's stem has, per offer, a precomputed weight in the term index (BM25's
term-frequency part over name, categories and other text, see ``index.term_weights``).
An offer's text relevance is the sum over the query's words of ``idf(word) * weight``, all
words required; the word being typed (the prefix) adds the best weight among the stems it
may begin (at most :data:`PREFIX_EXPANSIONS` of them, the most frequent first, as search
engines bound prefix expansion), scaled by the lowest idf among them; a "quoted phrase"
adds the pairs of its neighbouring words (``index.bigrams``), all required: the term
index holds those pairs too, so a phrase needs no position check (a phrase of three or
more words is found by its pairs, which in practice means in a row).
``idf(t) = ln(1 + (N - n + 0.5) / (n + 0.5))``, ``N`` offers indexed, ``n`` containing
``t``. Without text the relevance is 1.

Rank and distance. With a point to search from, the rank is
``relevance / (1 + d / 1000 m)``, ``d`` the distance to the offer's nearest matching
place (equirectangular on the mean Earth radius: within 25 km it differs from the
haversine distance by far less than a metre per kilometre), otherwise the relevance.
Equal ranks go by offer id (the older offer first); without text and point, results are
listed by name.

Why it is fast. Nothing ranks every offer a frequent word matches:

- Text without a point: a single word reads its postings in weight order and stops after
  the page (the rank is ``idf * weight``, so weight order is rank order); several words
  read each word's postings in weight order, a document at a time, until no offer not yet
  met can reach the page (:mod:`.topk`), or, when the rarest is in few offers, rank every
  match of it; a prefix alone merges the best few of each expansion (the best ``k`` by
  maximum weight are among the best ``k`` of each list).
- A point: the search looks in growing rings (:func:`_rings`) and stops as soon as the
  ``k``-th best rank found within radius ``r`` is at least what any offer further out could
  reach, ``bound / (1 + r / 1000 m)``, ``bound`` the highest relevance the words allow
  (their top weights times idf; with a category filter, their top weights among those
  categories' offers, :func:`category_bound`). A ring that misses the test still tells
  how far an offer could be and beat its ``k``-th rank (:func:`_reach`); the next look
  goes just that far when that is near. Within a ring the entries are found by the
  coordinates' index and the words' weights are looked up per offer.
- The total is counted exactly up to :data:`COUNT_CAP` (or to the end of the requested page,
  if later); beyond it the result says "more than" (``total_exact`` false).

The filters (category with its children, district with its parts, radius, accessibility
needs, price, language, staleness, opening hours present) apply to each search entry (an
offer at one of its places) in every path.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import Any

from ..models import (
    OfferSearchEntry,
    OfferSearchTermCategory,
    OfferTerm,
)
from .fragments import (
    TextPart,
    entry_exists,
    first_place,
    join_keyword,
    run,
    text_part,
    with_ctes,
)
from .plan import (
    DISTANCE_SCALE_M,
    NO_DISTANCE_M,
    Filters,
    TextPlan,
    entry_filters,
    text_plan,
)
from .query import OfferQuery
from .tables import table_name
from .text import text_terms
from .topk import first_places, top_k, worth_reading_by_top_k

#: Totals are counted exactly up to this many offers.
COUNT_CAP = 100
#: Ring radii (m) tried when searching from a point without a radius; None: everywhere.
_OPEN_RINGS: tuple[int | None, ...] = (1000, 8000, 64000, None)
#: The smallest ring worth a statement of its own.
_MIN_RING_M = 1000.0
#: A text whose rarest word (or whose prefix, all expansions together) is in at most this
#: many offers is searched from its postings even with a point: reading them all is
#: cheaper than looking around the point.
TEXT_DRIVEN_MAX = 5000


# --- Statements -------------------------------------------------------------------------------

#: One row of a ranked page: offer id, place id, distance (m), rank.
Row = tuple[int, int | None, float | None, float]


@dataclass(frozen=True)
class Page:
    """The best ``k`` rows of a search (``k`` = offset + limit; all when unlimited), the
    total found, and whether that total is exact (else it is a lower bound)."""

    rows: list[Row]
    total: int
    exact: bool


def _rows(fetched: list[tuple[Any, ...]]) -> list[Row]:
    return [
        (int(row[0]), row[1], None if row[2] is None else float(row[2]), float(row[3]))
        for row in fetched
    ]


def search_rings(radius: int | None) -> tuple[float | None, ...]:
    """The radii a search from a point looks in, growing fourfold, the last one the
    requested radius (or everywhere)."""
    if radius is None:
        return _OPEN_RINGS
    inner = [radius / 16, radius / 4]
    return (*[ring for ring in inner if ring >= _MIN_RING_M], float(radius))


def _sources(plan: TextPlan, text: TextPart, *, by_text: bool) -> tuple[str, list[Any], str]:
    """FROM and the driving condition of a statement over search entries ``e``: the
    entries first (found by their coordinates), or the text's postings ``t0`` first."""
    entries = table_name(OfferSearchEntry)
    joins = text.joins.replace("JOIN", join_keyword())
    if not by_text:
        return f"{entries} e {joins}", [], ""
    join = join_keyword()
    source = f"{table_name(OfferTerm)} t0 {join} {entries} e ON e.offer_id = t0.offer_id {joins}"
    if plan.words:
        return source, [], "t0.term = %s"
    marks = ", ".join(["%s"] * len(plan.prefix))
    return source, list(plan.prefix), f"t0.term IN ({marks})"


def ring_statement(
    plan: TextPlan,
    filters: Filters,
    radius: float | None,
    limit: int | None,
    *,
    by_text: bool = False,
) -> tuple[str, list[Any]]:
    """The best ``limit`` offers (all if None) with a place within ``radius`` of the point,
    nearest place per offer, with the number of such offers on every row; read from the
    coordinates' index, or ``by_text`` from the postings of the text's rarest word."""
    skip = plan.rarest if by_text else None
    text = text_part(
        plan,
        "t0.offer_id" if by_text else "e.offer_id",
        skip=skip,
        prefix_rows="t0" if by_text and not plan.words else "px",
    )
    source, source_params, driving = _sources(plan, text, by_text=by_text)
    if driving and plan.words:
        source_params = [skip]
    within, within_params = filters.within(radius)
    conditions = " AND ".join([part for part in (driving, within, *text.conditions) if part])
    base = (
        "base AS (SELECT e.offer_id, e.place_id, "  # noqa: S608
        f"{filters.distance} AS d, {text.relevance} AS relevance "
        f"FROM {source} WHERE {conditions})"
    )
    hits = (
        "hits AS (SELECT offer_id, place_id, d, MAX(relevance) OVER (PARTITION BY offer_id) "
        "AS relevance, ROW_NUMBER() OVER "
        "(PARTITION BY offer_id ORDER BY d, place_id) AS n FROM base)"
    )
    sql = (
        f"{with_ctes(filters, base, hits)}SELECT offer_id, place_id, d, relevance / "  # noqa: S608
        f"(1.0 + COALESCE(d, {NO_DISTANCE_M}) / {DISTANCE_SCALE_M}) AS rank, "
        "COUNT(*) OVER () AS total FROM hits WHERE n = 1 ORDER BY rank DESC, offer_id"
    )
    params = [
        *filters.cte_params,
        *filters.distance_params,
        *text.relevance_params,
        *text.join_params,
        *source_params,
        *within_params,
        *text.params,
    ]
    if limit is not None:
        sql += " LIMIT %s"
        params.append(limit)
    return sql, params


def words_statement(plan: TextPlan, filters: Filters, limit: int | None) -> tuple[str, list[Any]]:
    """Without a point: the best offers containing every word, read from the rarest
    word's postings; in weight order with an early stop when it is the only word.
    Otherwise every match is ranked (a rarest word in few offers, see :func:`_several`, or
    every match asked for), and each row carries their number."""
    rarest = plan.rarest
    assert rarest is not None
    text = text_part(plan, "t0.offer_id", skip=rarest)
    exists, exists_params = entry_exists(filters, "t0.offer_id", None)
    conditions = " AND ".join(["t0.term = %s", *text.conditions, exists])
    alone = len(plan.words) == 1 and not plan.prefix
    order = "t0.weight DESC, t0.offer_id" if alone else "relevance DESC, t0.offer_id"
    total = "0" if alone else "COUNT(*) OVER ()"
    ranked = (
        f"ranked AS (SELECT t0.offer_id, {text.relevance} AS relevance, {total} AS total "  # noqa: S608
        f"FROM {table_name(OfferTerm)} t0 {text.joins.replace('JOIN', join_keyword())} "
        f"WHERE {conditions} ORDER BY {order}{'' if limit is None else ' LIMIT %s'})"
    )
    params = [
        *filters.cte_params,
        *text.relevance_params,
        *text.join_params,
        rarest,
        *text.params,
        *exists_params,
    ]
    if limit is not None:
        params.append(limit)
    return _page_of(ranked, params, filters)


def _page_of(ranked: str, params: list[Any], filters: Filters) -> tuple[str, list[Any]]:
    place, place_params = first_place(filters, "ranked.offer_id")
    sql = (
        f"{with_ctes(filters, ranked)}SELECT offer_id, {place}, NULL, relevance, total "  # noqa: S608
        "FROM ranked ORDER BY relevance DESC, offer_id"
    )
    return sql, [*params, *place_params]


def prefix_statement(plan: TextPlan, filters: Filters, limit: int | None) -> tuple[str, list[Any]]:
    """Without a point and words: the word being typed alone. Each expansion's best
    ``limit`` offers, merged by their best weight."""
    exists, exists_params = entry_exists(filters, "t.offer_id", None)
    lists: list[str] = []
    params: list[Any] = list(filters.cte_params)
    cut = "" if limit is None else " LIMIT %s"
    for number, term in enumerate(plan.prefix):
        lists.append(
            f"SELECT * FROM (SELECT t.offer_id, t.weight FROM {table_name(OfferTerm)} t "  # noqa: S608
            f"WHERE t.term = %s AND {exists} ORDER BY t.weight DESC, t.offer_id{cut}) l{number}"
        )
        params += [term, *exists_params, *([] if limit is None else [limit])]
    ranked = (
        f"ranked AS (SELECT offer_id, {plan.prefix_idf!r} * MAX(weight) AS relevance, 0 AS total "  # noqa: S608
        f"FROM ({' UNION ALL '.join(lists)}) lists GROUP BY offer_id "
        f"ORDER BY relevance DESC, offer_id{cut})"
    )
    if limit is not None:
        params.append(limit)
    return _page_of(ranked, params, filters)


def browse_statement(filters: Filters, limit: int | None) -> tuple[str, list[Any]]:
    """No text and no point: offers by name, with the exact number of them."""
    base = (
        "base AS (SELECT e.offer_id, e.place_id, e.sort_name, ROW_NUMBER() OVER "  # noqa: S608
        f"(PARTITION BY e.offer_id ORDER BY e.id) AS n FROM {table_name(OfferSearchEntry)} e "
        f"WHERE {filters.where()})"
    )
    sql = (
        f"{with_ctes(filters, base)}SELECT offer_id, place_id, NULL, 1.0, COUNT(*) OVER () "  # noqa: S608
        "FROM base WHERE n = 1 ORDER BY sort_name, offer_id"
    )
    params = [*filters.cte_params, *filters.params]
    if limit is not None:
        sql += " LIMIT %s"
        params.append(limit)
    return sql, params


def count_statement(
    plan: TextPlan, filters: Filters, radius: float | None, cap: int
) -> tuple[str, list[Any]]:
    """How many offers match, counted up to ``cap`` + 1."""
    if plan.empty:
        within, params = filters.within(radius)
        inner = (
            f"SELECT DISTINCT e.offer_id FROM {table_name(OfferSearchEntry)} e "  # noqa: S608
            f"WHERE {within}"
        )
        params = [*filters.cte_params, *params]
    elif plan.words:
        rarest = plan.rarest
        text = text_part(plan, "t0.offer_id", skip=rarest)
        exists, exists_params = entry_exists(filters, "t0.offer_id", radius)
        conditions = " AND ".join(["t0.term = %s", *text.conditions, exists])
        inner = (
            f"SELECT t0.offer_id FROM {table_name(OfferTerm)} t0 "  # noqa: S608
            f"{text.joins.replace('JOIN', join_keyword())} WHERE {conditions}"
        )
        params = [*filters.cte_params, *text.join_params, rarest, *text.params, *exists_params]
    else:
        exists, exists_params = entry_exists(filters, "t.offer_id", radius)
        marks = ", ".join(["%s"] * len(plan.prefix))
        # One posting per offer and term; of several expansions, each offer is counted by
        # its first one (not by DISTINCT, which PostgreSQL cannot stop early).
        first, first_params = "", []
        if len(plan.prefix) > 1:
            first = (
                f" AND t.term = (SELECT MIN(f.term) FROM {table_name(OfferTerm)} f "  # noqa: S608
                f"WHERE f.offer_id = t.offer_id AND f.term IN ({marks}))"
            )
            first_params = list(plan.prefix)
        inner = (
            f"SELECT t.offer_id FROM {table_name(OfferTerm)} t "  # noqa: S608
            f"WHERE t.term IN ({marks}){first} AND {exists}"
        )
        params = [*filters.cte_params, *plan.prefix, *first_params, *exists_params]
    ctes = with_ctes(filters) if filters.ctes else ""
    sql = f"{ctes}SELECT COUNT(*) FROM ({inner} LIMIT %s) c"  # noqa: S608
    return sql, [*params, cap + 1]


# --- Running a search -----------------------------------------------------------------------


#: Text plans already read during one search, by text (the suggestions reuse them).
Plans = dict[str, TextPlan]


def _plan(text: str, plans: Plans | None) -> TextPlan:
    if plans is None:
        return text_plan(text_terms(text))
    if text not in plans:
        plans[text] = text_plan(text_terms(text))
    return plans[text]


def ranked_page(
    query: OfferQuery, now: dt.datetime, *, everything: bool = False, plans: Plans | None = None
) -> Page:
    """The best ``offset + limit`` offers of ``query`` (every match if ``everything``),
    with the total (exact up to :data:`COUNT_CAP` or the page's end). ``plans`` keeps the
    text plans read, for the counts that follow in the same search."""
    plan = _plan(query.text, plans)
    if plan.impossible:
        return Page([], 0, True)
    filters = entry_filters(query, now)
    limit = None if everything else query.offset + query.limit
    if query.near is not None:
        return _from_point(query, plan, filters, limit)
    if plan.empty:
        fetched = run(*browse_statement(filters, limit))
        return Page(_rows(fetched), int(fetched[0][4]) if fetched else 0, True)
    if plan.words and limit is not None and worth_reading_by_top_k(plan):
        return _top_k_page(plan, filters, limit)
    if plan.words:
        fetched = run(*words_statement(plan, filters, limit))
    else:
        fetched = run(*prefix_statement(plan, filters, limit))
    rows = _rows(fetched)
    if limit is None or len(rows) < limit:
        return Page(rows, len(rows), True)
    counted = int(fetched[0][4])  # every match, when the statement ranked them all
    return _counted(rows, plan, filters, None, limit, known=counted, exact=counted > 0)


def _top_k_page(plan: TextPlan, filters: Filters, limit: int) -> Page:
    found = top_k(plan, filters, limit)
    places = first_places(found.best, filters)
    rows: list[Row] = [(offer, places.get(offer), None, rank) for offer, rank in found.best]
    if len(rows) < limit:
        return Page(rows, len(rows), True)
    return _counted(rows, plan, filters, None, limit, known=found.matches, exact=found.complete)


def _counted(
    rows: list[Row],
    plan: TextPlan,
    filters: Filters,
    radius: float | None,
    limit: int,
    *,
    known: int = 0,
    exact: bool = False,
) -> Page:
    """The page with its total: ``known`` offers are already known to match (all of them
    if ``exact``); the count statement runs only when that does not settle the total."""
    cap = max(COUNT_CAP, limit)
    if not exact and known <= cap:
        fetched = run(*count_statement(plan, filters, radius, cap))
        known = int(fetched[0][0]) if fetched else 0
    return Page(rows, min(known, cap), known <= cap)


def _reach(bound: float, kth: float) -> float:
    """The radius beyond which no offer can rank above ``kth``: ``bound / (1 + d / scale)``
    falls below it (rounded up, so that floating point never makes it too small)."""
    if kth <= 0:
        return math.inf
    return DISTANCE_SCALE_M * (bound / kth - 1.0) * (1.0 + 1e-9) + 1e-6


def category_bound(plan: TextPlan, filters: Filters) -> float:
    """The highest relevance an offer of the filtered categories can reach: the plan's
    bound with each stem's top weight among those categories' offers only."""
    terms = [term for term, _idf, _count in plan.words] + list(plan.prefix)
    marks = ", ".join(["%s"] * len(terms))
    sql = (
        f"{with_ctes(filters)}SELECT term, MAX(top_weight) FROM "  # noqa: S608
        f"{table_name(OfferSearchTermCategory)} WHERE term IN ({marks}) AND category_id IN "
        "(SELECT id FROM cats) GROUP BY term"
    )
    top = {str(term): float(weight) for term, weight in run(sql, [*filters.cte_params, *terms])}
    bound = sum(weight * top.get(term, 0.0) for term, weight, _count in plan.words)
    if plan.prefix:
        bound += plan.prefix_idf * max(top.get(term, 0.0) for term in plan.prefix)
    return bound


def _from_point(query: OfferQuery, plan: TextPlan, filters: Filters, limit: int | None) -> Page:
    rings = list(search_rings(query.radius_m))
    by_text = not plan.empty and plan.postings <= TEXT_DRIVEN_MAX
    if limit is None or by_text:
        rings = rings[-1:]
    bound, narrowed = plan.bound, False
    while rings:
        ring = rings.pop(0)
        fetched = run(*ring_statement(plan, filters, ring, limit, by_text=by_text))
        rows = _rows(fetched)
        if not rings:
            return Page(rows, int(fetched[0][4]) if fetched else 0, True)
        assert limit is not None and ring is not None
        if len(rows) < limit:
            continue
        reach = _reach(bound, rows[-1][3])
        if reach > ring and query.categories and not plan.empty and not narrowed:
            # Looking further for the categories' sake? Their own top weights may say no.
            bound, narrowed = min(bound, category_bound(plan, filters)), True
            reach = _reach(bound, rows[-1][3])
        if reach <= ring:  # the ring's own total is a lower bound of the radius's
            return _counted(rows, plan, filters, query.radius_m, limit, known=int(fetched[0][4]))
        # Only offers within ``reach`` can still make the page: look there next (that look
        # ends the search) if it is nearer than the next ring, or not much further.
        if rings[0] is None or reach < rings[0]:
            rings.insert(0, reach)
        elif reach < 2 * rings[0] and len(rings) > 1:
            rings[0] = reach
    raise AssertionError("the last ring always answers")


def offer_count(
    query: OfferQuery, now: dt.datetime, *, plans: Plans | None = None
) -> tuple[int, bool]:
    """How many offers ``query`` finds (exactly up to :data:`COUNT_CAP`), and whether
    that is exact; one statement (plus the text plan's, unless ``plans`` has it)."""
    plan = _plan(query.text, plans)
    if plan.impossible:
        return 0, True
    filters = entry_filters(query, now)
    radius = query.radius_m if query.near is not None else None
    fetched = run(*count_statement(plan, filters, radius, COUNT_CAP))
    total = int(fetched[0][0]) if fetched else 0
    return min(total, COUNT_CAP), total <= COUNT_CAP
