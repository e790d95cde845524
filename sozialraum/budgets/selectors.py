"""Reads of pooled budgets: the share spent in the Quartier (social-space offers and work
beyond the case) against individual cases, per district up to the city and per year, each
sum protected by the disclosure rules (a sum of one or two providers, or one that one or
two providers dominate, is withheld, and what would give it away with it), and a
provider's own budgets with what is spent and left."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet, Sum

from sozialraum.districts.hierarchy import row_tree
from sozialraum.districts.models import geometry_fields
from sozialraum.lib.disclosure import TOTAL, Cell, ProtectedTable, Rule, derived, protect_sums

from .models import QUARTIER_KINDS, Booking, Budget, ShareTarget, SpendingKind

QUARTIER, CASES = "quartier", "cases"
COLUMNS = (QUARTIER, CASES)


@dataclass(frozen=True)
class ShareRow:
    """One row of a share table: a district (or a year), its sums and the share."""

    key: Any
    label: str
    depth: int
    quartier: Cell
    cases: Cell
    total: Cell
    share: Cell  # per cent of the total spent in the Quartier
    target: Decimal | None = None  # the city's target share, for rows that are years


def _group(kind: str) -> str:
    return QUARTIER if kind in QUARTIER_KINDS else CASES


def _rows(
    table: ProtectedTable, labels: Mapping[Any, str], depths: Mapping[Any, int]
) -> list[ShareRow]:
    rows = []
    for key in table.rows:
        quartier, cases, total = (table[key, c] for c in (QUARTIER, CASES, TOTAL))
        share = (Decimal(quartier.value) * 100 / Decimal(total.value)) if total.value else None
        rows.append(
            ShareRow(
                key,
                labels[key],
                depths.get(key, 0),
                quartier,
                cases,
                total,
                derived(share, quartier, total),
            )
        )
    return rows


def _contributions(
    bookings: QuerySet[Booking], group_by: str
) -> dict[tuple[Any, str], dict[int, Decimal]]:
    sums: dict[tuple[Any, str], dict[int, Decimal]] = defaultdict(dict)
    rows = bookings.values(group_by, "kind", "budget__provider_id").annotate(spent=Sum("amount"))
    for row in rows.order_by():
        cell = sums[(row[group_by], _group(row["kind"]))]
        provider = row["budget__provider_id"]
        cell[provider] = cell.get(provider, Decimal(0)) + row["spent"]
    return sums


def shares_by_district(year: int, rule: Rule | None = None) -> list[ShareRow]:
    """Per booked district of ``year``, then each level above up to the city: spent in the
    Quartier, on cases, in all, and the Quartier's share; protected."""
    sums = _contributions(Booking.objects.filter(budget__year=year), "budget__district_id")
    if not sums:
        return []
    tree = row_tree({district for district, _c in sums})
    contributions = {
        (tree.row_of[district], column): cell for (district, column), cell in sums.items()
    }
    leaves = sorted(set(tree.row_of.values()), key=lambda row: tree.names[row])
    table = protect_sums(
        contributions,
        rows=leaves,
        columns=COLUMNS,
        hierarchy=dict(tree.parent),
        rule=rule or Rule.from_settings(),
    )
    return _rows(table, tree.names, tree.depth)


def shares_by_year(
    rule: Rule | None = None, goals: dict[int, Decimal] | None = None
) -> list[ShareRow]:
    """Per year, for the whole installation: spent in the Quartier, on cases, the share,
    beside each year's target (``goals``, read here unless the caller has them)."""
    sums = _contributions(Booking.objects.all(), "budget__year")
    years = sorted({year for year, _c in sums})
    if not years:
        return []
    table = protect_sums(sums, rows=years, columns=COLUMNS, rule=rule or Rule.from_settings())
    goals = targets() if goals is None else goals
    rows = _rows(table, {year: str(year) for year in years}, {})
    return [replace(row, target=goals.get(row.key)) for row in rows]


def targets() -> dict[int, Decimal]:
    return dict(ShareTarget.objects.values_list("year", "share_percent"))


@dataclass(frozen=True)
class BudgetLine:
    budget: Budget
    quartier: Decimal
    cases: Decimal

    @property
    def spent(self) -> Decimal:
        return self.quartier + self.cases

    @property
    def left(self) -> Decimal:
        return self.budget.amount - self.spent


def budget_lines(budgets: QuerySet[Budget]) -> list[BudgetLine]:
    """Each budget with what is spent in the Quartier and on cases (one query)."""
    quartier = Q(bookings__kind__in=sorted(QUARTIER_KINDS))
    cases = Q(bookings__kind=SpendingKind.CASE)
    rows = (
        budgets.select_related("provider", "district")
        .defer(*geometry_fields("district"))
        .annotate(quartier=Sum("bookings__amount", filter=quartier))
        .annotate(cases=Sum("bookings__amount", filter=cases))
    )
    return [BudgetLine(b, b.quartier or Decimal(0), b.cases or Decimal(0)) for b in rows]


def years_booked() -> Sequence[int]:
    return list(Budget.objects.order_by("-year").values_list("year", flat=True).distinct())
