"""Importing Kiel: Stadtteile without boundaries, population by age band, and the file's
quirks (impossible dates, a misspelt name, a header with a leading space)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Sum
from django.utils import translation

from sozialraum.districts.importers import KIEL_PATH, parse_number, parse_year
from sozialraum.districts.models import District, DistrictKind, PopulationCount
from sozialraum.districts.services import kiel_import
from sozialraum.lib.importing import DataImportError

FILE = KIEL_PATH.name
#: Line 2 of the shipped file, and its first fields.
ALTSTADT_2023 = "de-sh;Kiel;Bevoelkerung;2023_12_31;1;Einwohner nach Altersgruppen;Altstadt;19;14;"


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


@pytest.fixture
def kiel_file(tmp_path: Path) -> Path:
    path = tmp_path / FILE
    shutil.copy(KIEL_PATH, path)
    return path


#: The file's band columns (the header's leading space removed), and the platform's labels.
BANDS = [
    *(f"{start} bis unter {end}" for start, end in ((0, 3), (3, 6), (6, 10), (10, 12), (12, 15))),
    *(f"{start} bis unter {end}" for start, end in ((15, 18), (18, 21), (21, 25), (25, 30))),
    *(f"{start} bis unter {start + 5}" for start in range(30, 80, 5)),
    "80 und aelter",
]
LABELS = [
    *(f"{start}–{end - 1}" for start, end in ((0, 3), (3, 6), (6, 10), (10, 12), (12, 15))),
    *(f"{start}–{end - 1}" for start, end in ((15, 18), (18, 21), (21, 25), (25, 30))),
    *(f"{start}–{start + 4}" for start in range(30, 80, 5)),
    "80+",
]


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not in {path.name} exactly once"
    path.write_text(text.replace(old, new), encoding="utf-8")


def count(number: int, year: int, age_from: int, age_to: int | None) -> int:
    return PopulationCount.objects.get(
        district__code=f"kiel:{number}", year=year, age_from=age_from, age_to=age_to
    ).count


@pytest.mark.django_db
def test_import_creates_the_city_and_thirty_stadtteile_without_boundaries() -> None:
    report = kiel_import()
    assert report.districts_created == 31
    assert report.problems == ()
    city = District.objects.get(code="kiel")
    assert (city.kind, city.slug, city.boundary) == (DistrictKind.CITY, "kiel", None)
    stadtteile = District.objects.filter(parent=city)
    assert stadtteile.count() == 30
    assert not stadtteile.filter(boundary__isnull=False).exists()
    assert District.objects.get(code="kiel:13").slug == "kiel-gaarden-sued-kronsburg"


@pytest.mark.django_db
def test_a_misspelt_stadtteil_is_matched_by_number_and_keeps_its_canonical_name() -> None:
    kiel_import()
    bluecherplatz = District.objects.get(code="kiel:7")
    assert bluecherplatz.name == "Blücherplatz"
    assert bluecherplatz.population.filter(age_from=0, age_to=None).count() == 10


@pytest.mark.django_db
def test_population_is_stored_per_band_and_year_with_the_total_as_their_sum() -> None:
    kiel_import()
    assert count(1, 2023, 0, 3) == 19
    assert count(1, 2023, 6, 10) == 14  # the header " 6 bis unter 10" has a leading space
    assert count(1, 2023, 80, None) == 153
    bands = PopulationCount.objects.filter(district__code="kiel:1", year=2023).exclude(
        age_from=0, age_to=None
    )
    assert bands.count() == 20
    assert count(1, 2023, 0, None) == bands.aggregate(total=Sum("count"))["total"] == 1220
    assert PopulationCount.objects.count() == 30 * 10 * 21


@pytest.mark.django_db
def test_impossible_days_in_the_2020_dates_still_give_the_year() -> None:
    kiel_import()
    years = set(PopulationCount.objects.values_list("year", flat=True))
    assert years == set(range(2014, 2024))
    assert PopulationCount.objects.filter(year=2020, age_from=0, age_to=None).count() == 30


@pytest.mark.django_db
def test_second_import_changes_nothing() -> None:
    kiel_import()
    before = list(PopulationCount.objects.values_list().order_by("pk"))
    stamps = list(District.objects.values_list("code", "updated_at").order_by("code"))
    report = kiel_import()
    assert (report.districts_created, report.districts_updated, report.districts_unchanged) == (
        0,
        0,
        31,
    )
    assert (report.population_written, report.population_unchanged) == (0, 6300)
    assert list(PopulationCount.objects.values_list().order_by("pk")) == before
    assert list(District.objects.values_list("code", "updated_at").order_by("code")) == stamps


@pytest.mark.django_db
def test_a_bad_date_names_file_line_and_field_and_nothing_is_written(kiel_file: Path) -> None:
    edit(kiel_file, ALTSTADT_2023, ALTSTADT_2023.replace("2023_12_31", "2023_13_31"))
    with pytest.raises(DataImportError) as raised:
        kiel_import(path=kiel_file)
    assert [str(p) for p in raised.value.problems] == [
        f'{FILE}, line 2, field Datum: "2023_13_31" is not a date '
        "(expected YYYY, YYYY_MM_DD, DD_MM_YYYY or DD.MM.YYYY)"
    ]
    assert not District.objects.exists()
    assert not PopulationCount.objects.exists()


@pytest.mark.django_db
def test_an_unknown_stadtteil_number_is_named_and_nothing_is_written(kiel_file: Path) -> None:
    edit(kiel_file, ALTSTADT_2023, ALTSTADT_2023.replace(";1;Einwohner", ";31;Einwohner"))
    with pytest.raises(DataImportError) as raised:
        kiel_import(path=kiel_file)
    assert [str(p) for p in raised.value.problems] == [
        f'{FILE}, line 2, field Stadtteilnummer: "31" is not a district of kiel'
    ]
    assert not PopulationCount.objects.exists()


@pytest.mark.django_db
def test_a_name_that_does_not_fit_its_number_is_a_problem(kiel_file: Path) -> None:
    edit(kiel_file, ALTSTADT_2023, ALTSTADT_2023.replace(";Altstadt;", ";Vorstadt;"))
    with pytest.raises(DataImportError) as raised:
        kiel_import(path=kiel_file)
    assert [str(p) for p in raised.value.problems] == [
        f'{FILE}, line 2, field Stadtteil: "Vorstadt" is not the name of district 1 (Altstadt)'
    ]


@pytest.mark.django_db
def test_a_bad_number_names_the_band_and_nothing_is_written(kiel_file: Path) -> None:
    edit(kiel_file, ALTSTADT_2023, ALTSTADT_2023.replace(";19;14;", ";19;1,4;"))
    with pytest.raises(DataImportError) as raised:
        kiel_import(path=kiel_file)
    assert [str(p) for p in raised.value.problems] == [
        f'{FILE}, line 2, field 3 bis unter 6: "1,4" is not a whole number'
    ]
    assert not PopulationCount.objects.exists()


@pytest.mark.django_db
def test_skipping_a_bad_number_keeps_the_other_bands_but_not_the_total(kiel_file: Path) -> None:
    edit(kiel_file, ALTSTADT_2023, ALTSTADT_2023.replace(";19;14;", ";19;1,4;"))
    report = kiel_import(path=kiel_file, skip_invalid=True)
    assert len(report.problems) == 1
    assert PopulationCount.objects.count() == 6300 - 2
    altstadt = PopulationCount.objects.filter(district__code="kiel:1", year=2023)
    assert not altstadt.filter(age_from=3).exists()
    assert not altstadt.filter(age_from=0, age_to=None).exists()
    assert altstadt.filter(age_from=0, age_to=3).exists()


@pytest.mark.django_db
def test_a_missing_column_is_named_and_nothing_is_written(kiel_file: Path) -> None:
    edit(kiel_file, "Land;Stadt;Kategorie;Datum;", "Land;Stadt;Kategorie;Stichtag;")
    with pytest.raises(DataImportError) as raised:
        kiel_import(path=kiel_file)
    assert [str(p) for p in raised.value.problems] == [
        f'{FILE}, line 1: has no column "Datum" (--year-field); its columns are: Land, Stadt, '
        "Kategorie, Stichtag, Stadtteilnummer, Merkmal, Stadtteil, " + ", ".join(BANDS)
    ]
    assert not District.objects.exists()


@pytest.mark.django_db
def test_a_gap_in_the_age_bands_is_named(kiel_file: Path) -> None:
    edit(kiel_file, ";10 bis unter 12;", ";10 bis unter 11;")
    with pytest.raises(DataImportError) as raised:
        kiel_import(path=kiel_file)
    assert [str(p) for p in raised.value.problems] == [f"{FILE}, line 1: no band covers ages 11–11"]


@pytest.mark.django_db
def test_a_repeated_stadtteil_and_year_is_named(kiel_file: Path) -> None:
    text = kiel_file.read_text(encoding="utf-8")
    kiel_file.write_text(text + ALTSTADT_2023 + "0;" * 17 + "0\n", encoding="utf-8")
    with pytest.raises(DataImportError) as raised:
        kiel_import(path=kiel_file)
    problems = [str(p) for p in raised.value.problems]
    assert problems == [
        f"{FILE}, line 302, field {band}: {label} of kiel:1 in 2023 appears twice (first on line 2)"
        for band, label in zip(BANDS, LABELS, strict=True)
    ]


@pytest.mark.django_db
def test_command_fails_with_the_problems_on_stderr(kiel_file: Path) -> None:
    edit(kiel_file, ALTSTADT_2023, ALTSTADT_2023.replace("2023_12_31", "Ende 2023"))
    stderr = StringIO()
    with pytest.raises(CommandError, match="Nothing imported: 1 problems"):
        call_command("import_population", str(kiel_file), "--preset", "kiel", stderr=stderr)
    assert f"{FILE}, line 2, field Datum" in stderr.getvalue()


@pytest.mark.django_db
def test_command_prints_a_one_line_summary() -> None:
    stdout = StringIO()
    call_command("import_population", "--preset", "kiel", stdout=stdout)
    assert stdout.getvalue() == (
        "Kiel: 31 districts created, 0 updated, 0 unchanged; 6300 population counts "
        "written, 0 unchanged; 0 invalid entries skipped, 0 boundaries repaired.\n"
    )


@pytest.mark.parametrize(
    ("text", "year"),
    [
        ("2020", 2020),  # Kiel's nationality and religion files
        ("2020_12_31", 2020),  # the age-band file
        ("2020_12_59", 2020),  # ... and its impossible days
        ("31_12_2015", 2015),  # the marital-status file
        ("31.12.2021", 2021),  # the household file
    ],
)
def test_parse_year_reads_every_date_format_of_the_kiel_files(text: str, year: int) -> None:
    assert parse_year(text) == year


@pytest.mark.parametrize("text", ["", "12/2020", "2020_00_31", "1850", "20201231", "Ende 2020"])
def test_parse_year_refuses_what_is_no_date(text: str) -> None:
    with pytest.raises(ValueError, match="is not a date"):
        parse_year(text)


@pytest.mark.parametrize(
    ("text", "number"), [("0", 0), ("857", 857), ("1.306", 1306), (" 12 ", 12)]
)
def test_counts_read_digits_and_german_thousands_grouping(text: str, number: int) -> None:
    assert parse_number(text) == number


@pytest.mark.parametrize("text", ["1.3066", "857°", "1.64", "1,5", "-3", "", "١٢"])
def test_counts_refuse_pdf_artefacts_and_anything_else(text: str) -> None:
    with pytest.raises(ValueError, match="is not a whole number"):
        parse_number(text)


@pytest.mark.django_db
def test_an_empty_file_is_a_problem(tmp_path: Path) -> None:
    path = tmp_path / FILE
    path.write_text("\n", encoding="utf-8")
    with pytest.raises(DataImportError) as raised:
        kiel_import(path=path)
    assert [str(p) for p in raised.value.problems] == [f"{FILE}: is empty"]
    assert not District.objects.exists()
