"""Secondary suppression: which further cells to hide so that no hidden cell can be
recomputed from the published ones, decided exactly over the rationals (Gauss-Jordan
elimination, then whole-number kernel vectors for counts). Used by
:mod:`sozialraum.lib.disclosure`; the public names are re-exported there."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence, Set
from decimal import Decimal
from fractions import Fraction
from typing import Any

#: A count or a sum.
Number = int | Decimal


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
