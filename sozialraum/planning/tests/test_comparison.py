"""Comparing the districts on the city page: the choropleth map and the table of the
same figure, withheld cells as "." and not coloured, and no exact boundary loaded."""

from __future__ import annotations

import json
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sozialraum.accounts.tests.factories import signed_in_client, user_with_role
from sozialraum.districts.maps import NO_DATA, RAMP
from sozialraum.districts.tests.factories import DistrictFactory
from sozialraum.lib.access import Role
from sozialraum.lib.disclosure import Cell, Status
from sozialraum.planning.comparison import comparison
from sozialraum.planning.figures import CITY, Dashboard, Section, area_load, dashboard
from sozialraum.planning.figures.base import cells_figure
from sozialraum.planning.figures.supply import PER_OLDER

from .conftest import SmallCity

pytestmark = pytest.mark.django_db


def _features(result: object) -> dict[str, dict[str, object]]:
    return {f["properties"]["slug"]: f["properties"] for f in result.map["children"]}  # type: ignore[attr-defined]


def test_the_map_colours_the_districts_by_offers_per_1000_residents_65_plus(
    small_city: SmallCity,
) -> None:
    area = area_load()
    assert area is not None
    result = comparison(dashboard(area), None)
    assert result.column == PER_OLDER
    # Altstadt: 2 offers / 500 residents 65+; Berg: 2 / 300; the city 4 / 800.
    values = {line.slug: line.cell.value for line in result.lines if line.cell}
    assert values == {"altstadt": Decimal("4.0"), "berg": Decimal("6.7")}
    assert result.city.cell is not None and result.city.cell.value == Decimal("5.0")
    features = _features(result)
    assert features["altstadt"]["fill"] == RAMP[0] and features["berg"]["fill"] == RAMP[1]
    assert features["altstadt"]["share"] == "4,0"
    assert features["berg"]["url"] == "/planung/quartier/berg/"
    labels = [entry["label"] for entry in result.map["legend"]]
    assert labels == ["bis 4,0", "über 4,0 bis 6,7", "keine Zahlen oder geheim gehalten (.)"]


def test_a_withheld_figure_is_a_dot_on_the_map_and_in_the_table_and_not_coloured(
    small_city: SmallCity,
) -> None:
    area = area_load()
    assert area is not None
    altstadt, berg = small_city.altstadt.pk, small_city.berg.pk
    cells = {
        (altstadt, PER_OLDER): Cell(Decimal("4.0"), Status.PRIMARY, 2),
        (berg, PER_OLDER): Cell(Decimal("6.7"), Status.PUBLISHABLE, 20),
        (CITY, PER_OLDER): Cell(Decimal("5.0"), Status.SECONDARY, 22),
    }
    rates = cells_figure(
        area, cells, key="offer_rates", title="", unit="", column_labels={PER_OLDER: "je 1.000"}
    )
    result = comparison(Dashboard(area, (Section("supply", "", (rates,)),)), PER_OLDER)
    features = _features(result)
    assert features["altstadt"]["share"] == "." and features["altstadt"]["no_data"] is True
    assert features["altstadt"]["fill"] == NO_DATA
    assert features["berg"]["fill"] == RAMP[0]
    table = render_to_string("planning/_comparison.html", {"comparison": result, "area": area})
    meaning = "Zahlenwert geheim gehalten, um Einzelne zu schützen"
    dot = f'<td class="num"><abbr title="{meaning}">.</abbr></td>'
    assert f"Altstadt</a></th>{dot}{dot}" in table
    assert 'Berg</a></th><td class="num">6,7</td><td class="num">20</td>' in table


def test_the_city_page_shows_the_map_and_the_table_of_the_chosen_figure(
    small_city: SmallCity,
) -> None:
    client = signed_in_client(user_with_role(Role.PLANNER))
    page = client.get(reverse("planning:city") + "?karte=share_accessible").content.decode()
    data = json.loads(re.search(r'id="comparison-map"[^>]*>(.*?)</script>', page, re.S)[1])  # type: ignore[index]
    shares = {f["properties"]["slug"]: f["properties"]["share"] for f in data["children"]}
    assert shares == {"altstadt": "50,0", "berg": "50,0"}
    assert '<option value="share_accessible" selected>' in page
    table = page[page.index('id="comparison-caption"') :]
    table = table[: table.index("</table>")]
    # Altstadt: one of its two offers accessible (n = 1 offer behind the share).
    assert re.search(r"Altstadt</a></th><td class=\"num\">50,0</td><td class=\"num\">1</td>", table)
    fallback = client.get(reverse("planning:city") + "?karte=nonsense").content.decode()
    assert '<option value="per_1000_65" selected>' in fallback


def test_the_city_page_never_loads_an_exact_boundary_and_maps_only_the_citys_districts(
    small_city: SmallCity,
) -> None:
    DistrictFactory.create(name="Anderswo", slug="anderswo", boundary=None)
    client = signed_in_client(user_with_role(Role.PLANNER))
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("planning:city")).content.decode()
    selects = [q["sql"] for q in queries.captured_queries if q["sql"].startswith("SELECT")]
    assert not [sql for sql in selects if '"boundary"' in sql.split(" FROM ")[0]]
    data = json.loads(re.search(r'id="comparison-map"[^>]*>(.*?)</script>', page, re.S)[1])  # type: ignore[index]
    assert sorted(f["properties"]["slug"] for f in data["children"]) == ["altstadt", "berg"]
