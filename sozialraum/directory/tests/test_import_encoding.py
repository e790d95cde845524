"""Every offer import command takes ``--encoding``: a Latin-1 file imports with
``--encoding latin-1``, and without it fails, naming the file and the line of the first
byte that is not UTF-8, and writes nothing.

Files: the shipped Flensburg and Kiel data (Stadt Flensburg, CC0; KitaPortal
Schleswig-Holstein, dl-de/by-2-0), the OSM sample (ODbL) and the HSDS 3 example
datapackage (Open Referral, CC BY-SA 4.0) in tests/data, re-encoded here as Latin-1."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from sozialraum.directory.exchange.cities import (
    KITAS_FLENSBURG_FILE,
    KITAS_KIEL_FILE,
    PLAYGROUNDS_FLENSBURG_FILE,
    shipped,
)
from sozialraum.directory.models import Offer

DATA = Path(__file__).parent / "data"

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english() -> Iterator[None]:
    with translation.override("en"):
        yield


def _latin1(source: Path, target: Path) -> Path:
    target.write_bytes(source.read_text(encoding="utf-8-sig").encode("latin-1"))
    return target


def _in_latin1(text: str) -> bool:
    try:
        text.encode("latin-1")
    except UnicodeEncodeError:
        return False
    return True


def _kiel_sample(tmp_path: Path, encoding: str) -> Path:
    """Ten centres of the shipped Kiel file whose text Latin-1 can hold."""
    items = json.loads(shipped(KITAS_KIEL_FILE).read_text(encoding="utf-8-sig"))
    items = [item for item in items if _in_latin1(json.dumps(item, ensure_ascii=False))][:10]
    path = tmp_path / encoding / "kitas_kiel.json"
    path.parent.mkdir()
    path.write_bytes(json.dumps(items, ensure_ascii=False, indent=1).encode(encoding))
    return path


def _datapackage(folder: Path) -> Path:
    """The example datapackage with real coordinates (the example's lie off the globe) and
    its service in Mürwik."""
    shutil.copytree(DATA / "hsds3-examples" / "csv", folder)
    for name, old, new in [
        ("locations.csv", ",100,101,", ",54.79,9.43,"),
        ("services.csv", ",Community Counselling,", ",Beratung in Mürwik,"),
    ]:
        text = (folder / name).read_text(encoding="utf-8")
        assert old in text
        (folder / name).write_text(text.replace(old, new), encoding="utf-8")
    return folder


def _inputs(command: str, tmp_path: Path) -> tuple[list[str], Path, list[str]]:
    """The command's arguments for a Latin-1 input file, that file, and the arguments for
    the same data in UTF-8."""
    if command == "import_hsds":
        folders = [_datapackage(tmp_path / name) for name in ("latin-1", "utf-8")]
        _latin1(folders[0] / "services.csv", folders[0] / "services.csv")
        return [str(folders[0])], folders[0] / "services.csv", [str(folders[1])]
    if command == "import_osm":
        source = DATA / "osm_flensburg.geojson"
        path = _latin1(source, tmp_path / "osm.geojson")
        return [str(path)], path, [str(source)]
    if command == "import_kitas_kiel":
        path = _kiel_sample(tmp_path, "latin-1")
        return ["--path", str(path)], path, ["--path", str(_kiel_sample(tmp_path, "utf-8"))]
    source = shipped(
        {
            "import_kitas_flensburg": KITAS_FLENSBURG_FILE,
            "import_playgrounds_flensburg": PLAYGROUNDS_FLENSBURG_FILE,
        }[command]
    )
    path = _latin1(source, tmp_path / source.name)
    return ["--path", str(path)], path, ["--path", str(source)]


def _first_non_ascii_line(path: Path) -> int:
    data = path.read_bytes()
    first = next(index for index, byte in enumerate(data) if byte > 0x7F)
    return data.count(b"\n", 0, first) + 1


COMMANDS = [
    "import_hsds",
    "import_osm",
    "import_kitas_flensburg",
    "import_kitas_kiel",
    "import_playgrounds_flensburg",
]


@pytest.mark.parametrize("command", COMMANDS)
def test_a_latin1_file_fails_without_encoding_naming_file_and_line(
    tmp_path: Path, command: str
) -> None:
    arguments, path, _utf8 = _inputs(command, tmp_path)
    stderr = StringIO()

    with pytest.raises(CommandError):
        call_command(command, *arguments, stdout=StringIO(), stderr=stderr)

    line = _first_non_ascii_line(path)
    assert f"{path.name}, line {line}: is not utf-8-sig text" in stderr.getvalue()
    assert "--encoding latin-1" in stderr.getvalue()
    assert not Offer.objects.exists()


@pytest.mark.parametrize("command", COMMANDS)
def test_a_latin1_file_imports_with_encoding_latin1(tmp_path: Path, command: str) -> None:
    """Imported as Latin-1, the data equals the UTF-8 original's: importing that afterwards
    changes nothing."""
    arguments, _path, utf8 = _inputs(command, tmp_path)
    call_command(command, *arguments, "--encoding", "latin-1", "--skip-invalid", stdout=StringIO())
    assert Offer.objects.exists()
    texts = [str(value) for row in Offer.objects.values() for value in row.values()]
    assert not all(text.isascii() for text in texts), "the non-ASCII text is read"

    stdout = StringIO()
    call_command(command, *utf8, "--skip-invalid", stdout=stdout, stderr=StringIO())

    assert " 0 offers created, 0 updated," in stdout.getvalue()
