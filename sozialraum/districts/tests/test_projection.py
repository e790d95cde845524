"""The cohort-component projection: ageing and survival by the life table, births,
migration, the base population, breaks in a series and the implausibility flag."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.utils import translation

from sozialraum.districts.lifetable import life_table
from sozialraum.districts.models import District, DistrictKind
from sozialraum.districts.population import Band, PopulationData
from sozialraum.districts.projection import (
    Assumptions,
    cohort_projection,
    finest_tiling,
    series_breaks,
    spread,
    step,
)
from sozialraum.districts.selectors import population_data
from sozialraum.districts.services import kiel_import


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


def data_of(year: int, bands: dict[Band, int]) -> PopulationData:
    return PopulationData.from_rows((year, a, b, count) for (a, b), count in bands.items())


def combined(male: float, female: float) -> float:
    """A value of the both-sexes table: men weighted 1.05 to women's 1 (boys per girl)."""
    return (1.05 * male + female) / 2.05


#: 100 residents at each of ages 97 and 98, 50 aged 99 and older.
VERY_OLD: dict[Band, int] = {(0, 97): 0, (97, 99): 200, (99, None): 50}


# --- One year forward -----------------------------------------------------------------------


def test_survival_ages_each_year_by_the_life_tables_person_years() -> None:
    base = spread(VERY_OLD, [(0, 97), (97, 99), (99, None)], life_table())

    ages = step(base, life_table(), Assumptions())

    # L(x) and T(x) of Sterbetafel 2022/24, men and women, read off the published table.
    l97, l98 = combined(1799, 5020), combined(1128, 3400)
    l99, t99, t100 = combined(686, 2219), combined(1593, 5686), combined(907, 3467)
    assert ages.single[97] == pytest.approx(0.0)
    assert ages.single[98] == pytest.approx(100 * l98 / l97)  # 66.35
    assert ages.open == pytest.approx(100 * l99 / l98 + 50 * t100 / t99)  # 64.12 + 30.03
    assert ages.single[98] == pytest.approx(66.354, abs=0.001)
    assert ages.open == pytest.approx(94.143, abs=0.001)


def test_projection_of_a_tiny_population_gives_the_hand_computed_bands() -> None:
    projection = cohort_projection(data_of(2023, VERY_OLD), 2024)

    assert projection is not None
    over_80 = projection.band(80, None)
    assert over_80 is not None
    assert (over_80.base_year, over_80.base_value) == (2023, 250)
    assert (over_80.target_year, over_80.value) == (2024, 160)  # 66.35 + 94.14, rounded
    assert projection.band(0, 18) is not None and projection.band(0, 18).value == 0  # type: ignore[union-attr]


def test_births_follow_the_fertility_rate_and_the_women_aged_15_to_49() -> None:
    mothers_age = spread(
        {(0, 15): 0, (15, 50): 3500, (50, None): 0}, [(0, 15), (15, 50), (50, None)], life_table()
    )

    ages = step(mothers_age, life_table(), Assumptions(tfr=1.4))

    # Women's share of ages 15-49: T(15) - T(50) of each sex, men weighted 1.05.
    women = 6824252 - 3357765
    share = women / (women + 1.05 * (6353090 - 2906543))  # 0.489
    alive_at_year_end = combined(99703, 99741) / combined(100000, 100000)
    assert ages.single[0] == pytest.approx(1.4 / 35 * 3500 * share * alive_at_year_end)
    assert ages.single[0] == pytest.approx(68.30, abs=0.01)
    no_births = step(mothers_age, life_table(), Assumptions(tfr=0.0))
    assert no_births.single[0] == 0


def test_net_migration_grows_every_age_by_its_rate_per_thousand() -> None:
    base = spread({(0, 50): 5000, (50, None): 1000}, [(0, 50), (50, None)], life_table())

    without = step(base, life_table(), Assumptions())
    moving_in = step(base, life_table(), Assumptions(net_migration_rate=10))

    assert moving_in.single == pytest.approx([count * 1.01 for count in without.single])
    assert moving_in.open == pytest.approx(without.open * 1.01)


# --- Base population ------------------------------------------------------------------------


def test_a_band_is_spread_evenly_over_its_single_years() -> None:
    bands = {(0, 5): 100, (5, 60): 550, (60, None): 40}
    ages = spread(bands, [(0, 5), (5, 60), (60, None)], life_table())

    assert ages.single[:5] == [20.0] * 5
    assert ages.single[5:60] == [10.0] * 55
    assert ages.total(0, 3) == 60


def test_an_open_band_is_spread_as_in_the_life_tables_stationary_population() -> None:
    bands = {(0, 80): 800, (80, None): 1000}
    ages = spread(bands, [(0, 80), (80, None)], life_table())

    # L(80), T(80) and T(90) of Sterbetafel 2022/24, men and women.
    t80 = combined(436282, 673603)
    assert ages.single[80] == pytest.approx(1000 * combined(52919, 69026) / t80)  # 104.5
    assert ages.open == pytest.approx(1000 * combined(65404, 137417) / t80)  # 90+: 183.2
    assert ages.total(80, None) == pytest.approx(1000)
    t85, t90 = combined(205084, 358237), combined(65404, 137417)
    assert ages.total(85, 90) == pytest.approx(1000 * (t85 - t90) / t80, abs=0.01)  # rounding
    assert ages.total(95, None) is None, "a band inside the open group cannot be given"
    old = spread({(0, 95): 950, (95, None): 20}, [(0, 95), (95, None)], life_table())
    assert (len(old.single), old.open) == (95, 20), "an open band from 90 on stays whole"


def test_the_finest_tiling_of_the_whole_population_is_used() -> None:
    flensburg = {(0, 18): 1, (0, 7): 1, (18, 65): 1, (65, 80): 1, (80, None): 1, (60, None): 1}

    assert finest_tiling(flensburg) == [(0, 18), (18, 65), (65, 80), (80, None)]
    assert finest_tiling({(0, None): 1}) is None, "the open band must start at 50 or later"
    assert finest_tiling({(0, 18): 1, (18, 65): 1}) is None, "no open band"
    assert finest_tiling({(0, 100): 1, (100, None): 1}) is None, "the table ends at 100"
    assert finest_tiling({(0, 99): 1, (99, None): 1}) == [(0, 99), (99, None)]


def test_base_value_is_published_where_stored_and_spread_otherwise() -> None:
    data = data_of(2021, {(0, 45): 450, (45, 65): 200, (65, None): 100, (60, None): 160})

    projection = cohort_projection(data, 2030)

    assert projection is not None
    assert projection.band(60, None).base_value == 160, "published, not 50 + 100 as spread"  # type: ignore[union-attr]
    assert projection.band(45, 65).base_value == 200  # type: ignore[union-attr]
    assert projection.band(80, None) is not None, "80+ from 65+ spread by the life table"
    # 100 aged 65+ times T(80) / T(65) = 0.321
    t80, t65 = combined(436282, 673603), combined(1522375, 1923972)
    assert projection.band(80, None).base_value == round(100 * t80 / t65) == 32  # type: ignore[union-attr]


def test_projection_starts_from_the_latest_year_and_refuses_years_before_it() -> None:
    data = data_of(2020, {(0, 60): 600, (60, None): 100})
    data.add(2022, 0, 60, 700)
    data.add(2022, 60, None, 100)

    projection = cohort_projection(data, 2030)

    assert projection is not None and projection.base_year == 2022
    assert projection.band(0, None).target_year == 2030  # type: ignore[union-attr]
    assert projection.band(0, None).base_value == 800  # type: ignore[union-attr]
    with pytest.raises(ValueError, match="between 2022 and 2082"):
        cohort_projection(data, 2021)
    assert cohort_projection(data_of(2022, {(0, None): 800}), 2030) is None, "only a total"


# --- Breaks ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_real_kiel_series_breaks_only_where_its_80_plus_falls_by_a_quarter() -> None:
    kiel_import()
    city = District.objects.get(kind=DistrictKind.CITY, name="Kiel")

    data = population_data([city])[city.pk]
    breaks = series_breaks(data)

    assert [(b.label, b.year, b.before, b.after) for b in breaks] == [("80+", 2019, 19312, 14212)]
    assert breaks[0].change == pytest.approx(-0.264, abs=0.001)
    projection = cohort_projection(data, 2036)
    assert projection is not None
    assert projection.breaks == tuple(breaks)
    assert projection.base_year == 2023, "from the latest year, after the break"
    assert projection.band(80, None).base_value == 16028  # type: ignore[union-attr]


def test_a_change_its_neighbouring_bands_share_is_no_break() -> None:
    before = {(65, 80): 1000, (80, None): 1000}
    data = data_of(2018, before)
    data.add(2019, 65, 80, 700)
    data.add(2019, 80, None, 700)

    assert series_breaks(data) == [], "both fell by 30 %: a change of the whole district"
    data.add(2019, 65, 80, 1000)
    assert [(b.label, b.year) for b in series_breaks(data)] == [("80+", 2019)]


def test_a_change_below_the_thresholds_is_no_break() -> None:
    data = data_of(2018, {(65, 80): 1000, (80, None): 100})
    data.add(2019, 65, 80, 1000)
    data.add(2019, 80, None, 60)  # -40 %, but only 40 residents

    assert series_breaks(data) == []
    data.add(2019, 80, None, 50)
    assert [b.after for b in series_breaks(data)] == [50]


# --- Implausible results --------------------------------------------------------------------

#: An ordinary district: 100 residents at each age below 80, 400 aged 80 and older.
ORDINARY: dict[Band, int] = {
    (0, 18): 1800,
    (18, 30): 1200,
    (30, 45): 1500,
    (45, 65): 2000,
    (65, 80): 1500,
    (80, None): 400,
}


def test_an_ordinary_district_without_migration_is_not_flagged() -> None:
    projection = cohort_projection(data_of(2023, ORDINARY), 2036)

    assert projection is not None
    assert projection.flags == ()
    assert not projection.implausible


def test_a_district_of_young_adults_without_migration_is_flagged_with_the_reason() -> None:
    students = ORDINARY | {(18, 30): 6000}

    projection = cohort_projection(data_of(2023, students), 2036)

    assert projection is not None and projection.implausible
    assert [(f.kind, f.band, f.year) for f in projection.flags] == [
        ("halves", "18–29", 2033),
        ("doubles", "30–44", 2033),
    ]
    assert "18–29 falls below half by 2033 (6,000 → " in projection.flags[0].reason


def test_a_band_that_more_than_doubles_is_flagged() -> None:
    few_children = ORDINARY | {(0, 18): 180}

    projection = cohort_projection(data_of(2023, few_children), 2036)

    assert projection is not None
    assert ("doubles", "0–17") in [(f.kind, f.band) for f in projection.flags]


def test_a_small_band_that_doubles_is_not_flagged() -> None:
    projection = cohort_projection(data_of(2023, ORDINARY | {(80, None): 90}), 2036)

    assert projection is not None
    assert projection.band(80, None).value > 2 * 90  # type: ignore[union-attr]
    assert projection.flags == (), "fewer than 100 residents: small numbers move a lot"


def test_a_district_left_without_residents_is_flagged() -> None:
    projection = cohort_projection(data_of(2023, {(0, 99): 0, (99, None): 50}), 2036)

    assert projection is not None
    assert [(f.kind, f.year) for f in projection.flags] == [("empty", 2033)]
    assert projection.flags[0].reason == "No residents are left by 2033."
