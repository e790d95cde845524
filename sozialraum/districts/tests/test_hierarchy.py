"""The rows of a table over the district hierarchy: leaves hold the figures, a district
with figures of its own above another gets a row of its own beneath its total."""

from __future__ import annotations

from typing import Any

import pytest

from sozialraum.districts.hierarchy import DirectlyIn, chain, districts_by_pk, row_tree
from sozialraum.districts.models import DistrictKind
from sozialraum.districts.tests.factories import DistrictFactory

pytestmark = pytest.mark.django_db


def _city() -> dict[str, int]:
    town = DistrictFactory.create(name="Stadt", kind=DistrictKind.CITY)
    north = DistrictFactory.create(name="Nord", parent=town)
    quarter = DistrictFactory.create(name="Nord-Quartier", parent=north)
    south = DistrictFactory.create(name="Süd", parent=town)
    DistrictFactory.create(name="Ost", parent=town)
    return {d.name: d.pk for d in (town, north, quarter, south)}


def test_chain_runs_from_the_district_up_to_the_city() -> None:
    pks = _city()
    assert chain(pks["Nord-Quartier"], districts_by_pk()) == [
        pks["Nord-Quartier"],
        pks["Nord"],
        pks["Stadt"],
    ]


def test_a_district_with_figures_above_another_gets_its_own_row_beneath_its_total() -> None:
    pks = _city()
    tree = row_tree([pks["Nord"], pks["Nord-Quartier"], pks["Süd"]])
    own = DirectlyIn(pks["Nord"])
    assert tree.row_of == {
        pks["Nord"]: own,
        pks["Nord-Quartier"]: pks["Nord-Quartier"],
        pks["Süd"]: pks["Süd"],
    }
    assert tree.parent == {
        own: pks["Nord"],
        pks["Nord-Quartier"]: pks["Nord"],
        pks["Nord"]: pks["Stadt"],
        pks["Süd"]: pks["Stadt"],
    }
    assert tree.depth == {
        pks["Stadt"]: 0,
        pks["Nord"]: 1,
        pks["Süd"]: 1,
        own: 2,
        pks["Nord-Quartier"]: 2,
    }
    assert tree.names[own] == "Nord" and tree.names[pks["Stadt"]] == "Stadt"
    assert tree.tops == {pks["Stadt"]}


def test_districts_without_figures_have_no_row() -> None:
    pks = _city()
    tree = row_tree([pks["Süd"]])
    assert set(tree.depth) == {pks["Süd"], pks["Stadt"]}
    assert tree.row_of == {pks["Süd"]: pks["Süd"]}


def test_the_hierarchy_is_read_in_one_query(django_assert_num_queries: Any) -> None:
    pks = _city()
    with django_assert_num_queries(1):
        row_tree([pks["Nord-Quartier"], pks["Süd"]])
