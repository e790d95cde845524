"""The SQL pieces the search's statements share (:mod:`.sql`, :mod:`.topk`): the text's
joins and relevance on an offer id, the filters as a condition on an offer, and running a
statement."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db import connection

from ..models import OfferSearchEntry, OfferTerm
from .plan import Filters, TextPlan
from .tables import per_row, table_name

# --- Text conditions on an offer id ------------------------------------------------------------


def _prefix_weight(plan: TextPlan, offer: str) -> tuple[str, list[Any]]:
    marks = ", ".join(["%s"] * len(plan.prefix))
    return (
        f"(SELECT MAX(pt.weight) FROM {table_name(OfferTerm)} pt "  # noqa: S608
        f"WHERE pt.offer_id = {offer} AND pt.term IN ({marks}))",
        list(plan.prefix),
    )


@dataclass
class TextPart:
    """The joins adding each required word's posting for ``offer``, the relevance
    expression over them, and the conditions (prefix present)."""

    joins: str = ""
    join_params: list[Any] = field(default_factory=list)
    relevance: str = "1.0"
    relevance_params: list[Any] = field(default_factory=list)
    conditions: list[str] = field(default_factory=list)
    params: list[Any] = field(default_factory=list)


def text_part(
    plan: TextPlan,
    offer: str,
    *,
    skip: str | None = None,
    prefix_rows: str | None = None,
) -> TextPart:
    """The text part for rows whose offer id is ``offer``; ``skip`` names a word whose
    posting the caller already reads as ``t0``. ``prefix_rows``: the alias of the
    prefix's postings, a row per expansion found, of which the caller takes each offer's
    best (``px`` is joined here; ``t0`` the caller reads itself); None: a subquery per
    offer finds the best weight."""
    built = TextPart()
    if plan.empty:
        return built
    terms: list[str] = []
    joins: list[str] = []
    for number, (term, weight, _count) in enumerate(plan.words, start=1):
        alias = "t0" if term == skip else f"t{number}"
        if alias != "t0":
            joins.append(
                f"JOIN {table_name(OfferTerm)} {alias} ON {alias}.offer_id = {offer} "
                f"AND {alias}.term = %s"
            )
            built.join_params.append(term)
        terms.append(f"{weight!r} * {alias}.weight")
    if plan.prefix and prefix_rows == "px":
        marks = ", ".join(["%s"] * len(plan.prefix))
        joins.append(
            f"JOIN {table_name(OfferTerm)} px ON px.offer_id = {offer} AND px.term IN ({marks})"
        )
        built.join_params.extend(plan.prefix)
    if plan.prefix and prefix_rows:
        terms.append(f"{plan.prefix_idf!r} * {prefix_rows}.weight")
    built.joins = " ".join(joins)
    if plan.prefix and not prefix_rows:
        weight_sql, weight_params = _prefix_weight(plan, offer)
        terms.append(f"{plan.prefix_idf!r} * COALESCE({weight_sql}, 0)")
        built.relevance_params.extend(weight_params)
        built.conditions.append(
            f"EXISTS (SELECT 1 FROM {table_name(OfferTerm)} px WHERE px.offer_id "  # noqa: S608
            f"= {offer} AND px.term IN ({', '.join(['%s'] * len(plan.prefix))}){per_row()})"
        )
        built.params.extend(plan.prefix)
    built.relevance = " + ".join(terms) or "1.0"
    return built


def join_keyword() -> str:
    # SQLite keeps the written join order with CROSS JOIN: the driving table comes first.
    return "CROSS JOIN" if connection.vendor == "sqlite" else "JOIN"


def run(sql: str, params: list[Any]) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(cursor.fetchall())


def with_ctes(filters: Filters, *ctes: str) -> str:
    return f"WITH RECURSIVE {', '.join([*filters.ctes, *ctes])} "


def entry_exists(filters: Filters, offer: str, radius: float | None) -> tuple[str, list[Any]]:
    within, params = filters.within(radius)
    return (
        f"EXISTS (SELECT 1 FROM {table_name(OfferSearchEntry)} e "  # noqa: S608
        f"WHERE e.offer_id = {offer} AND {within}{per_row()})",
        params,
    )


def first_place(filters: Filters, offer: str) -> tuple[str, list[Any]]:
    return (
        f"(SELECT e.place_id FROM {table_name(OfferSearchEntry)} e "  # noqa: S608
        f"WHERE e.offer_id = {offer} AND {filters.where()} ORDER BY e.id LIMIT 1)",
        list(filters.params),
    )
