"""`import_population`: any city's residents by district, year and age band, from long
(GENESIS style) and wide tables with German numbers, DIN 55301 symbols and age labels.

The tables are real: Kiel's shipped age-band file (Landeshauptstadt Kiel open data, CC BY
4.0) and Flensburg's 2021 figures (social atlas, CC0) reshaped as other cities publish
them (see ``data/README.md``)."""

from __future__ import annotations

from collections.abc import Iterator
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from sozialraum.districts.importers import KIEL_PATH, parse_band, parse_number
from sozialraum.districts.importers.kiel import KIEL_SOURCE
from sozialraum.districts.models import District, PopulationCount

DATA = Path(__file__).parent / "data"
LONG = DATA / "flensburg_genesis_long.csv"
WIDE = DATA / "flensburg_wide_cp1252.csv"
STADTTEILE = "sozialraum/demo/data/flensburg/flensburg_stadtteile.geojson"
LONG_ARGS = (
    *("--city", "Flensburg", "--layout", "long", "--district-field", "Stadtteil"),
    *("--district-by", "name", "--year-field", "Stichtag", "--age-field", "Altersgruppe"),
    *("--value-field", "Anzahl", "--where", "Geschlecht=Insgesamt"),
)
WIDE_ARGS = (
    *("--city", "Flensburg", "--layout", "wide", "--district-field", "Nr", "--year", "2021"),
    *("--encoding", "cp1252", "--band", "Einwohner insgesamt=total"),
    *("--band", "0 bis unter 7=0-6", "--band", "unter 18=0-17", "--band", "65 und älter=65+"),
)


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


@pytest.fixture
def flensburg() -> None:
    """Flensburg's 13 Stadtteile, coded by their number ("flensburg:01")."""
    call_command(
        "import_districts",
        STADTTEILE,
        *("--city", "Flensburg", "--kind", "district", "--name-field", "AREA_NAME"),
        *("--code-field", "AREA_NAME"),
        stdout=StringIO(),
    )
    for district in District.objects.filter(code__startswith="flensburg:"):
        district.code = f"flensburg:{district.name[:2]}"
        district.save()


def run(*args: Any) -> tuple[str, str]:
    stdout, stderr = StringIO(), StringIO()
    call_command("import_population", *map(str, args), stdout=stdout, stderr=stderr)
    return stdout.getvalue(), stderr.getvalue()


def fails(*args: Any) -> str:
    stderr = StringIO()
    with pytest.raises(CommandError) as caught:
        call_command("import_population", *map(str, args), stdout=StringIO(), stderr=stderr)
    return f"{stderr.getvalue()}\n{caught.value}"


def count(code: str, year: int, age_from: int, age_to: int | None) -> int:
    return PopulationCount.objects.get(
        district__code=code, year=year, age_from=age_from, age_to=age_to
    ).count


@pytest.mark.parametrize(
    ("label", "band"),
    [
        ("0 bis unter 3", (0, 3)),
        ("00 - < 03", (0, 3)),
        (" 6 bis unter 10", (6, 10)),
        ("18 bis unter 30 Jahre", (18, 30)),
        ("75 und älter", (75, None)),
        ("80 und aelter", (80, None)),
        ("80 Jahre und mehr", (80, None)),
        ("unter 18", (0, 18)),
        ("unter 3 Jahre", (0, 3)),
        ("unter_18", (0, 18)),
        ("80_und_älter", (80, None)),
        ("0-17", (0, 18)),
        ("65+", (65, None)),
        ("total", (0, None)),
        ("Insgesamt", (0, None)),
        ("Altstadt", None),
        ("30 bis unter 20", None),
    ],
)
def test_german_age_labels(label: str, band: tuple[int, int | None] | None) -> None:
    assert parse_band(label) == band


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("1306", 1306),
        ("1.306", 1306),
        ("1 306", 1306),
        ("12\u00a0525", 12525),
        ("360,0", 360),
        ("1.234.567", 1234567),
        (".", None),
        ("-", None),
        ("x", None),
        ("/", None),
        ("...", None),
    ],
)
def test_german_numbers_and_din_55301_symbols(text: str, value: int | None) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["1.3066", "12,5", "857°", "1,306.0", ""])
def test_anything_else_is_not_a_number(text: str) -> None:
    with pytest.raises(ValueError, match="is not a whole number"):
        parse_number(text)


@pytest.mark.django_db
def test_a_long_genesis_table_gives_the_published_figures(flensburg: None) -> None:
    out, err = run(LONG, *LONG_ARGS)
    assert "91 population counts written" in out  # 13 Stadtteile x (6 bands + total)
    assert count("flensburg:03", 2021, 0, None) == 12525
    assert count("flensburg:03", 2021, 0, 18) == 2164
    assert count("flensburg:11", 2021, 80, None) == 1596
    assert "91 rows were left out by --where" in err
    assert "standard age bands given: 0–17, 18–29, 30–44, 45–64, 65–79, 80+; not given: -" in err
    again, _ = run(LONG, *LONG_ARGS)
    assert "0 population counts written, 91 unchanged" in again


@pytest.mark.django_db
def test_without_where_the_secret_rows_are_duplicates_and_missing(flensburg: None) -> None:
    args = [arg for arg in LONG_ARGS if arg not in ("--where", "Geschlecht=Insgesamt")]
    out, err = run(LONG, *args)
    assert "91 values are missing (DIN 55301 symbols . - x /) and were left out" in err
    assert "91 population counts written" in out


@pytest.mark.django_db
def test_a_wide_table_with_german_numbers_and_symbols(flensburg: None) -> None:
    out, err = run(WIDE, *WIDE_ARGS)
    assert count("flensburg:01", 2021, 0, 18) == 360  # "360,0"
    assert count("flensburg:02", 2021, 0, None) == 4850  # "4 850"
    assert count("flensburg:03", 2021, 0, None) == 12525  # "12.525"
    assert count("flensburg:02", 2021, 65, None) == 269
    assert not PopulationCount.objects.filter(district__code="flensburg:13", age_to=7).exists()
    assert "1 values are missing" in err
    assert "0–17 overlaps the bands before it" in err
    assert "no band covers ages 18–64" in err
    assert "not given: 18–29, 30–44, 45–64, 65–79, 80+" in err
    assert "51 population counts written" in out


@pytest.mark.django_db
def test_the_wrong_encoding_names_the_line_and_suggests_encoding(flensburg: None) -> None:
    args = [a for a in WIDE_ARGS if a not in ("--encoding", "cp1252")]
    message = fails(WIDE, *args)
    assert "flensburg_wide_cp1252.csv, line 1: is not utf-8-sig text" in message
    assert not PopulationCount.objects.exists()


@pytest.mark.django_db
def test_a_missing_column_lists_the_columns(flensburg: None) -> None:
    message = fails(WIDE, *WIDE_ARGS, "--band", "Senioren=65+")
    assert 'has no column "Senioren" (--band); its columns are: Nr, Stadtteil,' in message
    assert not PopulationCount.objects.exists()


@pytest.mark.django_db
def test_an_unknown_district_is_reported_and_skipped_only_when_asked(
    flensburg: None, tmp_path: Path
) -> None:
    path = tmp_path / "long.csv"
    text = LONG.read_text(encoding="utf-8").replace(";Tarup;", ";Taarup;")
    path.write_text(text, encoding="utf-8")
    message = fails(path, *LONG_ARGS)
    assert 'long.csv, line 170, field Stadtteil: "Taarup" is not a district of flensburg' in message
    assert not PopulationCount.objects.exists()
    out, _ = run(path, *LONG_ARGS, "--skip-invalid")
    assert "84 population counts written" in out
    assert "7 invalid entries skipped" in out


@pytest.mark.django_db
def test_a_bad_number_names_file_line_and_field(flensburg: None, tmp_path: Path) -> None:
    path = tmp_path / "long.csv"
    text = LONG.read_text(encoding="utf-8").replace(";2.164\n", ";2.1644\n")
    path.write_text(text, encoding="utf-8")
    message = fails(path, *LONG_ARGS)
    assert 'long.csv, line 30, field Anzahl: "2.1644" is not a whole number' in message


@pytest.mark.django_db
def test_a_city_that_does_not_exist_is_refused() -> None:
    assert 'the city "Flensburg" does not exist' in fails(LONG, *LONG_ARGS)


@pytest.mark.django_db
def test_a_dry_run_writes_nothing(flensburg: None) -> None:
    out, _ = run(LONG, *LONG_ARGS, "--dry-run")
    assert out.startswith("Dry run, nothing written. Flensburg:")
    assert "91 population counts written" in out
    assert not PopulationCount.objects.exists()


@pytest.mark.django_db
def test_kiels_file_as_a_wide_table_gives_what_the_kiel_preset_gives() -> None:
    call_command("import_population", "--preset", "kiel", stdout=StringIO())
    out, err = run(
        KIEL_PATH,
        *("--city", "Kiel", "--layout", "wide", "--district-field", "Stadtteilnummer"),
        *("--year-field", "Datum", "--source", KIEL_SOURCE % KIEL_PATH.name),
    )
    # 20 bands found in the header, plus their sum as the total, for 30 Stadtteile x 10 years
    assert "0 population counts written, 6300 unchanged" in out
    assert "not given: -" in err


@pytest.mark.django_db
def test_kiels_file_by_name_reports_the_misspelt_stadtteil_on_every_line() -> None:
    call_command("import_population", "--preset", "kiel", stdout=StringIO())
    args = (
        *("--city", "Kiel", "--layout", "wide", "--district-field", "Stadtteil"),
        *("--district-by", "name", "--year-field", "Datum"),
    )
    message = fails(KIEL_PATH, *args)
    # "Neumuehlen/Dietrichsdorf" and "Gaarden-Sued/Kronsburg" match; "Bluecherpatz" does not
    assert message.count('field Stadtteil: "Bluecherpatz" is not a district of kiel') == 10
    assert "Nothing imported: 10 problems" in message
    out, _ = run(KIEL_PATH, *args, "--skip-invalid")
    assert "10 invalid entries skipped" in out
    assert "6090 population counts written" in out  # 6300 - 10 rows x (20 bands + total)


class Terminal(StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.django_db
def test_a_long_run_on_a_terminal_shows_a_progress_bar() -> None:
    call_command("import_population", "--preset", "kiel", stdout=StringIO())
    stderr = Terminal()
    call_command(
        "import_population",
        KIEL_PATH,
        *("--city", "Kiel", "--layout", "wide", "--district-field", "Stadtteilnummer"),
        *("--year-field", "Datum", "--dry-run"),
        stdout=StringIO(),
        stderr=stderr,
    )
    assert f"\r{KIEL_PATH.name} [{'#' * 30}] 300/300\n" in stderr.getvalue()
