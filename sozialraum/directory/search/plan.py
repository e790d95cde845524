"""What a search reads before its statements: the plan for a query's text (its words'
figures from the term index, the stems the word being typed may begin) and the filters on
search entries every statement applies. How the plan and the filters are used is in
:mod:`.sql`."""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import connection

from sozialraum.districts.models import District
from sozialraum.lib.geo import EARTH_RADIUS_M

from ..models import (
    Category,
    Offer,
    OfferSearchStats,
    OfferSearchTerm,
    OfferSearchWord,
)
from .index import NEED_BITS, bigrams
from .query import OfferQuery
from .repair import repair
from .tables import byte_collation, per_row, table_name
from .text import TERM_MAX_LENGTH, TextTerms, stem

#: A word being typed stands for at most this many stems (the most frequent).
PREFIX_EXPANSIONS = 50
#: How far (m) a result may lie for each halving of its rank; see the module docstring.
DISTANCE_SCALE_M = 1000.0
#: Distance assumed for an offer without coordinates when ranking by distance.
NO_DISTANCE_M = 1.0e7
DEGREE_M = EARTH_RADIUS_M * math.pi / 180


# --- The text plan --------------------------------------------------------------------------


@dataclass(frozen=True)
class TextPlan:
    """What a query's text needs from the term index: the required stems with their idf,
    the prefix's expansions, and the highest relevance any offer can reach (``bound``; of
    it, ``prefix_bound`` from the prefix). ``empty``: no text at all;
    ``impossible``: a required stem or the prefix occurs in no offer. ``corrections``:
    typed words the plan searches as other known words (:mod:`.repair`)."""

    words: tuple[tuple[str, float, int], ...] = ()
    prefix: tuple[str, ...] = ()
    prefix_idf: float = 0.0
    prefix_offers: int = 0
    prefix_bound: float = 0.0
    bound: float = 1.0
    empty: bool = True
    impossible: bool = False
    corrections: tuple[tuple[str, str], ...] = ()

    @property
    def rarest(self) -> str | None:
        return min(self.words, key=lambda word: word[2])[0] if self.words else None

    @property
    def postings(self) -> int:
        """How many postings the cheapest way in through the text reads."""
        if self.words:
            return min(count for _term, _idf, count in self.words)
        return self.prefix_offers


def idf(offers: int, containing: int) -> float:
    return math.log(1 + (offers - containing + 0.5) / (containing + 0.5))


def _successor(prefix: str) -> str:
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def text_plan(terms: TextTerms, *, repairing: bool = True) -> TextPlan:
    """The plan for ``terms``, read with one statement (no statement without text). A
    word (or the prefix) found in no offer is repaired (:func:`.repair.repair`: split as
    a compound, or corrected to the nearest known word) with one more statement, and the
    plan read again for the repaired terms."""
    if not terms:
        return TextPlan()
    required = {stem(word) for word in terms.words}
    for phrase in terms.phrases:
        # The pairs imply their words: a phrase is found and ranked by its pairs alone.
        required.update(term[:TERM_MAX_LENGTH] for term in bigrams([stem(w) for w in phrase]))
    rows = _vocabulary(sorted(required), terms.prefix)
    offers = next((row[2] for row in rows if row[0] == "n"), 0)
    found = {row[1]: (row[2], row[3]) for row in rows if row[0] == "w"}
    expansions = [(row[1], row[2], row[3]) for row in rows if row[0] == "p"]
    unknown = [word for word in terms.words if found.get(stem(word), (0, 0.0))[0] == 0]
    if terms.prefix and not expansions:
        unknown.append(terms.prefix)
    if unknown and repairing:
        fixed = repair(terms, unknown)
        if fixed is not None:
            plan = text_plan(fixed.terms, repairing=False)
            return dataclasses.replace(plan, corrections=fixed.corrections)
    if any(found.get(term, (0, 0.0))[0] == 0 for term in required) or (
        terms.prefix and not expansions
    ):
        return TextPlan(empty=False, impossible=True)
    words = tuple((term, idf(offers, found[term][0]), found[term][0]) for term in sorted(required))
    prefix_idf = min((idf(offers, count) for _t, count, _w in expansions), default=0.0)
    prefix_bound = prefix_idf * max((top for _t, _c, top in expansions), default=0.0)
    bound = sum(weight * found[term][1] for term, weight, _n in words) + prefix_bound
    return TextPlan(
        words=words,
        prefix=tuple(term for term, _c, _w in expansions),
        prefix_idf=prefix_idf,
        prefix_offers=sum(count for _t, count, _w in expansions),
        prefix_bound=prefix_bound,
        bound=bound,
        empty=False,
    )


def _vocabulary(required: Sequence[str], prefix: str) -> list[tuple[Any, ...]]:
    terms, words, stats = (
        table_name(OfferSearchTerm),
        table_name(OfferSearchWord),
        table_name(OfferSearchStats),
    )
    parts = [f"SELECT 'n', '', offers, 0.0 FROM {stats}"]  # noqa: S608
    params: list[Any] = []
    if required:
        marks = ", ".join(["%s"] * len(required))
        parts.append(f"SELECT 'w', term, offers, top_weight FROM {terms} WHERE term IN ({marks})")  # noqa: S608
        params.extend(required)
    if prefix:
        collate = byte_collation()
        # Two index range scans (whole words to stems, stems), joined; pairs never expand.
        candidates = (
            f"SELECT stem AS term FROM {words} WHERE word{collate} >= %s "  # noqa: S608
            f"AND word{collate} < %s UNION SELECT term FROM {terms} "
            f"WHERE term{collate} >= %s AND term{collate} < %s"
        )
        parts.append(
            "SELECT 'p', t.term, t.offers, t.top_weight FROM (SELECT term, offers, top_weight "  # noqa: S608
            f"FROM {terms} WHERE term IN ({candidates}) AND offers > 0 "
            f"AND term NOT LIKE '%% %%' ORDER BY offers DESC, term "
            f"LIMIT {PREFIX_EXPANSIONS}) t"
        )
        stemmed = stem(prefix)
        params.extend([prefix, _successor(prefix), stemmed, _successor(stemmed)])
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        return list(cursor.fetchall())


# --- Filters on search entries ---------------------------------------------------------------


@dataclass
class Filters:
    """The conditions on a search entry ``e`` (with the common table expressions they
    need) and the SQL of the distance from the query's point."""

    ctes: list[str] = field(default_factory=list)
    cte_params: list[Any] = field(default_factory=list)
    conditions: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)
    point: tuple[float, float] | None = None
    squared: str = ""
    squared_params: list[Any] = field(default_factory=list)

    @property
    def distance(self) -> str:
        return "NULL" if self.point is None else f"sqrt({self.squared})"

    @property
    def distance_params(self) -> list[Any]:
        return list(self.squared_params)

    def where(self) -> str:
        return " AND ".join(self.conditions) or "1 = 1"

    def within(self, radius: float | None) -> tuple[str, list[Any]]:
        """The conditions plus "within ``radius`` of the point" (box, then exact)."""
        if radius is None or self.point is None:
            return self.where(), list(self.params)
        south, north, west, east = bounding_box(*self.point, radius)
        box = "e.latitude BETWEEN %s AND %s AND e.longitude BETWEEN %s AND %s"
        sql = f"{self.where()} AND {box} AND {self.squared} <= %s"
        params = [*self.params, south, north, west, east, *self.squared_params]
        return sql, [*params, float(radius) ** 2]


def entry_filters(query: OfferQuery, now: dt.datetime) -> Filters:
    built = Filters()
    _category_filter(built, query.categories)
    # A radius is a circle around the point (or the district's centre): it crosses
    # district boundaries, so the district then filters nothing.
    within_radius = query.radius_m is not None and query.near is not None
    _district_filter(built, None if within_radius else query.district)
    _point(built, query.near)
    _offer_filters(built, query, now)
    return built


def _category_filter(built: Filters, codes: Sequence[str]) -> None:
    if not codes:
        return
    category = table_name(Category)
    marks = ", ".join(["%s"] * len(codes))
    built.ctes.append(
        f"cats(id) AS (SELECT id FROM {category} WHERE code IN ({marks}) "  # noqa: S608
        f"UNION SELECT c.id FROM {category} c JOIN cats ON c.parent_id = cats.id)"
    )
    built.cte_params.extend(codes)
    links = table_name(Offer.categories.through)
    built.conditions.append(
        f"EXISTS (SELECT 1 FROM {links} oc WHERE oc.offer_id = e.offer_id "  # noqa: S608
        f"AND oc.category_id IN (SELECT id FROM cats){per_row()})"
    )


def _district_filter(built: Filters, district: District | None) -> None:
    if district is None:
        return
    table = table_name(District)
    built.ctes.append(
        f"dists(id) AS (SELECT id FROM {table} WHERE id = %s "  # noqa: S608
        f"UNION SELECT c.id FROM {table} c JOIN dists ON c.parent_id = dists.id)"
    )
    built.cte_params.append(district.pk)
    built.conditions.append("e.district_id IN (SELECT id FROM dists)")


def bounding_box(lat: float, lon: float, radius_m: float) -> tuple[float, float, float, float]:
    """(south, north, west, east) of a box holding every point within ``radius_m``."""
    dlat = radius_m / DEGREE_M
    widest = min(89.9, max(abs(lat - dlat), abs(lat + dlat)))
    dlon = min(180.0, radius_m / (DEGREE_M * math.cos(math.radians(widest))))
    return lat - dlat, lat + dlat, lon - dlon, lon + dlon


def _point(built: Filters, near: tuple[float, float] | None) -> None:
    if near is None:
        return
    lat, lon = near
    kx = DEGREE_M * math.cos(math.radians(lat))
    dx, dy = "((e.longitude - %s) * %s)", "((e.latitude - %s) * %s)"
    built.point = near
    built.squared = f"{dx} * {dx} + {dy} * {dy}"
    built.squared_params = [lon, kx, lon, kx, lat, DEGREE_M, lat, DEGREE_M]


def _offer_filters(built: Filters, query: OfferQuery, now: dt.datetime) -> None:
    if query.needs:
        unknown = set(query.needs) - NEED_BITS.keys()
        if unknown:
            raise ValueError(f"Unknown accessibility needs {sorted(unknown)}; use {[*NEED_BITS]}.")
        mask = sum(NEED_BITS[need] for need in query.needs)
        built.conditions.append("(e.access & %s) >= %s")
        built.params.extend([mask, mask])
    if query.max_cost is not None:
        built.conditions.append("e.min_cost <= %s")
        built.params.append(Decimal(query.max_cost))
    if query.language:
        built.conditions.append("e.languages LIKE %s")
        built.params.append(f"%,{query.language.lower()},%")
    if not query.include_stale:
        days = getattr(settings, "OFFER_STALE_DAYS", 365)
        built.conditions.append("e.confirmed_at >= %s")
        built.params.append(now - dt.timedelta(days=days))
    if query.open_at is not None:
        built.conditions.append("e.has_hours = %s")
        built.params.append(True)
