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
import math
import operator
from collections.abc import Callable, Iterator, Mapping, Sequence, Set
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Any, Final

from django.conf import settings

#: A row, column or contributor: any hashable (a district's pk, a slug, "city"). ``Any``
#: rather than ``Hashable`` because mapping keys are invariant: ``dict[str, int]`` must fit.
Key = Any
Number = int | Decimal
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
        sizes = sorted((abs(Fraction(v)) for v in contributions), reverse=True)
        if self.count_is_sensitive(len(sizes)):
            return True
        total = sum(sizes)
        return total > 0 and sum(sizes[: self.dominance_n]) * 100 > total * self.dominance_percent


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


# --- Secondary suppression -------------------------------------------------------------------


def suppress_secondary(
    values: Mapping[Any, Number],
    equations: Sequence[tuple[Any, Sequence[Any]]],
    primary: set[Any],
    *,
    aggregates: Set[Any] = frozenset(),
    lowest: int | None = None,
) -> set[Any]:
    """The cells to suppress besides ``primary`` so that no suppressed cell can be pinned
    down from the published ones under ``equations`` (each ``total = sum(parts)``); with
    ``lowest``, as whole numbers of at least ``lowest`` (see :func:`recomputable`).

    First every equation with a single suppressed cell gets a second one; then the exact
    test (:func:`recomputable`) catches the patterns that are still solvable (a suppressed
    cell bridging two otherwise protected groups) and a partner is added next to the first
    such cell, until none is left. Partners are the cheapest: non-zero before zero (in a
    table of counts a zero is never needed: hiding only cells of at least 1 keeps every
    hidden cell movable in both directions), leaf cells before ``aggregates``, small
    before large.
    """
    search = _Search(values, equations, set(primary), aggregates)
    safe: set[Any] = set()  # a cell once movable stays so: hiding more only adds freedom
    while search.suppressed:
        search.close_singletons()
        exposed = _pinned(search.suppressed, equations, values, lowest, skip=safe)
        safe |= search.suppressed - exposed
        if not exposed or not search.add_partners(sorted(exposed, key=_order)):
            break
    return search.suppressed - primary


def _order(cell: Any) -> str:
    return repr(cell)


class _Search:
    """The state of secondary suppression: the equations as cell tuples, the equations of
    each cell, and the cells suppressed so far."""

    def __init__(
        self,
        values: Mapping[Any, Number],
        equations: Sequence[tuple[Any, Sequence[Any]]],
        suppressed: set[Any],
        aggregates: Set[Any],
    ) -> None:
        self.values = values
        self.aggregates = aggregates
        self.suppressed = suppressed
        self.members = [(total, *parts) for total, parts in equations]
        self.by_cell: dict[Any, list[int]] = {}
        for index, cells in enumerate(self.members):
            for cell in cells:
                self.by_cell.setdefault(cell, []).append(index)

    def cost(self, cell: Any) -> tuple[bool, bool, Fraction, str]:
        value = self.values[cell]
        return (value == 0, cell in self.aggregates, abs(Fraction(value)), _order(cell))

    def close_singletons(self) -> None:
        """Until no equation has exactly one suppressed cell."""
        changed = True
        while changed:
            changed = False
            for cells in self.members:
                hidden = [cell for cell in cells if cell in self.suppressed]
                open_cells = [cell for cell in cells if cell not in self.suppressed]
                if len(hidden) == 1 and open_cells:
                    self.suppressed.add(min(open_cells, key=self.cost))
                    changed = True

    def add_partners(self, exposed: Sequence[Any]) -> bool:
        """Hide a partner next to each pinned cell, one per group of equations in a
        round (a partner often frees its neighbours too); whether any was added."""
        touched: set[int] = set()
        added = False
        for cell in exposed:
            if touched.intersection(self.by_cell.get(cell, ())):
                continue
            partner = self.partner(cell)
            if partner is not None:
                self.suppressed.add(partner)
                touched.update(self.by_cell.get(partner, ()), self.by_cell.get(cell, ()))
                added = True
        return added

    def partner(self, cell: Any) -> Any | None:
        """A published non-zero cell to suppress next to the recomputable ``cell``: the
        cheapest in its own equations, else in those of the cells reached through them,
        and so on. ``None`` when every non-zero cell is hidden: then the published cells
        are all zero, the hidden ones solve the equations with nothing on the other side,
        and any multiple of them does too, so none is pinned."""
        frontier, seen = {cell}, {cell}
        while frontier:
            reached = {
                other
                for c in frontier
                for i in self.by_cell.get(c, ())
                for other in self.members[i]
            }
            candidates = [c for c in reached - self.suppressed if self.values[c] != 0]
            if candidates:
                return min(candidates, key=self.cost)
            frontier = reached - seen
            seen |= reached
        return None


def recomputable(
    suppressed: Set[Any],
    equations: Sequence[tuple[Any, Sequence[Any]]],
    *,
    values: Mapping[Any, Number] | None = None,
    lowest: int | None = None,
) -> set[Any]:
    """The suppressed cells a reader can pin down from the published cells and the
    equations (each ``total = sum(parts)``).

    A cell is pinned when its unit vector lies in the row space of the equations
    restricted to the suppressed cells (exact Gauss-Jordan elimination over the
    rationals). With ``values`` and ``lowest`` (counts: every hidden count is a whole
    number of at least 1, since zeros are always shown), a cell is also pinned unless
    another whole-number solution of at least ``lowest`` everywhere is found that changes
    it: the true values moved by one kernel vector through the cell.
    """
    return _pinned(suppressed, equations, values, lowest, skip=frozenset())


def _pinned(
    suppressed: Set[Any],
    equations: Sequence[tuple[Any, Sequence[Any]]],
    values: Mapping[Any, Number] | None,
    lowest: int | None,
    *,
    skip: Set[Any],
) -> set[Any]:
    """:func:`recomputable`, leaving out the cells in ``skip`` (known to be movable)."""
    order = sorted(suppressed, key=_order)
    index = {cell: i for i, cell in enumerate(order)}
    pivots: dict[int, dict[int, Fraction]] = {}
    holders: dict[int, set[int]] = {}  # column -> pivots whose row has it
    for total, parts in equations:
        row: dict[int, Fraction] = {}
        for cell, sign in [(total, 1), *((part, -1) for part in parts)]:
            if cell in index:
                row[index[cell]] = row.get(index[cell], Fraction(0)) + sign
        _insert_row({c: v for c, v in row.items() if v}, pivots, holders)
    if values is None or lowest is None:
        return {order[p] for p, row in pivots.items() if len(row) == 1}
    truth = [values[cell] for cell in order]
    kernel = _Kernel(pivots, holders)
    return {
        cell
        for i, cell in enumerate(order)
        if cell not in skip and not kernel.can_move(i, truth, lowest)
    }


class _Kernel:
    """Whole-number vectors ``v`` with ``A v = 0`` for the reduced equations ``A``: moving
    the true hidden values by one keeps every published figure."""

    def __init__(
        self, pivots: Mapping[int, Mapping[int, Fraction]], holders: Mapping[int, Set[int]]
    ) -> None:
        self.pivots = pivots
        self.holders = holders
        self._fundamentals: dict[int, dict[int, int]] = {}

    def fundamental(self, free: int) -> dict[int, int]:
        """The vector with 1 at the free column ``free``, 0 at the other free columns."""
        if free not in self._fundamentals:
            self._fundamentals[free] = self._fundamental(free)
        return self._fundamentals[free]

    def _fundamental(self, free: int) -> dict[int, int]:
        vector = {free: Fraction(1)}
        for pivot in self.holders.get(free, ()):
            if pivot != free:
                vector[pivot] = -self.pivots[pivot][free]
        scale = math.lcm(*(value.denominator for value in vector.values()))
        return {c: int(value * scale) for c, value in vector.items()}

    def free_columns(self, cell: int) -> list[int]:
        """The free columns whose fundamental vector is not zero at ``cell``."""
        return [cell] if cell not in self.pivots else [c for c in self.pivots[cell] if c != cell]

    def can_move(self, i: int, truth: Sequence[Number], lowest: int) -> bool:
        """Whether the truth plus a fundamental vector through ``i`` (alone, or with one
        more fundamental vector repairing the cells it pushes below ``lowest``) stays at
        ``lowest`` or above everywhere. Sound, not complete: a miss hides one more cell."""
        for free in self.free_columns(i):
            for sign in (1, -1):
                move = {c: sign * step for c, step in self.fundamental(free).items()}
                short = [c for c, step in move.items() if truth[c] + step < lowest]
                if not short:
                    return True
                repairs = {f for c in short for f in self.free_columns(c)} - {free}
                for other in map(self.fundamental, sorted(repairs)):
                    for other_sign in (1, -1):
                        both = dict(move)
                        for c, step in other.items():
                            both[c] = both.get(c, 0) + other_sign * step
                        if both.get(i) and all(truth[c] + d >= lowest for c, d in both.items()):
                            return True
        return False


def _insert_row(
    row: dict[int, Fraction], pivots: dict[int, dict[int, Fraction]], holders: dict[int, set[int]]
) -> None:
    """Reduce ``row`` by the pivot rows; if anything is left, it becomes a pivot row and
    its pivot column is cleared from the others (keeping the rows fully reduced)."""
    for column in [c for c in row if c in pivots]:
        factor = row.get(column)
        if factor:
            _axpy(row, -factor, pivots[column])
    if not row:
        return
    pivot = min(row, key=lambda c: (len(holders.get(c, ())), c))
    scale = row[pivot]
    row = {c: v / scale for c, v in row.items()}
    for other in list(holders.get(pivot, ())):
        target = pivots[other]
        factor = target[pivot]
        _axpy(target, -factor, row, holders, other)
    pivots[pivot] = row
    for column in row:
        holders.setdefault(column, set()).add(pivot)


def _axpy(
    target: dict[int, Fraction],
    factor: Fraction,
    source: Mapping[int, Fraction],
    holders: dict[int, set[int]] | None = None,
    owner: int = -1,
) -> None:
    """``target += factor * source`` in place, dropping zeros (and, for a pivot row
    ``owner``, keeping ``holders`` up to date)."""
    for column, value in source.items():
        new = target.get(column, Fraction(0)) + factor * value
        if new:
            if holders is not None and column not in target:
                holders.setdefault(column, set()).add(owner)
            target[column] = new
        elif column in target:
            del target[column]
            if holders is not None:
                holders[column].discard(owner)
