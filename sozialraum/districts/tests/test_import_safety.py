"""District imports never destroy data: a file that cannot be read, or yields nothing
valid, stops the import (with or without --skip-invalid) and writes nothing; repairs and
suspicious places are reported with file and field; text files take an --encoding.

The files are the shipped real ones (Stadt Flensburg via oklabflensburg/open-social-map,
CC0; Landeshauptstadt Kiel open data, CC BY 4.0) and copies of them made broken here."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from sozialraum.districts.importers import FLENSBURG_DIR, KIEL_PATH
from sozialraum.districts.models import District, PopulationCount

STADTTEILE = "flensburg_stadtteile.geojson"
STADTBEZIRKE = "flensburg_stadtbezirke.geojson"


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


def _flensburg(stderr: StringIO) -> None:
    """Imports Flensburg's shipped files with the preset, skipping the invalid cells."""
    call_command(
        "import_population",
        "--preset",
        "flensburg",
        "--skip-invalid",
        stdout=StringIO(),
        stderr=stderr,
    )


@pytest.fixture
def imported() -> dict[str, Any]:
    """Flensburg imported from the shipped files; its city outline and sources."""
    _flensburg(StringIO())
    return _state()


def _state() -> dict[str, Any]:
    return {
        "districts": sorted(District.objects.values_list("code", "source", "boundary")),
        "counts": PopulationCount.objects.count(),
    }


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    directory = tmp_path / "flensburg"
    shutil.copytree(FLENSBURG_DIR, directory)
    return directory


def _shifted(value: Any, lon: float, lat: float) -> Any:
    if isinstance(value, list) and value and isinstance(value[0], int | float):
        return [value[0] + lon, value[1] + lat, *value[2:]]
    if isinstance(value, list):
        return [_shifted(item, lon, lat) for item in value]
    return value


def _moved(path: Path, lon: float, lat: float) -> None:
    """The file's areas moved by lon/lat degrees (Flensburg + (-2.49, -3.85) is Köln)."""
    collection = json.loads(path.read_text(encoding="utf-8-sig"))
    for feature in collection["features"]:
        geometry = feature["geometry"]
        geometry["coordinates"] = _shifted(geometry["coordinates"], lon, lat)
    path.write_text(json.dumps(collection), encoding="utf-8")


def _fails(*args: str) -> str:
    stderr = StringIO()
    with pytest.raises(CommandError) as caught:
        call_command(
            "import_population", "--preset", "flensburg", *args, stdout=StringIO(), stderr=stderr
        )
    return f"{stderr.getvalue()}\n{caught.value}"


@pytest.mark.django_db
def test_another_citys_boundaries_with_skip_invalid_fail_and_flensburg_is_unchanged(
    imported: dict[str, Any], data_dir: Path
) -> None:
    _moved(data_dir / STADTTEILE, -2.49, -3.85)
    output = _fails(str(data_dir), "--skip-invalid")
    assert f"{STADTTEILE}, field features[0].geometry: lies outside Flensburg" in output
    assert f"{STADTTEILE}: holds no valid area" in output
    assert _state() == imported


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is not JSON: Expecting value"),
        (b"\x00\x01\x02\xff\xfe binary", "is not utf-8-sig text (byte 3"),
        (b'{"type": "Feature"}', "is not a GeoJSON FeatureCollection"),
        (b'{"type": "FeatureCollection", "features": [{}]}', "holds no valid area"),
    ],
)
def test_an_unusable_boundary_file_with_skip_invalid_fails_and_writes_nothing(
    imported: dict[str, Any], data_dir: Path, content: bytes, message: str
) -> None:
    (data_dir / STADTBEZIRKE).write_bytes(content)
    output = _fails(str(data_dir), "--skip-invalid")
    assert f"{STADTBEZIRKE}" in output
    assert message in output
    assert "(--skip-invalid imports the rest)" not in output
    assert _state() == imported


@pytest.mark.django_db
def test_a_missing_file_fails_and_names_it(imported: dict[str, Any], data_dir: Path) -> None:
    (data_dir / STADTTEILE).unlink()
    output = _fails(str(data_dir), "--skip-invalid")
    assert f"{STADTTEILE}: cannot be read: No such file or directory" in output
    assert _state() == imported


@pytest.mark.django_db
def test_areas_at_0_0_or_outside_germany_are_reported_and_left_out(data_dir: Path) -> None:
    _moved(data_dir / STADTBEZIRKE, -9.45, -54.8)
    output = _fails(str(data_dir), "--skip-invalid")
    assert f"{STADTBEZIRKE}, field features[0].geometry: lies at 0,0" in output
    _moved(data_dir / STADTBEZIRKE, 20, 20)
    output = _fails(str(data_dir), "--skip-invalid")
    assert "lies outside Germany (at lon 20." in output
    assert not District.objects.exists()


@pytest.mark.django_db
def test_repaired_boundaries_are_reported_with_file_and_field() -> None:
    stderr = StringIO()
    _flensburg(stderr)
    assert (
        f"Note: {STADTBEZIRKE}, field features[19].geometry: was not a valid polygon "
        "(e.g. it crosses itself) and has been repaired"
    ) in stderr.getvalue()


@pytest.mark.django_db
def test_a_latin1_table_fails_naming_file_and_line_and_reads_with_its_encoding(
    data_dir: Path,
) -> None:
    for path in data_dir.glob("*.csv"):
        path.write_bytes(path.read_text(encoding="utf-8-sig").encode("latin-1"))
    output = _fails(str(data_dir))
    assert "tab_1_einwohner_in_stadtteilen_2011_bis_2021.csv, line " in output
    assert "is not utf-8-sig text" in output
    assert "--encoding latin-1" in output
    call_command(
        "import_population",
        str(data_dir),
        "--preset",
        "flensburg",
        "--encoding",
        "latin-1",
        "--skip-invalid",
        stdout=StringIO(),
        stderr=StringIO(),
    )
    assert District.objects.get(code="flensburg:STGT04").name == "Westliche Höhe"


@pytest.mark.django_db
def test_a_kiel_file_of_no_valid_row_with_skip_invalid_fails(tmp_path: Path) -> None:
    path = tmp_path / KIEL_PATH.name
    header = KIEL_PATH.read_text(encoding="utf-8-sig").splitlines()[0]
    path.write_text(f"{header}\nx;y;z\n", encoding="utf-8")
    with pytest.raises(CommandError, match=r"Nothing imported: \d+ problems\.$"):
        call_command(
            "import_population",
            str(path),
            "--preset",
            "kiel",
            "--skip-invalid",
            stdout=StringIO(),
            stderr=StringIO(),
        )
    assert not District.objects.exists()


@pytest.mark.django_db
def test_an_empty_kiel_file_fails_and_names_it(tmp_path: Path) -> None:
    path = tmp_path / "leer.csv"
    path.write_bytes(b"")
    stderr = StringIO()
    with pytest.raises(CommandError):
        call_command(
            "import_population", str(path), "--preset", "kiel", "--skip-invalid", stderr=stderr
        )
    assert "leer.csv: is empty" in stderr.getvalue()
    assert not District.objects.exists()
