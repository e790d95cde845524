"""The Flensburg and Kiel importers are presets of the generic population import: same
results as the hard-wired importers they replace, row for row, on the shipped real files.

``data/preset_*_expected.csv`` hold every population record the hard-wired importers
(``read_flensburg``/``read_kiel`` before they became presets, commit 744d8dc) read from the
shipped demo data, and ``data/preset_flensburg_expected_problems.txt`` every problem they
reported (PDF artefacts and contradicted cells)."""

from __future__ import annotations

import csv
import shlex
from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from sozialraum.districts.importers import FLENSBURG_DIR, KIEL_PATH, PRESETS
from sozialraum.districts.models import PopulationCount

DATA = Path(__file__).parent / "data"
Row = tuple[str, int, int, int | None, int, str]


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


def expected(preset: str) -> list[Row]:
    """The rows the hard-wired importer gave."""
    with (DATA / f"preset_{preset}_expected.csv").open(encoding="utf-8", newline="") as f:
        return sort(
            [
                (code, int(year), int(start), int(end) if end else None, int(count), source)
                for code, year, start, end, count, source, *_rest in list(csv.reader(f))[1:]
            ]
        )


def stored() -> list[Row]:
    rows = PopulationCount.objects.values_list(
        "district__code", "year", "age_from", "age_to", "count", "source"
    )
    return sorted(rows, key=lambda row: (*row[:3], -1 if row[3] is None else row[3]))


def sort(rows: list[Row]) -> list[Row]:
    return sorted(rows, key=lambda row: (*row[:3], -1 if row[3] is None else row[3]))


def preset(name: str, *args: str) -> tuple[str, str]:
    stdout, stderr = StringIO(), StringIO()
    call_command("import_population", "--preset", name, *args, stdout=stdout, stderr=stderr)
    return stdout.getvalue(), stderr.getvalue()


def expansions(stderr: str, name: str) -> list[list[str]]:
    """The generic options the preset printed it reads each table with."""
    prefix = f"{name}: "
    return [
        shlex.split(line[len(prefix) :]) for line in stderr.splitlines() if line.startswith(prefix)
    ]


@pytest.mark.django_db
def test_the_kiel_preset_gives_the_hard_wired_importers_rows() -> None:
    out, _err = preset("kiel")
    assert "Kiel: 31 districts created" in out
    assert stored() == expected("kiel")
    assert len(stored()) == 6300


@pytest.mark.django_db
def test_the_flensburg_preset_gives_the_hard_wired_importers_rows_and_problems() -> None:
    out, err = preset("flensburg", "--skip-invalid")
    assert "Flensburg: 55 districts created" in out
    assert stored() == expected("flensburg")
    assert len(stored()) == 396
    problems = (DATA / "preset_flensburg_expected_problems.txt").read_text(encoding="utf-8")
    for problem in problems.splitlines():
        assert f"Skipped: {problem}" in err


@pytest.mark.django_db
def test_the_kiel_preset_is_the_generic_import_with_the_options_it_prints() -> None:
    _out, err = preset("kiel")
    [arguments] = expansions(err, "kiel")
    assert arguments[0] == str(KIEL_PATH)
    assert "--name-field" in arguments and "--complete" in arguments
    PopulationCount.objects.all().delete()
    call_command("import_population", *arguments, stdout=StringIO(), stderr=StringIO())
    assert stored() == expected("kiel")


@pytest.mark.django_db
def test_flensburgs_headerless_tables_are_the_generic_import_with_columns_and_dated_bands() -> None:
    _out, err = preset("flensburg", "--skip-invalid")
    tables = {Path(arguments[0]).name: arguments for arguments in expansions(err, "flensburg")}
    assert len(tables) == 5
    series = ["tab_6_kinder_und_jugd_bis_18.csv", "tab_7_alter_18_bis_65.csv"]
    assert "--columns" in tables[series[0]] and "2011=0-17@2011" in tables[series[0]]
    PopulationCount.objects.all().delete()
    for file in series:
        call_command("import_population", *tables[file], stdout=StringIO(), stderr=StringIO())
    # the same counts (tab_5's 2021 figure for under 18 is the same as tab_6's)
    bands = {(0, 18), (18, 65)}
    counts = {row[:4]: row[4] for row in expected("flensburg") if row[2:4] in bands}
    assert {row[:4]: row[4] for row in stored()} == counts


@pytest.mark.django_db
def test_a_preset_takes_another_path_and_a_dry_run(tmp_path: Path) -> None:
    path = tmp_path / "kiel.csv"
    path.write_bytes(KIEL_PATH.read_bytes())
    out, _err = preset("kiel", str(path), "--dry-run")
    assert out.startswith("Dry run, nothing written. Kiel: 31 districts created")
    assert not PopulationCount.objects.exists()
    assert PRESETS["flensburg"].path == FLENSBURG_DIR


@pytest.mark.django_db
def test_a_preset_refuses_table_options() -> None:
    with pytest.raises(CommandError, match="leave out --city, --layout"):
        preset("kiel", "--city", "Kiel", "--layout", "wide")
    assert not PopulationCount.objects.exists()


@pytest.mark.django_db
def test_without_preset_the_table_options_are_needed() -> None:
    with pytest.raises(CommandError, match="--city is needed"):
        call_command("import_population", str(KIEL_PATH), "--layout", "wide")
