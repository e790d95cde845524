"""The easyNWK file format (https://github.com/fhstp/easynwk-web): read and write.

An easyNWK file is JSON, often with a UTF-8 byte-order mark: ``{"versions": [{"id",
"title", "date", "nwk": {"ego": {...}, "alteri": [...], "connections": [...]}}],
"currentVersion"}``. Older files hold a single ``nwk`` object (``ego``, ``alteri``,
``connections``) without versions. Each alter has an ``id`` (kept across versions, so a
contact can be followed over time), ``name``, ``role``, ``human``, ``deceased``, ``note``,
``edgeType`` (bond to the person: 0 none, 1 contact, 2 several), ``angle`` and
``distance`` (see ``geometry``); ``currentGender`` and ``age`` are read and written but
the platform does not keep them. Connections are ties ``{"id1", "id2"}`` between alteri.

Both functions are pure: :func:`parse_easynwk` checks the whole file and raises one
``DataImportError`` listing every problem with its field path (``versions[0].nwk.alteri[3].
angle``); :func:`write_easynwk` gives the bytes easyNWK reads.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from sozialraum.lib.importing import DataImportError, ImportProblem

from .choices import (
    MAX_CONTACTS,
    MAX_TIES,
    NAME_MAX_LENGTH,
    NOTE_MAX_LENGTH,
    ROLE_MAX_LENGTH,
    TITLE_MAX_LENGTH,
    Bond,
)

#: Limits of a file: versions, contacts and ties per version (``MAX_CONTACTS``,
#: ``MAX_TIES`` from choices.py, the same as on the page), and the largest id (a contact's
#: id becomes its key in the database); a file beyond these is refused as a whole.
MAX_VERSIONS = 50
MAX_NWK_ID = 1_000_000

#: easyNWK's "not specified" gender, written for contacts whose gender we do not keep.
GENDER_UNSPECIFIED = "nicht festgelegt"


@dataclass(frozen=True)
class NwkEgo:
    """The person at the centre, as easyNWK stores it in each version."""

    name: str = ""
    gender: str = GENDER_UNSPECIFIED
    age: str = ""
    note: str = ""


@dataclass(frozen=True)
class NwkAlter:
    """One contact ("alter") of a version."""

    id: int
    name: str
    angle: float
    distance: float
    role: str = ""
    human: bool = True
    deceased: bool = False
    note: str = ""
    edge_type: int = Bond.CONTACT
    gender: str = GENDER_UNSPECIFIED
    age: str = ""


@dataclass(frozen=True)
class NwkConnection:
    """A tie between two alteri of the same version, by their ids."""

    id1: int
    id2: int


@dataclass(frozen=True)
class NwkVersion:
    """One dated state of the map; ``date`` is None when the file gives none."""

    id: int
    title: str
    date: dt.date | None
    alteri: tuple[NwkAlter, ...]
    connections: tuple[NwkConnection, ...]
    ego: NwkEgo = field(default_factory=NwkEgo)


@dataclass(frozen=True)
class NwkRecord:
    """A whole file: its versions in file order and the id of the current one."""

    versions: tuple[NwkVersion, ...]
    current_version: int


# --- Reading -------------------------------------------------------------------------------


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


class _Reader:
    """Walks the decoded JSON, collecting every problem with its path instead of stopping."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[ImportProblem] = []

    def problem(self, path: str, message: str) -> None:
        self.problems.append(ImportProblem(file=self.file, line=None, field=path, message=message))

    def object(self, value: Any, path: str) -> dict[str, Any] | None:
        if isinstance(value, dict):
            return value
        self.problem(path, _("must be a JSON object"))
        return None

    def array(self, data: dict[str, Any], key: str, path: str) -> list[Any]:
        value = data.get(key)
        if isinstance(value, list):
            return value
        self.problem(_join(path, key), _("must be a list") if key in data else _("is missing"))
        return []

    def integer(self, data: dict[str, Any], key: str, path: str) -> int | None:
        value = data.get(key)
        if isinstance(value, int) and not isinstance(value, bool):
            if 0 <= value <= MAX_NWK_ID:
                return value
            self.problem(
                _join(path, key),
                _("must be a whole number from 0 to %(limit)d") % {"limit": MAX_NWK_ID},
            )
            return None
        self.problem(
            _join(path, key), _("must be a whole number") if key in data else _("is missing")
        )
        return None

    def at_most(self, items: list[Any], limit: int, path: str, message: str) -> list[Any]:
        """``items`` if there are no more than ``limit``; else a problem and none."""
        if len(items) <= limit:
            return items
        self.problem(path, message % {"count": len(items), "limit": limit})
        return []

    def number(self, data: dict[str, Any], key: str, path: str) -> float | None:
        value = data.get(key)
        if isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value):
            return float(value)
        self.problem(_join(path, key), _("must be a number") if key in data else _("is missing"))
        return None

    def text(
        self, data: dict[str, Any], key: str, path: str, *, limit: int, default: str = ""
    ) -> str:
        value = data.get(key, default)
        if not isinstance(value, str):
            self.problem(_join(path, key), _("must be text"))
            return default
        if len(value) > limit:
            self.problem(
                _join(path, key),
                _("is longer than %(limit)d characters") % {"limit": limit},
            )
        return value

    def flag(self, data: dict[str, Any], key: str, path: str, *, default: bool) -> bool:
        value = data.get(key, default)
        if isinstance(value, bool):
            return value
        self.problem(_join(path, key), _("must be true or false"))
        return default


def parse_easynwk(data: bytes, *, file: str) -> NwkRecord:
    """Reads an easyNWK file (``file`` names it in messages). Raises ``DataImportError``
    listing every problem found; returns a record only for a file without any."""
    reader = _Reader(file)
    document = _decode(data, reader)
    record = _record(document, reader) if document is not None else None
    if reader.problems or record is None:
        raise DataImportError(reader.problems)
    return record


def _decode(data: bytes, reader: _Reader) -> dict[str, Any] | None:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        reader.problem("", _("is not UTF-8 text (byte %(at)d)") % {"at": error.start})
        return None
    try:
        document = json.loads(text)
    except RecursionError:
        reader.problem("", _("is nested too deeply to be an easyNWK file"))
        return None
    except ValueError as error:
        if not isinstance(error, json.JSONDecodeError):  # a number of thousands of digits
            reader.problem("", _("holds a number too large to read"))
            return None
        reader.problems.append(
            ImportProblem(
                file=reader.file,
                line=error.lineno,
                field=None,
                message=_("is not valid JSON: %(reason)s") % {"reason": error.msg},
            )
        )
        return None
    if not isinstance(document, dict):
        reader.problem("", _("must be a JSON object with a list of versions"))
        return None
    return document


def _record(document: dict[str, Any], reader: _Reader) -> NwkRecord | None:
    if "versions" not in document and {"ego", "alteri", "connections"} <= document.keys():
        version = _nwk(document, reader, path="", number=1, title="", date=None)
        return NwkRecord(versions=(version,), current_version=1)
    listed = reader.array(document, "versions", "")
    items = reader.at_most(
        listed, MAX_VERSIONS, "versions", _("holds %(count)d versions, at most %(limit)d are read")
    )
    if "versions" in document and not listed:
        reader.problem("versions", _("holds no version"))
    versions = [_version(item, reader, f"versions[{index}]") for index, item in enumerate(items)]
    found = [version for version in versions if version is not None]
    ids = [item.get("id") if isinstance(item, dict) else None for item in items]
    _check_unique(ids, reader, "versions[{}].id")
    current = document.get("currentVersion")
    if not isinstance(current, int) or current not in {v.id for v in found}:
        current = found[-1].id if found else 0
    return NwkRecord(versions=tuple(found), current_version=current)


def _version(item: Any, reader: _Reader, path: str) -> NwkVersion | None:
    data = reader.object(item, path)
    if data is None:
        return None
    number = reader.integer(data, "id", path)
    title = reader.text(data, "title", path, limit=TITLE_MAX_LENGTH)
    date = _date(data, reader, path)
    nwk = reader.object(data.get("nwk"), f"{path}.nwk")
    if nwk is None or number is None:
        return None
    return _nwk(nwk, reader, path=f"{path}.nwk", number=number, title=title, date=date)


def _date(data: dict[str, Any], reader: _Reader, path: str) -> dt.date | None:
    value = data.get("date")
    if value is None or value == "":
        return None
    try:
        if isinstance(value, str):
            return dt.date.fromisoformat(value)
    except ValueError:
        pass
    reader.problem(f"{path}.date", _("must be a date like 2024-02-26"))
    return None


def _nwk(
    data: dict[str, Any],
    reader: _Reader,
    *,
    path: str,
    number: int,
    title: str,
    date: dt.date | None,
) -> NwkVersion:
    ego = _ego(data.get("ego", {}), reader, _join(path, "ego"))
    alteri_path = _join(path, "alteri")
    listed = reader.array(data, "alteri", path)
    items = reader.at_most(
        listed,
        MAX_CONTACTS,
        alteri_path,
        _("holds %(count)d contacts, a network map holds at most %(limit)d"),
    )
    alteri = [_alter(item, reader, f"{alteri_path}[{i}]") for i, item in enumerate(items)]
    found = tuple(alter for alter in alteri if alter is not None)
    # Ids of contacts with other problems still count, so ties to them are not reported too.
    ids = [item.get("id") if isinstance(item, dict) else None for item in items]
    _check_unique(ids, reader, alteri_path + "[{}].id")
    known = {number for number in ids if isinstance(number, int)}
    # Ties among too many contacts are not read (they would all name unknown contacts).
    items = reader.at_most(
        reader.array(data, "connections", path) if items or not listed else [],
        MAX_TIES,
        _join(path, "connections"),
        _("holds %(count)d ties, a network map holds at most %(limit)d"),
    )
    connections = _connections(items, known, reader, _join(path, "connections"))
    return NwkVersion(
        id=number, title=title, date=date, alteri=found, connections=connections, ego=ego
    )


def _ego(item: Any, reader: _Reader, path: str) -> NwkEgo:
    data = reader.object(item, path)
    if data is None:
        return NwkEgo()
    return NwkEgo(
        name=reader.text(data, "name", path, limit=NAME_MAX_LENGTH),
        gender=reader.text(data, "currentGender", path, limit=50, default=GENDER_UNSPECIFIED),
        age=reader.text(data, "age", path, limit=20),
        note=reader.text(data, "note", path, limit=NOTE_MAX_LENGTH),
    )


def _alter(item: Any, reader: _Reader, path: str) -> NwkAlter | None:
    data = reader.object(item, path)
    if data is None:
        return None
    number = reader.integer(data, "id", path)
    name = reader.text(data, "name", path, limit=NAME_MAX_LENGTH).strip()
    if not name and isinstance(data.get("name", ""), str):
        reader.problem(f"{path}.name", _("is empty: every contact needs a name"))
    angle, distance = _position(data, reader, path)
    edge_type = data.get("edgeType", Bond.CONTACT)
    if edge_type not in Bond.values or isinstance(edge_type, bool):
        reader.problem(f"{path}.edgeType", _("must be 0, 1 or 2"))
    if number is None or angle is None or distance is None:
        return None
    return NwkAlter(
        id=number,
        name=name,
        angle=angle,
        distance=distance,
        role=reader.text(data, "role", path, limit=ROLE_MAX_LENGTH).strip(),
        human=reader.flag(data, "human", path, default=True),
        deceased=reader.flag(data, "deceased", path, default=False),
        note=reader.text(data, "note", path, limit=NOTE_MAX_LENGTH),
        edge_type=int(edge_type) if edge_type in Bond.values else Bond.CONTACT,
        gender=reader.text(data, "currentGender", path, limit=50, default=GENDER_UNSPECIFIED),
        age=str(reader.text(data, "age", path, limit=20)),
    )


def _position(
    data: dict[str, Any], reader: _Reader, path: str
) -> tuple[float | None, float | None]:
    angle = reader.number(data, "angle", path)
    distance = reader.number(data, "distance", path)
    if angle is not None and not -180 <= angle <= 180:
        reader.problem(f"{path}.angle", _("must lie between -180 and 180 degrees"))
        angle = None
    if distance is not None and distance < 0:
        reader.problem(f"{path}.distance", _("must not be negative"))
        distance = None
    return angle, distance


def _connections(
    items: list[Any], known: set[int], reader: _Reader, path: str
) -> tuple[NwkConnection, ...]:
    """The ties, each pair once (easyNWK may list a pair in both directions)."""
    seen: dict[frozenset[int], NwkConnection] = {}
    for index, item in enumerate(items):
        here = f"{path}[{index}]"
        data = reader.object(item, here)
        if data is None:
            continue
        id1, id2 = (reader.integer(data, key, here) for key in ("id1", "id2"))
        if id1 is not None and id1 == id2:
            reader.problem(here, _("ties a contact to itself"))
            continue
        for key, end in (("id1", id1), ("id2", id2)):
            if end is not None and end not in known:
                reader.problem(
                    _join(here, key),
                    _("names no contact of this version: %(id)d") % {"id": end},
                )
        if id1 in known and id2 in known and id1 is not None and id2 is not None:
            seen.setdefault(frozenset((id1, id2)), NwkConnection(id1=id1, id2=id2))
    return tuple(seen.values())


def _check_unique(numbers: list[Any], reader: _Reader, pattern: str) -> None:
    seen: set[Any] = set()
    for index, number in enumerate(numbers):
        if number is None or isinstance(number, dict | list):
            continue
        if number in seen:
            reader.problem(pattern.format(index), _("repeats the id %(id)d") % {"id": number})
        seen.add(number)


# --- Writing -------------------------------------------------------------------------------


def write_easynwk(record: NwkRecord) -> bytes:
    """The record as an easyNWK file: UTF-8 JSON without a byte-order mark (easyNWK reads
    both), every number written so that reading it back gives the same float."""
    document = {
        "versions": [_version_json(version) for version in record.versions],
        "currentVersion": record.current_version,
    }
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")


def _version_json(version: NwkVersion) -> dict[str, Any]:
    ego = version.ego
    return {
        "id": version.id,
        "title": version.title,
        "date": version.date.isoformat() if version.date else "",
        "nwk": {
            "ego": {
                "name": ego.name,
                "currentGender": ego.gender,
                "age": ego.age,
                "note": ego.note,
            },
            "alteri": [_alter_json(alter) for alter in version.alteri],
            "connections": [{"id1": c.id1, "id2": c.id2} for c in version.connections],
        },
    }


def _alter_json(alter: NwkAlter) -> dict[str, Any]:
    return {
        "id": alter.id,
        "name": alter.name,
        "role": alter.role,
        "roleDefault": False,
        "human": alter.human,
        "currentGender": alter.gender,
        "genderDefault": alter.gender == GENDER_UNSPECIFIED,
        "age": alter.age,
        "note": alter.note,
        "deceased": alter.deceased,
        "edgeType": alter.edge_type,
        "edgeTypeByUser": alter.edge_type,
        "angle": alter.angle,
        "distance": alter.distance,
    }
