"""Disclosure control on hand-computed tables: which cells are hidden, and why."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.template import Context, Template
from django.utils import translation

from sozialraum.lib.disclosure import (
    TOTAL,
    Cell,
    ProtectedTable,
    Rule,
    Status,
    derived,
    protect_counts,
    protect_sums,
    recomputable,
    suppress_secondary,
)

RULE = Rule(min_count=3, dominance_n=2, dominance_percent=85)
P, S, X = Status.PUBLISHABLE, Status.PRIMARY, Status.SECONDARY


def _statuses(table: ProtectedTable, row: str) -> list[Status]:
    return [cell.status for cell in table.row(row)]


def test_counts_of_one_and_two_are_primary_and_zeros_and_three_are_shown() -> None:
    counts = {("a", "zero"): 0, ("a", "one"): 1, ("a", "two"): 2, ("a", "three"): 3}
    table = protect_counts(
        counts, rows=["a"], columns=["zero", "one", "two", "three"], column_total=False, rule=RULE
    )
    assert _statuses(table, "a") == [P, S, S, P]


def test_the_threshold_comes_from_the_setting(settings: Any) -> None:
    settings.DISCLOSURE_MIN_COUNT = 5
    table = protect_counts({("a", "x"): 4}, rows=["a"], columns=["x"], column_total=False)
    assert table.cell("a", "x").status is S


def test_a_primary_cell_is_hidden_with_a_rectangle_of_partners_in_a_hierarchy() -> None:
    # Stadtteile a, b in Bezirk B1, c in B2; both Bezirke in the city.
    #        x   y   total          secondary: (a,y) hides (a,x) in row a,
    # a      1   5   6              (b,x) in column x of B1, (b,y) closes row b.
    # b      4   6   10
    # c      7   0   7
    counts = {("a", "x"): 1, ("a", "y"): 5, ("b", "x"): 4, ("b", "y"): 6, ("c", "x"): 7}
    hierarchy = {"a": "B1", "b": "B1", "c": "B2", "B1": "city", "B2": "city"}
    table = protect_counts(
        counts, rows=["a", "b", "c"], columns=["x", "y"], hierarchy=hierarchy, rule=RULE
    )
    assert table.rows == ("a", "b", "c", "B1", "B2", "city")
    assert table.columns == ("x", "y", TOTAL)
    assert _statuses(table, "a") == [S, X, P]
    assert _statuses(table, "b") == [X, X, P]
    for row in ("c", "B1", "B2", "city"):
        assert _statuses(table, row) == [P, P, P]
    assert [cell.value for cell in table.row("B1")] == [5, 11, 16]
    assert table.cell("city", TOTAL).value == 23


def test_a_small_district_total_hides_its_sibling_district_and_one_of_its_parts() -> None:
    # city = A + B; A = a1 + a2 (1 + 1: all primary); B = b1 + b2 (5 + 6).
    # A alone hidden in the city's sum would be city - B, so B goes (cheaper than the
    # city); B alone hidden in its own sum would be b1 + b2, so b1 goes.
    counts = {("a1", "n"): 1, ("a2", "n"): 1, ("b1", "n"): 5, ("b2", "n"): 6}
    hierarchy = {"a1": "A", "a2": "A", "b1": "B", "b2": "B", "A": "city", "B": "city"}
    table = protect_counts(
        counts,
        rows=["a1", "a2", "b1", "b2"],
        columns=["n"],
        hierarchy=hierarchy,
        column_total=False,
        rule=RULE,
    )
    statuses = {row: table.cell(row, "n").status for row in table.rows}
    assert statuses == {"a1": S, "a2": S, "A": S, "b1": X, "b2": P, "B": X, "city": P}


def test_a_cell_bridging_two_hidden_rectangles_is_found_and_given_a_partner() -> None:
    # Rows r1..r4 and columns c1..c4 with margins. Hidden: the rectangles r1/r2 x c1/c2
    # and r3/r4 x c3/c4 and the bridge (r2, c3). Every line holds two hidden cells, yet
    # the bridge is the difference of two published sums.
    rows, columns = ["r1", "r2", "r3", "r4"], ["c1", "c2", "c3", "c4"]
    equations = [((r, "T"), [(r, c) for c in columns]) for r in rows]
    equations += [(("S", c), [(r, c) for r in rows]) for c in columns]
    hidden = {("r1", "c1"), ("r1", "c2"), ("r2", "c1"), ("r2", "c2")}
    hidden |= {("r3", "c3"), ("r3", "c4"), ("r4", "c3"), ("r4", "c4"), ("r2", "c3")}
    assert recomputable(hidden, equations) == {("r2", "c3")}
    values: dict[object, int] = {cell: 10 for _total, parts in equations for cell in parts}
    values |= {total: 40 for total, _parts in equations}
    values[("r2", "c4")] = 4
    secondary = suppress_secondary(values, equations, hidden)
    assert secondary == {("r2", "c4")}
    assert recomputable(hidden | secondary, equations) == set()


def test_sums_with_too_few_contributors_or_dominated_by_two_are_primary() -> None:
    contributions = {
        ("d", "few"): {"p1": Decimal(500), "p2": Decimal(500)},
        ("d", "dominated"): {"p1": Decimal(90), "p2": Decimal(5), "p3": Decimal(5)},
        ("d", "at_limit"): {"p1": Decimal(50), "p2": Decimal(35), "p3": Decimal(15)},
        ("d", "spread"): {"p1": Decimal(40), "p2": Decimal(40), "p3": Decimal(20)},
    }
    table = protect_sums(
        contributions,
        rows=["d"],
        columns=["few", "dominated", "at_limit", "spread"],
        column_total=False,
        rule=RULE,
    )
    assert _statuses(table, "d") == [S, S, P, P]
    assert table.cell("d", "few").count == 2


def test_one_contributor_in_several_districts_is_one_contributor_of_the_city() -> None:
    contributions = {
        ("d1", "budget"): {"p1": 50, "p2": 30, "p3": 20},
        ("d2", "budget"): {"p1": 50, "p4": 30, "p5": 20},
    }
    table = protect_sums(
        contributions,
        rows=["d1", "d2"],
        columns=["budget"],
        hierarchy={"d1": "city", "d2": "city"},
        column_total=False,
        rule=RULE,
    )
    city = table.cell("city", "budget")
    assert (city.value, city.count, city.status) == (200, 5, P)


def test_the_dominance_rule_is_off_at_one_hundred_per_cent() -> None:
    rule = Rule(min_count=3, dominance_n=1, dominance_percent=100)
    table = protect_sums(
        {("d", "x"): {"p1": 98, "p2": 1, "p3": 1}}, rows=["d"], columns=["x"], rule=rule
    )
    assert table.cell("d", "x").status is P


def test_sums_may_be_negative_and_dominance_weighs_their_size() -> None:
    table = protect_sums(
        {("d", "x"): {"p1": -90, "p2": 5, "p3": 5}},
        rows=["d"],
        columns=["x"],
        column_total=False,
        rule=RULE,
    )
    assert table.cell("d", "x").status is S


def test_published_representations_never_tell_primary_from_secondary() -> None:
    shown, primary, secondary = Cell(12, P, 12), Cell(1, S, 1), Cell(7, X, 7)
    assert shown.as_json() == {"value": 12, "status": "publishable"}
    assert primary.as_json() == secondary.as_json() == {"value": None, "status": "suppressed"}
    assert (shown.as_csv(), primary.as_csv(), secondary.as_csv()) == ("12", ".", ".")
    assert primary.published is None


def test_a_figure_derived_from_a_hidden_cell_is_hidden() -> None:
    share = derived(0.25, Cell(1, S, 1), Cell(4, P, 4))
    assert share.suppressed and share.status is S and share.count == 1
    assert derived(0.5, Cell(3, P, 3), Cell(6, X, 6)).status is X
    assert derived(None, Cell(0, P, 0)).as_json() == {"value": 0, "status": "publishable"}


def test_data_on_a_parent_row_a_cycle_or_a_stray_cell_is_refused() -> None:
    with pytest.raises(ValueError, match="hold data and are parents"):
        protect_counts({}, rows=["a", "A"], columns=["x"], hierarchy={"a": "A"}, rule=RULE)
    with pytest.raises(ValueError, match="cycle"):
        protect_counts(
            {}, rows=["a"], columns=["x"], hierarchy={"a": "A", "A": "B", "B": "A"}, rule=RULE
        )
    with pytest.raises(ValueError, match="outside"):
        protect_counts({("b", "x"): 3}, rows=["a"], columns=["x"], rule=RULE)
    with pytest.raises(ValueError, match="negative"):
        protect_counts({("a", "x"): -1}, rows=["a"], columns=["x"], rule=RULE)


def _render(source: str, **context: object) -> str:
    with translation.override("de"):
        return Template("{% load disclosure %}" + source).render(Context(context))


def test_the_template_shows_a_dot_with_its_meaning_and_german_numbers() -> None:
    html = _render(
        "{{ a|disclosed }} {{ b|disclosed }} {{ b|disclosed_text:1 }}",
        a=Cell(1, S, 1),
        b=Cell(12345, P, 12345),
    )
    assert html == (
        '<abbr title="Zahlenwert geheim gehalten, um Einzelne zu schützen">.</abbr> 12.345 12.345,0'
    )


def test_the_legend_is_german_names_the_threshold_and_shows_only_when_needed() -> None:
    hiding = protect_counts({("a", "x"): 1}, rows=["a"], columns=["x"], rule=RULE)
    open_table = protect_counts({("a", "x"): 4}, rows=["a"], columns=["x"], rule=RULE)
    legend = _render("{% disclosure_legend table %}", table=hiding)
    assert "weniger als 3 Personen" in legend and "DIN 55301" in legend
    assert _render("{% disclosure_legend table %}", table=open_table).strip() == ""
    assert "DIN 55301" in _render("{% disclosure_legend %}")
