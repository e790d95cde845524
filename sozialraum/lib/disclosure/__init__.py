"""Statistical disclosure control for published tables of counts and sums.

Every figure the platform publishes about persons (pages, PDF, CSV, JSON, maps) passes
through :func:`protect_counts` or :func:`protect_sums` once. They return a
:class:`ProtectedTable` whose cells keep their true value and a :class:`Status`:

- *primary* suppression: a count of 1 to ``min_count - 1`` (zeros are publishable); a sum
  with 1 to ``min_count - 1`` contributors, or one dominated by its largest contributors
  (the (n, k) rule: the ``dominance_n`` largest contributions make up more than
  ``dominance_percent`` per cent of the cell's absolute total);
- *secondary* suppression: further cells, chosen so that no suppressed cell can be
  recomputed from the published cells and totals (row totals, the column ``TOTAL`` and
  the row hierarchy's parents, e.g. Stadtteil -> Stadtbezirk -> city). A suppressed cell
  counts as recomputable when it is a linear consequence of the published figures, decided
  exactly over the rationals (no floating point).

A suppressed cell is shown as ``.`` (DIN 55301, "Zahlenwert geheim zu halten") with a
legend; the template library ``disclosure`` renders both. Public outputs say only
``publishable`` or ``suppressed``: telling primary from secondary cells would tell a
reader that a cell lies between 1 and ``min_count - 1``, which can be enough to recompute
it. The three-valued :attr:`Cell.status` is for code and tests.
"""

from __future__ import annotations

import enum
import heapq
import operator
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any, Final

from django.conf import settings

from .secondary import Number, recomputable, suppress_secondary

#: A row, column or contributor: any hashable (a district's pk, a slug, "city"). ``Any``
#: rather than ``Hashable`` because mapping keys are invariant: ``dict[str, int]`` must fit.
Key = Any
SUPPRESSED_SYMBOL: Final = "."


class Status(enum.StrEnum):
    """Why a cell is or is not shown."""

    PUBLISHABLE = "publishable"
    PRIMARY = "primary"
    SECONDARY = "secondary"


PUBLIC_SUPPRESSED: Final = "suppressed"


class _Total:
    """The column of row totals (a sentinel no data column can collide with)."""

    def __repr__(self) -> str:
        return "TOTAL"


TOTAL: Final = _Total()


@dataclass(frozen=True)
class Cell:
    """One figure of a protected table. ``value`` is the true figure: never render it
    without looking at ``status``; use :attr:`published`, :meth:`as_json`,
    :meth:`as_csv` or the ``disclosed`` template filter. ``count`` is the number of
    persons or contributors behind the figure (for counts, the value itself)."""

    value: Number | float
    status: Status
    count: int

    @property
    def suppressed(self) -> bool:
        return self.status is not Status.PUBLISHABLE

    @property
    def published(self) -> Number | float | None:
        """The value, or ``None`` when suppressed."""
        return None if self.suppressed else self.value

    @property
    def public_status(self) -> str:
        """``publishable`` or ``suppressed`` (never which kind of suppression)."""
        return PUBLIC_SUPPRESSED if self.suppressed else Status.PUBLISHABLE.value

    def as_json(self) -> dict[str, Any]:
        """``{"value": 12, "status": "publishable"}`` or ``{"value": null, "status":
        "suppressed"}``."""
        return {"value": self.published, "status": self.public_status}

    def as_csv(self) -> str:
        """The value as CSV text, ``.`` when suppressed (next to a ``status`` column)."""
        return SUPPRESSED_SYMBOL if self.suppressed else str(self.value)


def derived(value: Number | float | None, *sources: Cell) -> Cell:
    """A figure computed from other cells (a share, a mean, a rate): suppressed when any
    of its sources is, since it would give that source away. Its count is the smallest
    source count; a ``None`` value (e.g. a share of nothing) counts as 0."""
    statuses = {source.status for source in sources}
    status = next(
        (s for s in (Status.PRIMARY, Status.SECONDARY) if s in statuses), Status.PUBLISHABLE
    )
    count = min((source.count for source in sources), default=0)
    return Cell(value=0 if value is None else value, status=status, count=count)


@dataclass(frozen=True)
class Rule:
    """The thresholds; :meth:`from_settings` reads ``DISCLOSURE_MIN_COUNT``,
    ``DISCLOSURE_DOMINANCE_N`` and ``DISCLOSURE_DOMINANCE_PERCENT``. A
    ``dominance_percent`` of 100 switches the dominance rule off."""

    min_count: int = 3
    dominance_n: int = 2
    dominance_percent: int = 85

    @classmethod
    def from_settings(cls) -> Rule:
        return cls(
            min_count=settings.DISCLOSURE_MIN_COUNT,
            dominance_n=settings.DISCLOSURE_DOMINANCE_N,
            dominance_percent=settings.DISCLOSURE_DOMINANCE_PERCENT,
        )

    def count_is_sensitive(self, count: int) -> bool:
        return 0 < count < self.min_count

    def sum_is_sensitive(self, contributions: Sequence[Number]) -> bool:
        """Too few contributors, or the largest ones dominate the absolute total."""
        if self.count_is_sensitive(len(contributions)):
            return True
        if self.dominance_percent >= 100:
            # The largest contributions never exceed the absolute total: nothing to sort.
            return False
        sizes = [abs(Fraction(v)) for v in contributions]
        total = sum(sizes)
        largest = heapq.nlargest(self.dominance_n, sizes)
        return total > 0 and sum(largest) * 100 > total * self.dominance_percent


class ProtectedTable:
    """A table after disclosure control: rows (the given leaf rows, then the hierarchy's
    parents from the deepest level up, so the city comes last) by columns (the given
    columns, then :data:`TOTAL` when there are row totals)."""

    def __init__(self, rows: Sequence[Key], columns: Sequence[Key], cells: dict[Any, Cell]):
        self.rows: tuple[Key, ...] = tuple(rows)
        self.columns: tuple[Key, ...] = tuple(columns)
        self._cells = cells

    def cell(self, row: Key, column: Key) -> Cell:
        return self._cells[(row, column)]

    def __getitem__(self, key: tuple[Key, Key]) -> Cell:
        return self._cells[key]

    def row(self, row: Key) -> list[Cell]:
        """The row's cells in column order."""
        return [self._cells[(row, column)] for column in self.columns]

    def records(self) -> Iterator[tuple[Key, Key, Cell]]:
        """``(row, column, cell)`` for every cell, row by row (for CSV and JSON)."""
        for row in self.rows:
            for column in self.columns:
                yield row, column, self._cells[(row, column)]

    @property
    def any_suppressed(self) -> bool:
        """Whether the legend for ``.`` is needed."""
        return any(cell.suppressed for cell in self._cells.values())


def protect_counts(
    counts: Mapping[tuple[Key, Key], int],
    *,
    rows: Sequence[Key],
    columns: Sequence[Key],
    hierarchy: Mapping[Key, Key] | None = None,
    column_total: bool = True,
    rule: Rule | None = None,
) -> ProtectedTable:
    """Protect a table of counts of persons.

    ``counts`` maps ``(row, column)`` of the leaf rows to a non-negative count (missing
    pairs are 0). ``hierarchy`` maps a row to its parent row (a leaf district to its
    Stadtbezirk, that to the city); every parent becomes a row holding the sum of its
    children. Data belongs to leaves only: a row that is also a parent is refused.
    ``column_total`` adds the column :data:`TOTAL` (the sum of the row's columns).
    """
    if any(value < 0 for value in counts.values()):
        raise ValueError("Counts cannot be negative.")
    return _protect(counts, rows, columns, hierarchy, column_total, rule, counts=True)


def protect_sums(
    contributions: Mapping[tuple[Key, Key], Mapping[Key, Number]],
    *,
    rows: Sequence[Key],
    columns: Sequence[Key],
    hierarchy: Mapping[Key, Key] | None = None,
    column_total: bool = True,
    rule: Rule | None = None,
) -> ProtectedTable:
    """Protect a table of sums (budgets, changes of a rating) given per contributor.

    ``contributions`` maps ``(row, column)`` of the leaf rows to ``{contributor: value}``
    (a provider's budget, a person's change); the same contributor in several cells is
    one contributor of their total. A cell is primary when it has 1 to ``min_count - 1``
    contributors or fails the dominance rule; its ``count`` is its contributors. Other
    arguments as :func:`protect_counts`.
    """
    return _protect(contributions, rows, columns, hierarchy, column_total, rule, counts=False)


# --- Building the table ----------------------------------------------------------------------


def _protect(
    contributions: Mapping[tuple[Key, Key], Any],
    rows: Sequence[Key],
    columns: Sequence[Key],
    hierarchy: Mapping[Key, Key] | None,
    column_total: bool,
    rule: Rule | None,
    *,
    counts: bool,
) -> ProtectedTable:
    """Cells carry an ``int`` (counts) or a ``{contributor: value}`` (sums) until the
    rule turns them into values, counts and statuses."""
    rule = rule or Rule.from_settings()
    parents = dict(hierarchy or {})
    all_rows = _row_order(rows, parents)
    all_columns = [*columns, TOTAL] if column_total else list(columns)
    _check_keys(contributions, rows, columns)
    zero: Callable[[], Any] = int if counts else dict
    add: Callable[[Any, Any], Any] = operator.add if counts else _merge
    leaves = {(r, c): contributions.get((r, c), zero()) for r in rows for c in columns}
    merged = _aggregate(leaves, rows, columns, parents, all_rows, column_total, zero, add)
    if counts:
        values = dict(merged)
        sizes = dict(merged)
        primary = {k for k, v in values.items() if rule.count_is_sensitive(v)}
    else:
        values = {key: sum(c.values(), start=0) for key, c in merged.items()}
        sizes = {key: len(c) for key, c in merged.items()}
        primary = {k for k, c in merged.items() if rule.sum_is_sensitive(list(c.values()))}
    equations = _equations(rows, columns, parents, all_rows, column_total)
    aggregates = {key for key in merged if key not in leaves}
    secondary = suppress_secondary(
        values, equations, primary, aggregates=aggregates, lowest=1 if counts else None
    )
    cells = {
        key: Cell(value=values[key], status=_status(key, primary, secondary), count=sizes[key])
        for key in merged
    }
    return ProtectedTable(all_rows, all_columns, cells)


def _status(key: Key, primary: set[Any], secondary: set[Any]) -> Status:
    if key in primary:
        return Status.PRIMARY
    return Status.SECONDARY if key in secondary else Status.PUBLISHABLE


def _row_order(rows: Sequence[Key], parents: Mapping[Key, Key]) -> list[Key]:
    """Leaves as given, then parents level by level from the deepest (the root last)."""
    if len(set(rows)) != len(rows):
        raise ValueError("A row is given twice.")
    if parents.keys() - set(rows) - set(parents.values()):
        raise ValueError("The hierarchy names a row that is neither given nor a parent.")
    clash = set(rows) & set(parents.values())
    if clash:
        raise ValueError(f"Rows {sorted(map(str, clash))} hold data and are parents.")
    depth: dict[Key, int] = {}
    for row in rows:
        seen: list[Key] = []
        node = row
        while node in parents:
            seen.append(node)
            node = parents[node]
            if node in seen:
                raise ValueError("The hierarchy has a cycle.")
            depth[node] = max(depth.get(node, 0), len(seen))
    return [*rows, *sorted(depth, key=lambda node: depth[node])]


def _check_keys(
    contributions: Mapping[tuple[Key, Key], Any], rows: Sequence[Key], columns: Sequence[Key]
) -> None:
    row_set, column_set = set(rows), set(columns)
    for row, column in contributions:
        if row not in row_set or column not in column_set:
            raise ValueError(f"Cell ({row!r}, {column!r}) is outside the given rows and columns.")


def _merge(one: Mapping[Key, Number], other: Mapping[Key, Number]) -> dict[Key, Number]:
    """Contributions of two cells together: one contributor's values added up."""
    merged = dict(one)
    for contributor, value in other.items():
        merged[contributor] = merged.get(contributor, 0) + value
    return merged


def _aggregate(
    leaves: dict[tuple[Key, Key], Any],
    rows: Sequence[Key],
    columns: Sequence[Key],
    parents: Mapping[Key, Key],
    all_rows: Sequence[Key],
    column_total: bool,
    zero: Callable[[], Any],
    add: Callable[[Any, Any], Any],
) -> dict[tuple[Key, Key], Any]:
    """Every cell: the leaves, each parent row as the sum of its leaves, then the row
    totals."""
    merged = dict(leaves)
    for row in rows:
        node = row
        while node in parents:
            node = parents[node]
            for column in columns:
                key = (node, column)
                merged[key] = add(merged.get(key, zero()), leaves[(row, column)])
    if column_total:
        for row in all_rows:
            total = zero()
            for column in columns:
                total = add(total, merged[(row, column)])
            merged[(row, TOTAL)] = total
    return merged


def _equations(
    rows: Sequence[Key],
    columns: Sequence[Key],
    parents: Mapping[Key, Key],
    all_rows: Sequence[Key],
    column_total: bool,
) -> list[tuple[Any, list[Any]]]:
    """``(total, parts)``: every parent cell is the sum of its children's cells (in each
    column, the total column included), every row total the sum of the row."""
    children: dict[Key, list[Key]] = {}
    for row in all_rows:
        if row in parents:
            children.setdefault(parents[row], []).append(row)
    all_columns = [*columns, TOTAL] if column_total else list(columns)
    equations: list[tuple[Any, list[Any]]] = [
        ((parent, column), [(child, column) for child in kids])
        for parent, kids in children.items()
        for column in all_columns
    ]
    if column_total:
        equations += [((row, TOTAL), [(row, column) for column in columns]) for row in all_rows]
    return equations


__all__ = [
    "SUPPRESSED_SYMBOL",
    "TOTAL",
    "Cell",
    "Number",
    "ProtectedTable",
    "Rule",
    "Status",
    "derived",
    "protect_counts",
    "protect_sums",
    "recomputable",
    "suppress_secondary",
]
