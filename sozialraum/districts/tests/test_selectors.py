from __future__ import annotations

from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pytest_django import DjangoAssertNumQueries, Settings

from sozialraum.districts.models import DistrictKind, PopulationCount
from sozialraum.districts.selectors import (
    STANDARD_BANDS,
    Band,
    PopulationData,
    city_overview,
    district_profile,
    district_profiles,
    population_data,
    population_series,
)
from sozialraum.districts.tests.factories import (
    DistrictFactory,
    add_population,
)

KIEL_EDGES = [0, 3, 6, 10, 12, 15, 18, 21, 25, 30, 35, 40, 45, 50, 55, 60, 65, 70, 75, 80]
KIEL_BANDS: list[Band] = [
    *pairwise(KIEL_EDGES),
    (80, None),
]
FLENSBURG_2021: dict[Band, int] = {
    (0, 18): 1500,
    (18, 30): 2000,
    (30, 45): 1800,
    (45, 65): 2500,
    (65, 80): 1400,
    (80, None): 800,
    (0, 7): 600,
    (60, None): 2900,
    (0, None): 10000,
}


def data_of(year: int, bands: dict[Band, int]) -> PopulationData:
    return PopulationData.from_rows((year, a, b, count) for (a, b), count in bands.items())


def kiel_bands(count: int = 10) -> dict[Band, int]:
    return dict.fromkeys(KIEL_BANDS, count)


# --- Tiling ---------------------------------------------------------------------------------


def test_stored_band_is_returned_as_published() -> None:
    data = data_of(2021, FLENSBURG_2021)
    assert data.count(2021, 0, 7) == 600
    assert data.count(2021, 60, None) == 2900


def test_band_that_is_not_stored_is_the_sum_of_bands_tiling_it() -> None:
    data = data_of(2021, kiel_bands(10) | {(0, None): 200})
    assert data.count(2021, 60, None) == 50
    assert data.count(2021, 0, 18) == 60
    assert data.count(2021, 18, 30) == 30


def test_open_end_band_is_tiled_from_closed_bands_and_an_open_one() -> None:
    data = data_of(2021, {(65, 80): 1400, (80, None): 800})
    assert data.count(2021, 65, None) == 2200


def test_band_that_stored_bands_cannot_tile_has_no_count() -> None:
    data = data_of(2021, FLENSBURG_2021)
    assert data.count(2021, 0, 20) is None
    assert data.count(2021, 7, 18) is None


def test_open_end_band_is_never_part_of_a_closed_band() -> None:
    data = data_of(2021, {(60, 65): 10, (65, None): 20})
    assert data.count(2021, 60, 80) is None
    assert data.count(2021, 60, None) == 30


def test_tiling_search_backs_out_of_a_dead_end() -> None:
    data = data_of(2021, {(0, 20): 5, (0, 18): 7, (18, 30): 11})
    assert data.count(2021, 0, 30) == 18


def test_year_without_figures_has_no_count() -> None:
    data = data_of(2021, FLENSBURG_2021)
    assert data.count(2020, 0, None) is None


def test_years_are_sorted_and_the_latest_is_known() -> None:
    data = PopulationData.from_rows([(2021, 0, None, 3), (2011, 0, None, 1), (2017, 0, None, 2)])
    assert data.years == [2011, 2017, 2021]
    assert data.latest_year == 2021
    assert PopulationData().latest_year is None


@st.composite
def partitions(draw: st.DrawFn) -> tuple[list[Band], list[int], list[Band]]:
    """Contiguous bands from a random start, optionally open at the end, with counts, and
    some extra stored bands that merge neighbours (with consistent counts)."""
    start = draw(st.integers(0, 50))
    widths = draw(st.lists(st.integers(1, 15), min_size=1, max_size=12))
    edges = [start]
    for width in widths:
        edges.append(edges[-1] + width)
    ends: list[int | None] = list(edges[1:])
    if draw(st.booleans()):
        ends[-1] = None
    bands: list[Band] = list(zip(edges[:-1], ends, strict=True))
    counts = draw(st.lists(st.integers(0, 5000), min_size=len(bands), max_size=len(bands)))
    merges = draw(
        st.lists(st.tuples(st.integers(0, len(bands) - 1), st.integers(0, len(bands) - 1)))
    )
    merged = [(bands[min(i, j)][0], bands[max(i, j)][1]) for i, j in merges]
    return bands, counts, merged


@given(partitions())
def test_tiled_count_is_the_sum_of_the_parts(
    case: tuple[list[Band], list[int], list[Band]],
) -> None:
    bands, counts, merged = case
    stored = dict(zip(bands, counts, strict=True))
    for age_from, age_to in merged:
        first = next(i for i, band in enumerate(bands) if band[0] == age_from)
        last = next(i for i, band in enumerate(bands) if band[1] == age_to)
        stored[(age_from, age_to)] = sum(counts[first : last + 1])
    data = data_of(2021, stored)
    assert data.count(2021, bands[0][0], bands[-1][1]) == sum(counts)


# --- Loading and city aggregation -----------------------------------------------------------


@pytest.mark.django_db
def test_city_without_rows_is_the_sum_of_its_child_districts() -> None:
    city = DistrictFactory.create(kind=DistrictKind.CITY)
    for count in (10, 20):
        add_population(
            DistrictFactory.create(parent=city), {2022: kiel_bands(count) | {(0, None): 1}}
        )
    borough = DistrictFactory.create(parent=city, kind=DistrictKind.BOROUGH)
    add_population(borough, {2022: kiel_bands(1000)})

    data = population_data([city])[city.pk]

    assert data.count(2022, 80, None) == 30
    assert data.count(2022, 60, None) == 150
    assert data.count(2022, 0, None) == 2


@pytest.mark.django_db
def test_city_band_is_left_out_where_a_child_with_data_lacks_it() -> None:
    city = DistrictFactory.create(kind=DistrictKind.CITY)
    add_population(DistrictFactory.create(parent=city), {2011: {(0, None): 10, (0, 18): 3}})
    add_population(DistrictFactory.create(parent=city), {2011: {(0, None): 20}})
    add_population(DistrictFactory.create(parent=city), {2021: {(0, None): 40}})

    data = population_data([city])[city.pk]

    assert data.by_year[2011] == {(0, None): 30}
    assert data.by_year[2021] == {(0, None): 40}


@pytest.mark.django_db
def test_city_band_is_summed_when_children_tile_it_differently() -> None:
    city = DistrictFactory.create(kind=DistrictKind.CITY)
    add_population(
        DistrictFactory.create(parent=city), {2021: {(65, None): 5, (65, 80): 3, (80, None): 2}}
    )
    add_population(DistrictFactory.create(parent=city), {2021: {(65, 80): 7, (80, None): 4}})

    data = population_data([city])[city.pk]

    assert data.count(2021, 65, None) == 16


@pytest.mark.django_db
def test_city_with_rows_of_its_own_keeps_them() -> None:
    city = DistrictFactory.create(kind=DistrictKind.CITY)
    add_population(city, {2021: {(0, None): 99}})
    add_population(DistrictFactory.create(parent=city), {2021: {(0, None): 5}})

    assert population_data([city])[city.pk].by_year == {2021: {(0, None): 99}}


@pytest.mark.django_db
def test_population_data_reads_many_districts_in_one_query(
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    districts = DistrictFactory.create_batch(25)
    for district in districts:
        add_population(district, {2020: {(0, None): 5}, 2021: {(0, None): 6}})
    districts.append(DistrictFactory.create())

    with django_assert_num_queries(1):
        data = population_data(districts)

    assert data[districts[0].pk].years == [2020, 2021]
    assert data[districts[-1].pk].years == []


# --- Profiles -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_profile_shares_are_fractions_of_the_latest_total() -> None:
    district = DistrictFactory.create()
    add_population(
        district,
        {
            2017: {(0, 18): 1400, (18, 65): 6000, (65, None): 2000, (0, None): 9400},
            2021: FLENSBURG_2021,
        },
    )

    profile = district_profile(district, target_year=2036)

    assert profile.has_population
    assert (profile.year, profile.total) == (2021, 10000)
    assert [band.count for band in profile.bands] == [1500, 2000, 1800, 2500, 1400, 800]
    assert [band.share for band in profile.bands] == [0.15, 0.2, 0.18, 0.25, 0.14, 0.08]
    assert [band.label for band in profile.bands] == [
        "0\N{EN DASH}17",
        "18\N{EN DASH}29",
        "30\N{EN DASH}44",
        "45\N{EN DASH}64",
        "65\N{EN DASH}79",
        "80+",
    ]
    assert profile.share_60_plus == 0.29
    assert profile.share_80_plus == 0.08


@pytest.mark.django_db
def test_profile_of_a_city_of_fine_bands_has_every_standard_band() -> None:
    city = DistrictFactory.create(kind=DistrictKind.CITY)
    for child in DistrictFactory.create_batch(3, parent=city):
        add_population(
            child, {year: kiel_bands(10) | {(0, None): 200} for year in range(2014, 2024)}
        )

    profile = district_profile(city, target_year=2036)

    assert profile.year == 2023
    assert profile.total == 600
    assert [band.count for band in profile.bands] == [180, 90, 90, 120, 90, 30]
    assert profile.share_60_plus == 150 / 600
    assert profile.projection is not None
    assert profile.projection.base_year == 2023
    assert profile.projection.base_bands[-1] == "80+"
    assert profile.projection_80_plus is not None
    assert profile.projection_80_plus.base_value == 30
    assert profile.projection_total is not None
    assert profile.projection_total.base_value == 600


@pytest.mark.django_db
def test_profile_of_a_district_without_figures_has_no_population() -> None:
    profile = district_profile(DistrictFactory.create(kind=DistrictKind.BOROUGH))

    assert not profile.has_population
    assert (profile.year, profile.total) == (None, None)
    assert [band.count for band in profile.bands] == [None] * len(STANDARD_BANDS)
    assert profile.share_80_plus is None
    assert profile.projection_80_plus is None
    assert profile.projection_total is None


@pytest.mark.django_db
def test_profile_projects_to_the_configured_target_year(settings: Settings) -> None:
    settings.PROJECTION_TARGET_YEAR = 2030
    district = DistrictFactory.create()
    add_population(district, {2021: {(0, 60): 600, (60, None): 120}})

    projection = district_profile(district).projection_total

    assert projection is not None
    assert (projection.target_year, projection.base_value) == (2030, 720)
    assert projection.method == "cohort_component"


@pytest.mark.django_db
def test_profile_has_no_projection_where_the_target_year_is_out_of_range(
    settings: Settings,
) -> None:
    settings.PROJECTION_TARGET_YEAR = 2020
    district = DistrictFactory.create()
    add_population(district, {2021: {(0, 60): 600, (60, None): 120}})

    assert district_profile(district).projection is None


@pytest.mark.django_db
def test_profiles_of_many_districts_take_no_more_queries_than_of_one(
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    city = DistrictFactory.create(kind=DistrictKind.CITY)
    districts = DistrictFactory.create_batch(30, parent=city)
    for district in districts:
        add_population(district, {year: FLENSBURG_2021 for year in (2019, 2020, 2021)})

    with django_assert_max_num_queries(3):  # stamp, own rows, the city's children's rows
        profiles = district_profiles([city, *districts])

    assert len(profiles) == 31
    assert profiles[0].total == 300000
    assert all(profile.has_population for profile in profiles)


# --- Series and city overview ---------------------------------------------------------------


@pytest.mark.django_db
def test_population_series_lists_stored_figures_by_year_and_band() -> None:
    district = DistrictFactory.create()
    add_population(
        district, {2021: {(80, None): 8, (0, None): 100, (0, 18): 20}, 2011: {(0, None): 90}}
    )

    series = population_series(district)

    assert [(p.year, p.age_from, p.age_to, p.label, p.count) for p in series] == [
        (2011, 0, None, "0+", 90),
        (2021, 0, 18, "0\N{EN DASH}17", 20),
        (2021, 0, None, "0+", 100),
        (2021, 80, None, "80+", 8),
    ]


@pytest.mark.django_db
def test_population_series_of_a_city_sums_its_districts() -> None:
    city = DistrictFactory.create(kind=DistrictKind.CITY)
    for count in (100, 50):
        add_population(DistrictFactory.create(parent=city), {2021: {(0, None): count}})

    assert [(p.year, p.count) for p in population_series(city)] == [(2021, 150)]


@pytest.mark.django_db
def test_city_overview_lists_the_child_districts_by_name(
    django_assert_max_num_queries: DjangoAssertNumQueries,
) -> None:
    city = DistrictFactory.create(kind=DistrictKind.CITY)
    for name, count in (("Mürwik", 300), ("Altstadt", 100), ("Jürgensby", 200)):
        add_population(DistrictFactory.create(parent=city, name=name), {2021: {(0, None): count}})
    DistrictFactory.create(parent=city, kind=DistrictKind.BOROUGH, name="Aaa")

    with django_assert_max_num_queries(4):
        overview = city_overview(city)

    assert [row.district.name for row in overview.rows] == ["Altstadt", "Jürgensby", "Mürwik"]
    assert overview.city_profile.total == 600


@pytest.mark.django_db
def test_a_citys_summed_figures_are_reused_until_its_districts_rows_change(
    django_assert_num_queries: DjangoAssertNumQueries,
) -> None:
    city = DistrictFactory.create(kind=DistrictKind.CITY)
    parts = [DistrictFactory.create(parent=city) for _ in range(3)]
    for part in parts:
        add_population(part, {2021: {(0, None): 100, (80, None): 10}})
    assert district_profile(city).total == 300

    with django_assert_num_queries(1):  # the stamp of the rows its profile rests on
        assert district_profile(city).total == 300

    PopulationCount.objects.filter(district=parts[0], age_from=0).update(count=200)
    assert district_profile(city).total == 400
    PopulationCount.objects.filter(district=parts[1]).delete()
    assert district_profile(city).total == 300, "only the districts with figures in the year"
    add_population(DistrictFactory.create(parent=city), {2021: {(0, None): 5, (80, None): 1}})
    assert district_profile(city).total == 305
