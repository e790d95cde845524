"""Offer imports never destroy data: a file that cannot be read, is empty, is not what
the importer reads, or yields no valid record fails (with or without --skip-invalid) and
writes nothing; coordinates at 0,0 or outside Germany are reported per record.

Real files: the shipped Flensburg day-care centres (Stadt Flensburg, CC0) and the HSDS 3
example datapackage (Open Referral, CC BY-SA 4.0, in tests/data/hsds3-examples)."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from sozialraum.directory.exchange.cities import KITAS_FLENSBURG_FILE, shipped
from sozialraum.directory.models import Offer

DATAPACKAGE = Path(__file__).parent / "data" / "hsds3-examples" / "csv"


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


def _fails(command: str, *args: str) -> str:
    stderr = StringIO()
    with pytest.raises(CommandError) as caught:
        call_command(command, *args, stdout=StringIO(), stderr=stderr)
    return f"{stderr.getvalue()}\n{caught.value}"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "cannot be read"),
        (b"\x00\x01\xff\xfe\x00", "is not utf-8-sig text (byte 2"),
        (b'{"type": "Feature"}', "is not a GeoJSON FeatureCollection"),
        (b'{"type": "FeatureCollection", "features": [{}]}', "is missing"),
    ],
)
@pytest.mark.parametrize("command", ["import_kitas_flensburg", "import_playgrounds_flensburg"])
def test_an_unusable_file_with_skip_invalid_fails_and_writes_nothing(
    tmp_path: Path, command: str, content: bytes, message: str
) -> None:
    call_command("import_kitas_flensburg", "--skip-invalid", stdout=StringIO(), stderr=StringIO())
    before = sorted(Offer.objects.values_list("external_id", "name"))
    path = tmp_path / "kaputt.geojson"
    path.write_bytes(content)
    output = _fails(command, "--path", str(path), "--skip-invalid")
    assert "kaputt.geojson" in output
    assert message in output
    assert "(--skip-invalid imports the rest)" not in output
    assert sorted(Offer.objects.values_list("external_id", "name")) == before


@pytest.mark.django_db
def test_coordinates_at_0_0_or_outside_germany_are_reported_per_record(tmp_path: Path) -> None:
    collection = json.loads(shipped(KITAS_FLENSBURG_FILE).read_text(encoding="utf-8-sig"))
    collection["features"][0]["geometry"]["coordinates"] = [0, 0]
    collection["features"][1]["geometry"]["coordinates"] = [2.35, 48.85]
    path = tmp_path / "kitas.geojson"
    path.write_text(json.dumps(collection), encoding="utf-8")
    output = _fails("import_kitas_flensburg", "--path", str(path))
    assert "kitas.geojson, field features[0].geometry.coordinates: lies at 0,0" in output
    assert (
        "kitas.geojson, field features[1].geometry.coordinates: (48.85, 2.35) lies outside Germany"
        in output
    )
    stdout = StringIO()
    call_command(
        "import_kitas_flensburg",
        "--path",
        str(path),
        "--skip-invalid",
        stdout=stdout,
        stderr=StringIO(),
    )
    assert "2 invalid records skipped" in stdout.getvalue()
    assert Offer.objects.count() == len(collection["features"]) - 2


@pytest.mark.django_db
def test_a_datapackage_with_a_latin1_table_fails_naming_the_file_and_line(tmp_path: Path) -> None:
    directory = tmp_path / "paket"
    shutil.copytree(DATAPACKAGE, directory)
    services = directory / "services.csv"
    services.write_bytes(
        services.read_text(encoding="utf-8").replace("Service", "Dienstä", 1).encode("latin-1")
    )
    output = _fails("import_hsds", str(directory), "--skip-invalid")
    assert "services.csv, line 2: is not utf-8-sig text" in output
    assert not Offer.objects.exists()


@pytest.mark.django_db
def test_an_hsds_file_of_no_valid_service_with_skip_invalid_fails(tmp_path: Path) -> None:
    path = tmp_path / "leer.json"
    path.write_text("[]", encoding="utf-8")
    output = _fails("import_hsds", str(path), "--skip-invalid")
    assert "leer.json: holds no valid record" in output
    assert not Offer.objects.exists()
