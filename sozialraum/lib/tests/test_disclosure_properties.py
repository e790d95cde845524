"""Property tests: random tables of counts and sums in random district hierarchies are
protected, then attacked with everything published - every shown cell, every row total,
every parent district's and the city's figures - as a system of linear equations whose
unknowns are the hidden cells. No hidden cell may be determined by it: not by exact
linear algebra over the rationals, and, for counts, not as the only non-negative whole
number left either (a second whole-number solution that changes the cell is built and
checked against every published equation).

The attacker here is written independently of the module under test: dense Gauss
elimination and ranks instead of its sparse incremental elimination, and the equations
read back from the published table's shape rather than taken from the module.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sozialraum.lib.disclosure import (
    TOTAL,
    ProtectedTable,
    Rule,
    Status,
    protect_counts,
    protect_sums,
)

RULE = Rule(min_count=3, dominance_n=2, dominance_percent=85)
Matrix = list[list[Fraction]]


@dataclass
class Shape:
    rows: list[str]
    columns: list[str]
    hierarchy: dict[str, str]
    column_total: bool


@st.composite
def shapes(draw: st.DrawFn) -> Shape:
    """1 to 7 leaf districts, flat, under the city, or in 1-3 Bezirke under the city."""
    rows = [f"d{i}" for i in range(draw(st.integers(1, 7)))]
    columns = [f"c{i}" for i in range(draw(st.integers(1, 4)))]
    depth = draw(st.sampled_from([0, 1, 2]))
    hierarchy: dict[str, str] = {}
    if depth == 1:
        hierarchy = dict.fromkeys(rows, "city")
    elif depth == 2:
        groups = draw(st.integers(1, 3))
        hierarchy = {row: f"B{draw(st.integers(0, groups - 1))}" for row in rows}
        hierarchy |= dict.fromkeys(set(hierarchy.values()), "city")
    return Shape(rows, columns, hierarchy, draw(st.booleans()))


small_counts = st.one_of(st.integers(0, 3), st.integers(0, 12))


@st.composite
def count_tables(draw: st.DrawFn) -> tuple[Shape, dict[tuple[str, str], int]]:
    shape = draw(shapes())
    counts = {(r, c): draw(small_counts) for r in shape.rows for c in shape.columns}
    return shape, counts


def _equations(table: ProtectedTable, shape: Shape) -> Iterator[tuple[Any, list[Any]]]:
    """What a reader knows of the table's shape: parents add up their children, and the
    total column adds up the row."""
    children: dict[str, list[str]] = {}
    for child, parent in shape.hierarchy.items():
        children.setdefault(parent, []).append(child)
    for parent, kids in children.items():
        for column in table.columns:
            yield (parent, column), [(kid, column) for kid in kids]
    if shape.column_total:
        data_columns = [c for c in table.columns if c is not TOTAL]
        for row in table.rows:
            yield (row, TOTAL), [(row, c) for c in data_columns]


def _system(table: ProtectedTable, shape: Shape) -> tuple[list[Any], Matrix, list[Fraction]]:
    """Unknowns (the hidden cells), and ``A x = b`` built from published values only."""
    hidden = [(r, c) for r, c, cell in table.records() if cell.suppressed]
    index = {key: i for i, key in enumerate(hidden)}
    matrix: Matrix = []
    rhs: list[Fraction] = []
    for total, parts in _equations(table, shape):
        row = [Fraction(0)] * len(hidden)
        constant = Fraction(0)
        for key, sign in [(total, 1), *((part, -1) for part in parts)]:
            published = table[key].published
            if published is None:
                row[index[key]] += sign
            else:
                constant -= sign * Fraction(published)
        matrix.append(row)
        rhs.append(constant)
    return hidden, matrix, rhs


def _rref(matrix: Matrix, width: int) -> tuple[Matrix, list[int]]:
    rows = [list(row) for row in matrix]
    pivots: list[int] = []
    rank = 0
    for column in range(width):
        found = next((r for r in range(rank, len(rows)) if rows[r][column]), None)
        if found is None:
            continue
        rows[rank], rows[found] = rows[found], rows[rank]
        pivot = rows[rank][column]
        rows[rank] = [value / pivot for value in rows[rank]]
        for r in range(len(rows)):
            if r != rank and rows[r][column]:
                factor = rows[r][column]
                rows[r] = [a - factor * b for a, b in zip(rows[r], rows[rank], strict=True)]
        pivots.append(column)
        rank += 1
    return rows[:rank], pivots


def _rank(matrix: Matrix, width: int) -> int:
    return len(_rref(matrix, width)[1])


def _determined(matrix: Matrix, width: int, i: int) -> bool:
    """x_i is fixed by A x = b exactly when dropping its column lowers the rank."""
    without = [row[:i] + row[i + 1 :] for row in matrix]
    return _rank(without, width - 1) < _rank(matrix, width)


def _feasible(matrix: Matrix, rhs: list[Fraction]) -> bool:
    """Whether ``A z = b`` has a solution ``z >= 0``: phase one of the simplex method,
    exact over the rationals, Bland's rule (no cycling)."""
    m, n = len(matrix), len(matrix[0]) if matrix else 0
    tableau = []
    for r, (row, b) in enumerate(zip(matrix, rhs, strict=True)):
        sign = -1 if b < 0 else 1
        unit = [Fraction(int(k == r)) for k in range(m)]
        tableau.append([sign * a for a in row] + unit + [sign * b])
    basis = [n + r for r in range(m)]
    while True:
        in_basis = [int(basis[r] >= n) for r in range(m)]
        reduced = [
            int(j >= n) - sum(in_basis[r] * tableau[r][j] for r in range(m)) for j in range(n + m)
        ]
        entering = next((j for j in range(n + m) if reduced[j] < 0), None)
        if entering is None:
            break
        ratios = [
            (tableau[r][-1] / tableau[r][entering], basis[r], r)
            for r in range(m)
            if tableau[r][entering] > 0
        ]
        _ratio, _var, leaving = min(ratios)
        pivot = tableau[leaving][entering]
        tableau[leaving] = [value / pivot for value in tableau[leaving]]
        for r in range(m):
            if r != leaving and tableau[r][entering]:
                factor = tableau[r][entering]
                tableau[r] = [
                    a - factor * b for a, b in zip(tableau[r], tableau[leaving], strict=True)
                ]
        basis[leaving] = entering
    return sum(tableau[r][-1] for r in range(m) if basis[r] >= n) == 0


def _can_differ(matrix: Matrix, rhs: list[Fraction], truth: list[int], i: int, lowest: int) -> bool:
    """Whether ``A y = b`` has a solution with every ``y >= lowest`` and ``y_i`` another
    value than the truth. Exact for whole numbers too: the equations of a table with a
    row hierarchy and row totals are sums over two laminar families of leaf cells, so the
    constraint matrix is totally unimodular and a rational solution means a whole one.
    With ``z = y - lowest``: is ``z_i >= t + 1`` or ``z_i <= t - 1`` feasible?"""
    width = len(truth)
    shifted = [b - sum(a * lowest for a in row) for row, b in zip(matrix, rhs, strict=True)]
    target = truth[i] - lowest
    for sign, bound in ((1, target + 1), (-1, target - 1)):
        if bound < 0:
            continue
        # z_i - s = bound (above) or z_i + s = bound (below), with a slack s >= 0.
        rows = [[*row, Fraction(0)] for row in matrix]
        extra = [*(Fraction(int(k == i)) for k in range(width)), Fraction(-sign)]
        if _feasible([*rows, extra], [*shifted, Fraction(bound)]):
            return True
    return False


def _protect(shape: Shape, counts: dict[tuple[str, str], int]) -> ProtectedTable:
    return protect_counts(
        counts,
        rows=shape.rows,
        columns=shape.columns,
        hierarchy=shape.hierarchy,
        column_total=shape.column_total,
        rule=RULE,
    )


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(count_tables())
def test_no_hidden_count_can_be_recomputed_from_what_is_published(
    table_data: tuple[Shape, dict[tuple[str, str], int]],
) -> None:
    shape, counts = table_data
    table = _protect(shape, counts)
    hidden, matrix, rhs = _system(table, shape)
    truth = [int(table[key].value) for key in hidden]
    for i, key in enumerate(hidden):
        assert not _determined(matrix, len(hidden), i), key
        # Zeros are always shown, so a reader knows every hidden count is at least 1.
        assert _can_differ(matrix, rhs, truth, i, lowest=1), key


@settings(max_examples=100, deadline=None)
@given(count_tables())
def test_only_counts_of_one_and_two_are_primary_and_every_other_hidden_count_is_large(
    table_data: tuple[Shape, dict[tuple[str, str], int]],
) -> None:
    table = _protect(*table_data)
    for _row, _column, cell in table.records():
        assert (cell.status is Status.PRIMARY) == (1 <= cell.value <= 2)
        if cell.status is Status.SECONDARY:
            assert cell.value >= RULE.min_count


@settings(max_examples=100, deadline=None)
@given(count_tables())
def test_parents_and_totals_are_the_sums_of_their_parts(
    table_data: tuple[Shape, dict[tuple[str, str], int]],
) -> None:
    shape, counts = table_data
    table = _protect(shape, counts)
    for total, parts in _equations(table, shape):
        assert table[total].value == sum(table[part].value for part in parts)
    for (row, column), value in counts.items():
        assert table.cell(row, column).value == value


contributions = st.dictionaries(
    st.sampled_from([f"p{i}" for i in range(6)]), st.integers(-20, 60), max_size=5
)


@settings(max_examples=200, deadline=None)
@given(shapes(), st.data())
def test_no_hidden_sum_can_be_recomputed_and_dominated_sums_are_hidden(
    shape: Shape, data: st.DataObject
) -> None:
    given_sums = {(r, c): data.draw(contributions) for r in shape.rows for c in shape.columns}
    table = protect_sums(
        given_sums,
        rows=shape.rows,
        columns=shape.columns,
        hierarchy=shape.hierarchy,
        column_total=shape.column_total,
        rule=RULE,
    )
    hidden, matrix, _rhs = _system(table, shape)
    for i, key in enumerate(hidden):
        assert not _determined(matrix, len(hidden), i), key
    for (row, column), parts in given_sums.items():
        sizes = sorted((abs(v) for v in parts.values()), reverse=True)
        dominated = sum(sizes) > 0 and sum(sizes[:2]) * 100 > sum(sizes) * 85
        if 0 < len(parts) < 3 or dominated:
            assert table.cell(row, column).status is Status.PRIMARY
