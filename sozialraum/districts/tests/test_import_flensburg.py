"""Importing Flensburg: boundaries, population tables, their quirks and contradictions."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import pytest
import shapely
from django.core.management import CommandError, call_command
from django.utils import translation
from shapely.geometry.base import BaseGeometry

from sozialraum.districts.importers import FLENSBURG_DIR, read_flensburg
from sozialraum.districts.models import District, DistrictKind, PopulationCount
from sozialraum.districts.services import flensburg_import
from sozialraum.lib.geo import shape_from_geojson
from sozialraum.lib.importing import DataImportError

TAB_1 = "tab_1_einwohner_in_stadtteilen_2011_bis_2021.csv"
TAB_5 = "tab_5_einwohner_in_stadtteilen_2021_nach_altersgruppen.csv"
TAB_6 = "tab_6_kinder_und_jugd_bis_18.csv"
TAB_8 = "tab_8_alter_ab_65.csv"

#: What the shipped files hold that cannot be imported as it is.
REAL_PROBLEMS = [
    'tab_8_alter_ab_65.csv, line 5, field 2011: "1.3066" is not a whole number',
    'tab_8_alter_ab_65.csv, line 7, field 2011: "857°" is not a whole number',
    'tab_8_alter_ab_65.csv, line 8, field 2019: "1.4131" is not a whole number',
    'tab_8_alter_ab_65.csv, line 10, field 2021: "1.64" is not a whole number',
    'tab_8_alter_ab_65.csv, line 12, field 2019: "1.69" is not a whole number',
]


def shape_of(district: District) -> BaseGeometry:
    assert district.boundary is not None, district.code
    return shape_from_geojson(district.boundary)


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not in {path.name} exactly once"
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def clean_dir(tmp_path: Path) -> Path:
    """The shipped files with the artefacts and contradictions replaced by the values the
    other tables imply, so they import without any problem."""
    directory = tmp_path / "flensburg"
    shutil.copytree(FLENSBURG_DIR, directory)
    for old, new in [
        ("Berg,1.3066,", "Berg,1305,"),
        ("dstadt,857°,", "dstadt,857,"),
        ("1121,1.4131,", "1121,1131,"),
        ("1647,1.64\n", "1647,1644\n"),
        ("1671,1.69,", "1671,1694,"),
    ]:
        edit(directory / TAB_8, old, new)
    edit(directory / TAB_5, "Sandberg,7602,", "Sandberg,6702,")
    edit(
        directory / TAB_5,
        "Neustadt,4850,745,1597,1162,977,177,",
        "Neustadt,4850,745,1597,1162,977,277,",
    )
    return directory


def population(code: str, year: int, age_from: int, age_to: int | None) -> int | None:
    row = PopulationCount.objects.filter(
        district__code=code, year=year, age_from=age_from, age_to=age_to
    ).first()
    return None if row is None else row.count


@pytest.mark.django_db
def test_strict_import_of_the_shipped_files_raises_and_writes_nothing() -> None:
    with pytest.raises(DataImportError) as raised:
        flensburg_import()
    messages = [str(problem) for problem in raised.value.problems]
    assert messages[:5] == REAL_PROBLEMS
    assert len(messages) == 8
    assert not District.objects.exists()
    assert not PopulationCount.objects.exists()


@pytest.mark.django_db
def test_import_skipping_invalid_entries_creates_the_city_its_stadtteile_and_stadtbezirke() -> None:
    report = flensburg_import(skip_invalid=True)
    assert report.districts_created == 55
    assert District.objects.filter(kind=DistrictKind.CITY).count() == 1
    assert District.objects.filter(kind=DistrictKind.DISTRICT).count() == 13
    assert District.objects.filter(kind=DistrictKind.BOROUGH).count() == 41
    nordstadt = District.objects.get(code="flensburg:STGT03")
    assert (nordstadt.name, nordstadt.slug, nordstadt.parent) == (
        "Nordstadt",
        "flensburg-nordstadt",
        District.objects.get(code="flensburg", slug="flensburg"),
    )
    nikolai = District.objects.get(code="flensburg:STBZ011")
    assert (nikolai.name, nikolai.parent and nikolai.parent.code) == (
        "St. Nikolai",
        "flensburg:STGT01",
    )
    assert District.objects.get(code="flensburg:STGT04").slug == "flensburg-westliche-hoehe"


@pytest.mark.django_db
def test_import_reports_every_skipped_entry_and_the_repaired_boundaries() -> None:
    report = flensburg_import(skip_invalid=True)
    messages = [str(problem) for problem in report.problems]
    assert messages[:5] == REAL_PROBLEMS
    assert messages[5].startswith(f"{TAB_5}, line 3, field 65_bis_unter_80: 177 disagrees")
    assert "tab_8_alter_ab_65.csv line 2: 2021 = 369" in messages[5]
    assert messages[6].startswith(f"{TAB_5}, line 3, field 80_und_älter: 92 disagrees")
    assert messages[7].startswith(f"{TAB_5}, line 9, field gesamt: 7602 disagrees")
    assert report.repaired == ("flensburg:STBZ073", "flensburg:STBZ122")
    assert "55 districts created" in report.summary
    # Eight problems in seven records: two of them are in line 3 of tab_5.
    assert "7 invalid entries skipped" in report.summary
    assert [str(note) for note in report.notes if "geojson" in note.file] == [
        f"flensburg_stadtbezirke.geojson, field features[{n}].geometry: was not a valid "
        "polygon (e.g. it crosses itself) and has been repaired"
        for n in (19, 37)
    ]


@pytest.mark.django_db
def test_boundaries_are_valid_geojson_with_bounding_box_and_area() -> None:
    flensburg_import(skip_invalid=True)
    for district in District.objects.all():
        shape = shape_of(district)
        assert shape.is_valid, district.code
        assert (district.min_lon, district.min_lat, district.max_lon, district.max_lat) == (
            pytest.approx(shape.bounds)
        )
    city = District.objects.get(code="flensburg")
    assert city.area_km2 == pytest.approx(49.03, abs=0.01)
    parts = District.objects.filter(kind=DistrictKind.DISTRICT)
    assert sum(part.area_km2 or 0 for part in parts) == pytest.approx(city.area_km2, rel=1e-3)


@pytest.mark.django_db
def test_city_boundary_is_the_union_of_the_stadtteile() -> None:
    flensburg_import(skip_invalid=True)
    city = shape_of(District.objects.get(code="flensburg"))
    parts = [shape_of(d) for d in District.objects.filter(kind="district")]
    assert city.symmetric_difference(shapely.union_all(parts)).area < 1e-12


@pytest.mark.django_db
def test_population_comes_from_all_tables_with_names_matched_across_spellings() -> None:
    flensburg_import(skip_invalid=True)
    assert population("flensburg:STGT03", 2021, 0, None) == 12525
    assert population("flensburg:STGT03", 2011, 0, None) == 10844
    assert population("flensburg:STGT04", 2021, 80, None) == 714  # "Westliche_Höhe"
    assert population("flensburg:STGT04", 2017, 18, 65) == 4871  # "04 Westliche Höhe"
    assert population("flensburg:STGT11", 2020, 65, None) == 4311
    assert population("flensburg:STGT03", 2021, 0, 7) == 946
    assert population("flensburg:STGT03", 2021, 60, None) == 2642


@pytest.mark.django_db
def test_contradicted_and_unreadable_cells_are_left_out_and_the_corroborated_kept() -> None:
    flensburg_import(skip_invalid=True)
    assert population("flensburg:STGT05", 2011, 65, None) is None  # "1.3066"
    assert population("flensburg:STGT02", 2021, 65, 80) is None
    assert population("flensburg:STGT02", 2021, 80, None) is None
    assert population("flensburg:STGT02", 2021, 65, None) == 369
    assert population("flensburg:STGT08", 2021, 0, None) == 6702  # tab_1, not tab_5's 7602


@pytest.mark.django_db
def test_second_import_changes_nothing() -> None:
    flensburg_import(skip_invalid=True)
    first = {
        "districts": list(District.objects.values_list("code", "updated_at").order_by("code")),
        "population": list(PopulationCount.objects.values_list().order_by("pk")),
    }
    report = flensburg_import(skip_invalid=True)
    assert (report.districts_created, report.districts_updated) == (0, 0)
    assert report.districts_unchanged == 55
    assert report.population_written == 0
    assert (
        list(District.objects.values_list("code", "updated_at").order_by("code"))
        == (first["districts"])
    )
    assert list(PopulationCount.objects.values_list().order_by("pk")) == first["population"]


@pytest.mark.django_db
def test_reimport_replaces_changed_counts_and_updates_changed_districts(clean_dir: Path) -> None:
    flensburg_import(directory=clean_dir)
    edit(clean_dir / TAB_1, "3,Nordstadt,10844,", "3,Nordstadt,10845,")
    edit(clean_dir / TAB_6, "03 Nordstadt,1842,", "03 Nordstadt,1843,")
    edit(clean_dir / "flensburg_stadtbezirke.geojson", "011 St. Nikolai", "011 Sankt Nikolai")
    rows = PopulationCount.objects.count()
    report = flensburg_import(directory=clean_dir)
    assert report.population_written == 2
    assert report.districts_updated == 1
    assert PopulationCount.objects.count() == rows
    assert population("flensburg:STGT03", 2011, 0, None) == 10845
    assert District.objects.get(code="flensburg:STBZ011").name == "Sankt Nikolai"


@pytest.mark.django_db
def test_files_without_artefacts_import_strictly(clean_dir: Path) -> None:
    report = flensburg_import(directory=clean_dir)
    assert report.problems == ()
    assert population("flensburg:STGT05", 2011, 65, None) == 1305
    assert population("flensburg:STGT02", 2021, 65, 80) == 277


@pytest.mark.django_db
def test_a_bad_number_names_file_line_and_field_and_nothing_is_written(clean_dir: Path) -> None:
    edit(clean_dir / TAB_1, "3,Nordstadt,10844,", "3,Nordstadt,10.8440,")
    with pytest.raises(DataImportError) as raised:
        flensburg_import(directory=clean_dir)
    assert [str(p) for p in raised.value.problems] == [
        f'{TAB_1}, line 4, field 2011: "10.8440" is not a whole number'
    ]
    assert not District.objects.exists()
    assert not PopulationCount.objects.exists()


@pytest.mark.django_db
def test_a_german_thousands_point_is_read_as_grouping(clean_dir: Path) -> None:
    edit(clean_dir / TAB_1, "3,Nordstadt,10844,", "3,Nordstadt,10.844,")
    flensburg_import(directory=clean_dir)
    assert population("flensburg:STGT03", 2011, 0, None) == 10844


@pytest.mark.django_db
def test_a_missing_column_is_named_and_nothing_is_written(clean_dir: Path) -> None:
    edit(clean_dir / TAB_5, "id,stadtteil,gesamt,", "id,stadtteil,total,")
    with pytest.raises(DataImportError) as raised:
        flensburg_import(directory=clean_dir)
    assert [str(p) for p in raised.value.problems] == [
        f'{TAB_5}, line 1: has no column "gesamt" (--band); its columns are: id, stadtteil, '
        "total, unter_18, 18_bis_unter_30, 30_bis_unter_45, 45_bis_unter_65, 65_bis_unter_80, "
        "80_und_älter, 0_bis_unter_7, 60_und_älter"
    ]
    assert not District.objects.exists()
    assert not PopulationCount.objects.exists()


@pytest.mark.django_db
def test_an_unknown_stadtteil_is_named_and_nothing_is_written(clean_dir: Path) -> None:
    edit(clean_dir / TAB_6, "03 Nordstadt,", "03 Nordstedt,")
    with pytest.raises(DataImportError) as raised:
        flensburg_import(directory=clean_dir)
    assert [str(p) for p in raised.value.problems] == [
        f'{TAB_6}, line 3, field stadtteil: "03 Nordstedt" is not a district of flensburg'
    ]
    assert not District.objects.exists()


@pytest.mark.django_db
def test_a_line_with_too_few_fields_is_named(clean_dir: Path) -> None:
    edit(clean_dir / TAB_8, "13 Tarup,682,739,755,789,848,910", "13 Tarup,682,739")
    with pytest.raises(DataImportError) as raised:
        flensburg_import(directory=clean_dir)
    assert [str(p) for p in raised.value.problems] == [
        f"{TAB_8}, line 13: expected 7 fields, found 3"
    ]


@pytest.mark.django_db
def test_a_missing_file_is_named(clean_dir: Path) -> None:
    (clean_dir / TAB_6).unlink()
    with pytest.raises(DataImportError) as raised:
        flensburg_import(directory=clean_dir)
    assert str(raised.value.problems[0]).startswith(f"{TAB_6}: cannot be read")


def test_a_stadtbezirk_with_an_unknown_parent_is_a_problem(clean_dir: Path) -> None:
    path = clean_dir / "flensburg_stadtbezirke.geojson"
    collection = json.loads(path.read_text(encoding="utf-8"))
    collection["features"][0]["properties"]["PARENT_ARE"] = "STGT99"
    path.write_text(json.dumps(collection), encoding="utf-8")
    problems = [str(problem) for problem in read_flensburg(clean_dir).problems]
    assert problems == [
        "flensburg_stadtbezirke.geojson, field features[0].properties.PARENT_ARE: "
        'PARENT_ARE "STGT99" is not a Stadtteil'
    ]


def test_a_feature_without_geometry_is_a_problem(clean_dir: Path) -> None:
    path = clean_dir / "flensburg_stadtteile.geojson"
    collection = json.loads(path.read_text(encoding="utf-8"))
    collection["features"][12]["geometry"] = None
    path.write_text(json.dumps(collection), encoding="utf-8")
    problems = [str(problem) for problem in read_flensburg(clean_dir).problems]
    assert problems[0].startswith(
        "flensburg_stadtteile.geojson, field features[12].geometry: is not a polygon"
    )


@pytest.mark.django_db
def test_command_prints_the_problems_and_fails_without_skip_invalid() -> None:
    stderr = StringIO()
    with pytest.raises(CommandError, match="Nothing imported: 8 problems"):
        call_command("import_population", "--preset", "flensburg", stderr=stderr)
    assert REAL_PROBLEMS[0] in stderr.getvalue()
    assert not District.objects.exists()


@pytest.mark.django_db
def test_command_with_skip_invalid_imports_and_prints_a_one_line_summary() -> None:
    stdout, stderr = StringIO(), StringIO()
    call_command(
        "import_population", "--preset", "flensburg", "--skip-invalid", stdout=stdout, stderr=stderr
    )
    assert stdout.getvalue().count("\n") == 1
    assert stdout.getvalue().startswith("Flensburg: 55 districts created")
    assert f"Skipped: {REAL_PROBLEMS[0]}" in stderr.getvalue()


@pytest.mark.django_db
def test_command_reads_another_data_dir(clean_dir: Path) -> None:
    stdout = StringIO()
    call_command("import_population", str(clean_dir), "--preset", "flensburg", stdout=stdout)
    assert "0 invalid entries skipped" in stdout.getvalue()


@pytest.mark.django_db
def test_a_contradiction_the_other_tables_cannot_resolve_leaves_out_every_cell_involved(
    clean_dir: Path,
) -> None:
    # tab_1 and tab_5 agree on a total that the age bands of both tab_5 and tab_6-8 deny.
    edit(clean_dir / TAB_1, "12291,12525,", "12291,12999,")
    edit(clean_dir / TAB_5, "Nordstadt,12525,", "Nordstadt,12999,")
    report = flensburg_import(directory=clean_dir, skip_invalid=True)
    places = {(problem.file, problem.line, problem.field) for problem in report.problems}
    assert (TAB_1, 4, "gesamt") in places
    assert (TAB_5, 4, "gesamt") in places
    assert (TAB_5, 4, "unter_18") in places
    assert (TAB_6, 3, "2021") in places
    assert population("flensburg:STGT03", 2021, 0, None) is None
    assert population("flensburg:STGT03", 2021, 0, 18) is None
    assert population("flensburg:STGT03", 2020, 0, None) == 12291
