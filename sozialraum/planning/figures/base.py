"""The shape every dashboard figure shares: the districts compared (a city's districts
of kind ``district``, the city as their parent row) and tables of cells that passed
disclosure control (:mod:`sozialraum.lib.disclosure`).

Counts about persons use the rule in the settings (counts of 1 to ``min_count - 1``
withheld, and further cells so that none can be recomputed from the city's row). Counts
of what the platform already publishes cell by cell (offers in the public directory,
barriers on the public barrier pages, official population figures) pass the same step
with :data:`PUBLIC_RULE`, which withholds nothing: there is no person behind them to
protect, and their exact values are on public pages anyway.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from sozialraum.districts.models import District, DistrictKind
from sozialraum.lib.disclosure import Cell, ProtectedTable, Rule, protect_counts

#: The row of the whole city (the sum of its districts' rows).
CITY: Final = "city"
#: Counts of public facts: nothing is withheld (see the module's docstring).
PUBLIC_RULE: Final = Rule(min_count=1, dominance_percent=100)


@dataclass(frozen=True)
class Area:
    """The city and its districts compared on the dashboard, and for every district of
    any kind the compared district it lies in (quarters are counted in their district;
    what lies in no compared district counts nowhere)."""

    city: District
    districts: tuple[District, ...]
    compared_of: Mapping[int, int]

    @property
    def rows(self) -> list[Any]:
        return [district.pk for district in self.districts]

    @property
    def hierarchy(self) -> dict[Any, Any]:
        return {district.pk: CITY for district in self.districts}

    def label(self, row: Any) -> str:
        if row == CITY:
            return self.city.name
        return next(d.name for d in self.districts if d.pk == row)

    def slug(self, row: Any) -> str:
        if row == CITY:
            return self.city.slug
        return next(d.slug for d in self.districts if d.pk == row)

    def leaf(self, district_id: int | None) -> int | None:
        """The compared district that ``district_id`` lies in, or None."""
        return None if district_id is None else self.compared_of.get(district_id)


def area_load(*, city: str | None = None, district: str | None = None) -> Area | None:
    """The city with the slug ``city``, or the one ``district`` (a slug) lies in, or
    else the first city by name; with its districts by name (two queries). None when
    there is no such city."""
    tree = list(District.objects.order_by("name").values_list("pk", "parent_id", "kind", "slug"))
    parents = {pk: parent for pk, parent, _kind, _slug in tree}
    cities = [(pk, slug) for pk, _parent, kind, slug in tree if kind == DistrictKind.CITY]
    city_id = _city_id(cities, parents, tree, city, district)
    if city_id is None:
        return None
    compared = {pk for pk, parent, kind, _slug in tree if parent == city_id and kind == "district"}
    compared_of: dict[int, int] = {}
    for pk in parents:
        node: int | None = pk
        while node is not None and node not in compared:
            node = parents.get(node)
        if node is not None:
            compared_of[pk] = node
    districts = District.objects.filter(pk__in=[city_id, *compared]).defer(
        "boundary", "boundary_display"
    )
    by_pk = {district.pk: district for district in districts}
    ordered = tuple(sorted((by_pk[pk] for pk in compared), key=lambda d: (d.name, d.pk)))
    return Area(city=by_pk[city_id], districts=ordered, compared_of=compared_of)


def _city_id(
    cities: list[tuple[int, str]],
    parents: Mapping[int, int | None],
    tree: Sequence[tuple[int, int | None, str, str]],
    city: str | None,
    district: str | None,
) -> int | None:
    if city is not None:
        return next((pk for pk, slug in cities if slug == city), None)
    if district is not None:
        node = next((pk for pk, _parent, _kind, slug in tree if slug == district), None)
        city_ids = {pk for pk, _slug in cities}
        while node is not None and node not in city_ids:
            node = parents.get(node)
        return node
    return cities[0][0] if cities else None


@dataclass(frozen=True)
class Figure:
    """One table of the dashboard: a district per row and the city last, its columns
    with their labels, and its cells (missing where there is no figure at all, e.g. no
    population data). ``unit`` says what a count counts (persons, offers, searches)."""

    key: str
    title: str
    unit: str
    columns: tuple[Any, ...]
    column_labels: Mapping[Any, str]
    cells: Mapping[tuple[Any, Any], Cell]
    decimals: int = 0
    note: str = ""
    rows: tuple[Any, ...] = field(default=())
    row_labels: Mapping[Any, str] = field(default_factory=dict)
    row_slugs: Mapping[Any, str] = field(default_factory=dict)

    def cell(self, row: Any, column: Any) -> Cell | None:
        return self.cells.get((row, column))

    def row(self, row: Any) -> list[Cell | None]:
        return [self.cell(row, column) for column in self.columns]

    @property
    def any_suppressed(self) -> bool:
        return any(cell.suppressed for cell in self.cells.values())

    @property
    def lines(self) -> list[tuple[str, str, list[Cell | None]]]:
        """``(slug, name, cells in column order)`` for every row, the city last."""
        return [(self.row_slugs[row], self.row_labels[row], self.row(row)) for row in self.rows]

    @property
    def shows_count(self) -> bool:
        """Rates and shares show the count behind them; a count is its own."""
        return self.decimals > 0

    def compare(self, row: Any) -> list[tuple[str, Cell | None, Cell | None]]:
        """``(column name, the row's cell, the city's cell)`` for every column."""
        return [
            (self.column_labels[c], self.cell(row, c), self.cell(CITY, c)) for c in self.columns
        ]


def counts_figure(
    area: Area,
    counts: Iterable[tuple[int | None, Any, int]],
    *,
    key: str,
    title: str,
    unit: str,
    column_labels: Mapping[Any, str],
    rule: Rule | None = None,
    note: str = "",
    row_total: bool = False,
) -> Figure:
    """A figure of counts: ``counts`` gives ``(district id, column, count)`` for any
    district; they are summed per compared district and protected with the city as the
    district rows' total (``rule`` as given, else the settings' rule for persons).
    Columns may overlap (a person with goals in two life areas counts in both), so no
    row total is formed unless ``row_total``: then the protection also takes each row's
    sum as known (for columns that add up to a figure published elsewhere, e.g. years
    to the dashboard's total)."""
    columns = tuple(column_labels)
    summed: dict[tuple[Any, Any], int] = defaultdict(int)
    for district_id, column, count in counts:
        leaf = area.leaf(district_id)
        if leaf is not None and column in column_labels:
            summed[(leaf, column)] += count
    table = protect_counts(
        summed,
        rows=area.rows,
        columns=columns,
        hierarchy=area.hierarchy,
        column_total=row_total,
        rule=rule,
    )
    return _figure(area, table, key, title, unit, column_labels, note)


def _figure(
    area: Area,
    table: ProtectedTable,
    key: str,
    title: str,
    unit: str,
    column_labels: Mapping[Any, str],
    note: str,
    decimals: int = 0,
) -> Figure:
    cells = {(r, c): cell for r, c, cell in table.records() if c in column_labels}
    return Figure(
        key=key,
        title=title,
        unit=unit,
        columns=tuple(column_labels),
        column_labels=column_labels,
        cells=cells,
        decimals=decimals,
        note=note,
        rows=table.rows,
        row_labels=_row_labels(area),
        row_slugs=_row_slugs(area),
    )


def cells_figure(
    area: Area,
    cells: Mapping[tuple[Any, Any], Cell],
    *,
    key: str,
    title: str,
    unit: str,
    column_labels: Mapping[Any, str],
    decimals: int = 0,
    note: str = "",
) -> Figure:
    """A figure of cells computed elsewhere (rates, shares, official figures)."""
    return Figure(
        key=key,
        title=title,
        unit=unit,
        columns=tuple(column_labels),
        column_labels=column_labels,
        cells=dict(cells),
        decimals=decimals,
        note=note,
        rows=(*area.rows, CITY),
        row_labels=_row_labels(area),
        row_slugs=_row_slugs(area),
    )


def _row_labels(area: Area) -> dict[Any, str]:
    return {**{d.pk: d.name for d in area.districts}, CITY: area.city.name}


def labelled(choices: Sequence[tuple[str, Any]]) -> dict[str, str]:
    """Choices as ``{value: label}`` with the labels in the active language."""
    return {value: str(label) for value, label in choices}


def _row_slugs(area: Area) -> dict[Any, str]:
    return {**{d.pk: d.slug for d in area.districts}, CITY: area.city.slug}
