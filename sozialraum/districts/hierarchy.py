"""Districts as the rows of a table that adds up: figures belong to the district they were
recorded for, and every row above is the sum of the rows beneath it.

A district that holds figures of its own and also lies above another district that holds
some (a Stadtteil whose Quartiere have bookings too) gets a leaf row of its own beneath it,
:class:`DirectlyIn`, so that its total row stays the sum of its children. Used by the
pooled budgets' shares and the planning dashboard's impact tables, which hand the rows to
disclosure control with this hierarchy.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from .models import District


@dataclass(frozen=True)
class DirectlyIn:
    """The row of what was recorded for a district itself, beneath that district's total."""

    district: int


@dataclass(frozen=True)
class RowTree:
    """``row_of``: each leaf district's row (its pk, or :class:`DirectlyIn`); ``parent``:
    each row's parent row (absent for the top districts); ``depth``: 0 for a top district;
    ``names``: every row's district name."""

    row_of: Mapping[int, Any]
    parent: Mapping[Any, Any]
    depth: Mapping[Any, int]
    names: Mapping[Any, str]

    @property
    def tops(self) -> set[Any]:
        """The rows without a parent (the cities, as a rule)."""
        return {row for row in self.depth if row not in self.parent}


def districts_by_pk() -> dict[int, tuple[int | None, str]]:
    """Every district's parent and name by pk, in one query without geometry."""
    return {
        pk: (parent, name)
        for pk, parent, name in District.objects.values_list("pk", "parent_id", "name")
    }


def chain(pk: int, districts: Mapping[int, tuple[int | None, str]]) -> list[int]:
    """The district and its parents, the top one last."""
    found = [pk]
    while (parent := districts[found[-1]][0]) is not None:
        found.append(parent)
    return found


def row_tree(
    leaves: Iterable[int], districts: Mapping[int, tuple[int | None, str]] | None = None
) -> RowTree:
    """The rows for figures recorded in ``leaves`` (district pks) and every district above
    them, up to the top. ``districts`` as :func:`districts_by_pk` gives (read when absent)."""
    districts = districts_by_pk() if districts is None else districts
    chains = {pk: chain(pk, districts) for pk in set(leaves)}
    above = {node for found in chains.values() for node in found[1:]}
    row_of: dict[int, Any] = {}
    parent: dict[Any, Any] = {}
    depth: dict[Any, int] = {}
    names: dict[Any, str] = {}
    for found in chains.values():
        for child, up in itertools.pairwise(found):
            parent[child] = up
        for level, node in enumerate(reversed(found)):
            depth[node], names[node] = level, districts[node][1]
    for pk, found in chains.items():
        if pk in above:
            row_of[pk] = DirectlyIn(pk)
            parent[row_of[pk]] = pk
            depth[row_of[pk]], names[row_of[pk]] = len(found), districts[pk][1]
        else:
            row_of[pk] = pk
    return RowTree(row_of=row_of, parent=parent, depth=depth, names=names)
