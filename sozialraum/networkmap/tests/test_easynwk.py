"""Reading and writing easyNWK files."""

from __future__ import annotations

import datetime as dt
import itertools
import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sozialraum.lib.importing import DataImportError
from sozialraum.networkmap.easynwk import (
    MAX_CONTACTS,
    MAX_TIES,
    MAX_VERSIONS,
    NwkAlter,
    NwkConnection,
    NwkRecord,
    NwkVersion,
    parse_easynwk,
    write_easynwk,
)

DATA = Path(__file__).parent / "data"
ROSA = DATA / "Rosa_Braunsteigl-Mueller.json"


def _problems(data: object) -> list[str]:
    raw = data if isinstance(data, bytes) else json.dumps(data).encode()
    with pytest.raises(DataImportError) as caught:
        parse_easynwk(raw, file="karte.json")
    return [f"{p.field}: {p.message}" for p in caught.value.problems]


def _version(alteri: list[dict[str, object]], connections: list[object] | None = None) -> dict:
    return {
        "versions": [
            {
                "id": 1,
                "title": "Start",
                "date": "2024-02-26",
                "nwk": {"ego": {}, "alteri": alteri, "connections": connections or []},
            }
        ],
        "currentVersion": 1,
    }


def test_the_real_example_file_with_its_byte_order_mark_is_read_completely() -> None:
    raw = ROSA.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    record = parse_easynwk(raw, file=ROSA.name)
    (version,) = record.versions
    assert (version.id, version.title, version.date) == (1, "Erstgespräch", dt.date(2024, 2, 26))
    assert len(version.alteri) == 10
    assert len(version.connections) == 5
    hubert = next(alter for alter in version.alteri if alter.name == "Hubert")
    assert (hubert.deceased, hubert.role, hubert.distance) == (True, "Vater", 103.0)
    strolchi = next(alter for alter in version.alteri if alter.name == "Strolchi")
    assert (strolchi.human, strolchi.edge_type) == (False, 0)
    assert version.ego.name == "Rosa Braunsteigl-Müller"
    assert record.current_version == 1


def test_writing_and_reading_back_gives_the_same_record() -> None:
    record = parse_easynwk(ROSA.read_bytes(), file=ROSA.name)
    assert parse_easynwk(write_easynwk(record), file="export.json") == record


def test_a_written_file_is_plain_utf8_json_in_easynwk_shape() -> None:
    record = parse_easynwk(ROSA.read_bytes(), file=ROSA.name)
    written = write_easynwk(record)
    assert not written.startswith(b"\xef\xbb\xbf")
    document = json.loads(written)
    alter = document["versions"][0]["nwk"]["alteri"][0]
    assert {"id", "name", "role", "human", "deceased", "edgeType", "angle", "distance"} <= set(
        alter
    )
    assert document["currentVersion"] == 1


def test_an_old_file_with_a_single_map_becomes_one_version() -> None:
    single = {
        "ego": {"name": "X"},
        "alteri": [{"id": 1, "name": "A", "angle": 10, "distance": 20}],
        "connections": [],
    }
    record = parse_easynwk(json.dumps(single).encode(), file="alt.json")
    assert [(v.id, v.date, len(v.alteri)) for v in record.versions] == [(1, None, 1)]


def test_a_tie_listed_in_both_directions_is_kept_once() -> None:
    alteri = [
        {"id": 1, "name": "A", "angle": 10, "distance": 20},
        {"id": 2, "name": "B", "angle": 20, "distance": 20},
    ]
    record = parse_easynwk(
        json.dumps(_version(alteri, [{"id1": 1, "id2": 2}, {"id1": 2, "id2": 1}])).encode(),
        file="k.json",
    )
    assert record.versions[0].connections == (NwkConnection(id1=1, id2=2),)


def test_every_problem_is_reported_with_its_field_path() -> None:
    alteri = [
        {"id": 1, "name": "", "angle": 500, "distance": 10},
        {"id": 2, "name": "B", "angle": "x", "distance": -1, "edgeType": 7},
        {"id": 2, "name": "C", "angle": 1, "distance": 1, "human": "ja"},
    ]
    problems = _problems(_version(alteri, [{"id1": 1, "id2": 9}, {"id1": 3, "id2": 3}]))
    assert problems == [
        "versions[0].nwk.alteri[0].name: is empty: every contact needs a name",
        "versions[0].nwk.alteri[0].angle: must lie between -180 and 180 degrees",
        "versions[0].nwk.alteri[1].angle: must be a number",
        "versions[0].nwk.alteri[1].distance: must not be negative",
        "versions[0].nwk.alteri[1].edgeType: must be 0, 1 or 2",
        "versions[0].nwk.alteri[2].human: must be true or false",
        "versions[0].nwk.alteri[2].id: repeats the id 2",
        "versions[0].nwk.connections[0].id2: names no contact of this version: 9",
        "versions[0].nwk.connections[1]: ties a contact to itself",
    ]


def test_a_repeated_contact_id_is_reported() -> None:
    alteri = [
        {"id": 4, "name": "A", "angle": 1, "distance": 1},
        {"id": 4, "name": "B", "angle": 2, "distance": 2},
    ]
    assert _problems(_version(alteri)) == ["versions[0].nwk.alteri[1].id: repeats the id 4"]


def test_a_file_that_is_not_json_is_reported_with_its_line() -> None:
    with pytest.raises(DataImportError) as caught:
        parse_easynwk(b'{\n  "versions": [,]\n}', file="kaputt.json")
    (problem,) = caught.value.problems
    assert (problem.file, problem.line) == ("kaputt.json", 2)
    assert "JSON" in problem.message


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"\xff\xfe", ": is not UTF-8 text (byte 0)"),
        (b"[]", ": must be a JSON object with a list of versions"),
        (b'{"versions": []}', "versions: holds no version"),
        (
            b'{"versions": [{"id": 1, "date": "26.02.2024", "nwk": {"alteri": [], '
            b'"connections": []}}]}',
            "versions[0].date: must be a date like 2024-02-26",
        ),
        (
            b'{"versions": [{"id": 1, "nwk": {"connections": []}}]}',
            "versions[0].nwk.alteri: is missing",
        ),
    ],
)
def test_broken_files_say_what_is_wrong(content: bytes, expected: str) -> None:
    problems = _problems(content)
    assert [p.replace("None: ", ": ") for p in problems] == [expected]


def _contacts(count: int) -> list[dict[str, object]]:
    return [{"id": i, "name": f"K{i}", "angle": 10, "distance": 50} for i in range(count)]


def test_a_file_nested_too_deeply_is_refused_with_a_message() -> None:
    assert _problems(b"[" * 100_000 + b"]" * 100_000) == [
        ": is nested too deeply to be an easyNWK file"
    ]


def test_a_number_of_thousands_of_digits_is_refused_with_a_message() -> None:
    problems = _problems(b'{"versions": [{"id": ' + b"9" * 5000 + b"}]}")
    assert problems == [": holds a number too large to read"]


def test_an_id_beyond_the_largest_key_is_refused() -> None:
    problems = _problems(_version([{"id": 2**63, "name": "A", "angle": 0, "distance": 50}]))
    assert problems == ["versions[0].nwk.alteri[0].id: must be a whole number from 0 to 1000000"]


def test_a_version_of_more_contacts_than_a_network_map_holds_is_refused() -> None:
    assert _problems(_version(_contacts(MAX_CONTACTS + 1))) == [
        f"versions[0].nwk.alteri: holds {MAX_CONTACTS + 1} contacts, "
        f"a network map holds at most {MAX_CONTACTS}"
    ]


def test_a_version_of_as_many_contacts_as_allowed_is_read() -> None:
    data = json.dumps(_version(_contacts(MAX_CONTACTS))).encode()
    assert len(parse_easynwk(data, file="k.json").versions[0].alteri) == MAX_CONTACTS


def test_a_version_of_more_ties_than_a_network_map_holds_is_refused() -> None:
    ties: list[object] = [{"id1": a, "id2": b} for a, b in itertools.combinations(range(80), 2)]
    assert len(ties) > MAX_TIES
    assert _problems(_version(_contacts(80), ties)) == [
        f"versions[0].nwk.connections: holds {len(ties)} ties, "
        f"a network map holds at most {MAX_TIES}"
    ]


def test_a_file_of_more_versions_than_allowed_is_refused() -> None:
    version = _version([])["versions"][0]
    versions = [{**version, "id": n} for n in range(MAX_VERSIONS + 1)]
    assert _problems({"versions": versions}) == [
        f"versions: holds {MAX_VERSIONS + 1} versions, at most {MAX_VERSIONS} are read"
    ]


names = (
    st.text(
        alphabet=st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]),
        min_size=1,
        max_size=30,
    )
    .map(str.strip)
    .filter(bool)
)
alters = st.builds(
    NwkAlter,
    id=st.integers(min_value=1, max_value=10_000),
    name=names,
    angle=st.floats(min_value=-180, max_value=180),
    distance=st.floats(min_value=0, max_value=150),
    role=st.sampled_from(["", "Mutter", "Ärzt*in"]),
    human=st.booleans(),
    deceased=st.booleans(),
    note=st.text(max_size=50),
    edge_type=st.sampled_from([0, 1, 2]),
)


@given(st.lists(alters, max_size=8, unique_by=lambda alter: alter.id))
def test_any_record_survives_writing_and_reading(alteri: list[NwkAlter]) -> None:
    ids = [alter.id for alter in alteri]
    ties = tuple(NwkConnection(id1=a, id2=b) for a, b in itertools.pairwise(ids))
    version = NwkVersion(
        id=3, title="T", date=dt.date(2025, 1, 2), alteri=tuple(alteri), connections=ties
    )
    record = NwkRecord(versions=(version,), current_version=3)
    assert parse_easynwk(write_easynwk(record), file="x") == record
