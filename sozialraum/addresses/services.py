"""Filling the address index: :func:`addresses_import` reads a file (``readers.py``),
reprojects its coordinates to WGS84 (pyproj), assigns each address its district (point in
polygon) and writes all of them in one transaction, or nothing.

Re-importing updates by city, street, house number and suffix; an address that the new
file does not hold stays (files often cover a part of a city).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from pyproj import Transformer
from pyproj.exceptions import CRSError

from sozialraum.districts.lookup import districts_at_many
from sozialraum.lib.importing import DataImportError, ImportProblem
from sozialraum.lib.textfiles import DEFAULT_ENCODING

from .models import Address
from .normalise import address_parse, place_key, street_key
from .readers import WGS84, AddressRecord, ParsedAddresses, WithdrawnAddress, addresses_read

#: Rows per INSERT/UPDATE batch, and how often progress is reported.
BATCH = 1000

#: The fields an import sets, compared to tell an update from an unchanged address.
_FIELDS = ("street", "house_number_last", "postcode", "city", "lat", "lon", "district_id")

_Key = tuple[str, str, int, str]
Progress = Callable[[int, int], None]


@dataclass
class AddressImportReport:
    """What an import did (or, in a dry run, would do)."""

    file: str
    dry_run: bool
    read: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    duplicates: int = 0
    removed: int = 0
    placeholders: int = 0
    without_number: int = 0
    outside_districts: int = 0
    problems: list[ImportProblem] = field(default_factory=list)

    @property
    def skipped(self) -> int:
        """Records left out for their problems (several problems of one record count once)."""
        return len({problem.record for problem in self.problems})

    @property
    def summary(self) -> str:
        text = _(
            "%(file)s: %(read)d addresses read; %(created)d created, %(updated)d updated, "
            "%(unchanged)d unchanged, %(removed)d removed as withdrawn; left out: "
            "%(placeholders)d with a placeholder street, "
            "%(without)d without house number, %(duplicates)d duplicates, %(skipped)d "
            "invalid; %(outside)d outside every district."
        ) % {
            "file": self.file,
            "read": self.read,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "removed": self.removed,
            "placeholders": self.placeholders,
            "without": self.without_number,
            "duplicates": self.duplicates,
            "skipped": self.skipped,
            "outside": self.outside_districts,
        }
        return _("Dry run, nothing written: %(text)s") % {"text": text} if self.dry_run else text


@dataclass(frozen=True)
class _Located:
    record: AddressRecord
    lat: float
    lon: float


def _in_germany(lat: float, lon: float) -> bool:
    return 47.27 <= lat <= 55.06 and 5.86 <= lon <= 15.05


def _point_field(record: AddressRecord) -> str:
    return "EEEEEEEE,EEE" if isinstance(record.where, int) else "geometry"


def _reprojected(parsed: ParsedAddresses, crs: str | None) -> list[_Located]:
    """The records with WGS84 points; a problem for each point outside Germany."""
    by_crs: dict[str, list[AddressRecord]] = defaultdict(list)
    for record in parsed.records:
        by_crs[crs or record.crs].append(record)
    located: list[_Located] = []
    for name, records in by_crs.items():
        try:
            transformer = Transformer.from_crs(name, WGS84, always_xy=True)
        except CRSError:
            parsed.whole_file(_("unknown coordinate reference system %(crs)r") % {"crs": name})
            continue
        lons, lats = transformer.transform([r.x for r in records], [r.y for r in records])
        for record, lon, lat in zip(records, lons, lats, strict=True):
            if _in_germany(lat, lon):
                located.append(_Located(record, lat, lon))
                continue
            message = _("(%(x)s, %(y)s) in %(crs)s lies outside Germany (another --crs?)") % {
                "x": record.x,
                "y": record.y,
                "crs": name,
            }
            parsed.problem(record.where, _point_field(record), message)
    return located


def _checked(parsed: ParsedAddresses, located: list[_Located], city: str, skip: bool) -> None:
    """Raises DataImportError for problems of the file, for any problem unless ``skip``,
    and when nothing is left to import."""
    without_city = sum(1 for item in located if not (item.record.city or city)) + sum(
        1 for item in parsed.withdrawn if not (item.city or city)
    )
    if without_city:
        message = _("%(count)d addresses name no city; give one with --city NAME")
        parsed.whole_file(message % {"count": without_city})
    stopping = [p for p in parsed.problems if p.whole_file or not skip]
    if stopping:
        raise DataImportError(parsed.problems)
    if not located and not parsed.withdrawn:
        raise DataImportError([*parsed.problems, _nothing(parsed.file)])


def _nothing(file: str) -> ImportProblem:
    return ImportProblem(file, None, None, _("holds no address to import"), whole_file=True)


def _key(record: AddressRecord | WithdrawnAddress, city: str) -> _Key:
    return (place_key(city), street_key(record.street), record.number.number, record.number.suffix)


def _rows(
    located: list[_Located], city: str, source: str, report: AddressImportReport
) -> dict[_Key, Address]:
    """One unsaved Address per key (the first of duplicates), with its district."""
    rows: dict[_Key, Address] = {}
    for item in located:
        record, name = item.record, item.record.city or city
        key = _key(record, name)
        if key in rows:
            report.duplicates += 1
            continue
        rows[key] = Address(
            street=record.street,
            street_key=key[1],
            house_number=record.number.number,
            house_suffix=record.number.suffix,
            house_number_last=record.number.last,
            postcode=record.postcode,
            city=name,
            city_key=key[0],
            lat=round(item.lat, 7),
            lon=round(item.lon, 7),
            source=source,
        )
    districts = districts_at_many([(row.lat, row.lon) for row in rows.values()])
    for row, district in zip(rows.values(), districts, strict=True):
        row.district = district
        report.outside_districts += district is None
    return rows


def _existing(cities: Iterable[str]) -> dict[_Key, tuple[Any, ...]]:
    columns = ("city_key", "street_key", "house_number", "house_suffix", "pk", *_FIELDS)
    rows = Address.objects.filter(city_key__in=set(cities)).values_list(*columns)
    return {tuple(row[:4]): tuple(row[4:]) for row in rows}


def _sorted_out(
    rows: dict[_Key, Address], report: AddressImportReport
) -> tuple[list[Address], list[Address]]:
    """(new addresses, changed addresses with their pk)."""
    existing = _existing(key[0] for key in rows)
    new: list[Address] = []
    changed: list[Address] = []
    for key, row in rows.items():
        old = existing.get(key)
        if old is None:
            new.append(row)
        elif old[1:] != tuple(getattr(row, name) for name in _FIELDS):
            row.pk = old[0]
            changed.append(row)
        else:
            report.unchanged += 1
    report.created, report.updated = len(new), len(changed)
    return new, changed


def _withdrawn(
    parsed: ParsedAddresses, city: str, rows: dict[_Key, Address], report: AddressImportReport
) -> list[Any]:
    """The primary keys of the indexed addresses the file withdraws (not those it also
    lists as existing)."""
    keys = {
        key
        for item in parsed.withdrawn
        if (key := _key(item, item.city or city)) not in rows and key[0]
    }
    existing = _existing(key[0] for key in keys)
    pks = [existing[key][0] for key in keys if key in existing]
    report.removed = len(pks)
    return pks


def _write(new: list[Address], changed: list[Address], progress: Progress | None) -> None:
    total = len(new) + len(changed)
    done = 0
    for start in range(0, len(new), BATCH):
        Address.objects.bulk_create(new[start : start + BATCH])
        done += len(new[start : start + BATCH])
        if progress:
            progress(done, total)
    fields = [*(name.removesuffix("_id") for name in _FIELDS), "source"]
    for start in range(0, len(changed), BATCH):
        Address.objects.bulk_update(changed[start : start + BATCH], fields)
        done += len(changed[start : start + BATCH])
        if progress:
            progress(done, total)


@dataclass(frozen=True)
class KnownAddress:
    """An address someone entered or a source published with its point (WGS84), such as
    an offer's place: ``street_address`` is street and number as one text."""

    street_address: str
    postcode: str
    city: str
    lat: float
    lon: float


def addresses_from_places(places: Iterable[KnownAddress], *, source: str) -> int:
    """Adds to the index the addresses of ``places`` it does not hold yet and returns how
    many. Addresses it holds are left as they are (official house coordinates win over a
    point entered by hand). Places without house number, city or a point in Germany are
    left out."""
    located: list[_Located] = []
    for place in places:
        parsed = address_parse(place.street_address)
        city = place.city.strip()
        if not (parsed.street and parsed.number and city and _in_germany(place.lat, place.lon)):
            continue
        record = AddressRecord(
            source, parsed.street, parsed.number, place.postcode.strip(), city,
            place.lon, place.lat, WGS84,
        )  # fmt: skip
        located.append(_Located(record, place.lat, place.lon))
    report = AddressImportReport(file=source, dry_run=False)
    new, _changed = _sorted_out(_rows(located, "", source, report), report)
    with transaction.atomic():
        _write(new, [], None)
    return len(new)


def addresses_import(
    *,
    path: Path,
    fmt: str,
    crs: str | None = None,
    city: str = "",
    encoding: str = DEFAULT_ENCODING,
    skip_invalid: bool = False,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> AddressImportReport:
    """Imports the addresses of ``path`` (format ``fmt``, see ``readers.FORMATS``).

    ``crs`` overrides the file's own (GeoJSON ``crs`` member, HK-DE zone prefix); ``city``
    is the city of addresses that name none. Raises DataImportError, writing nothing, for
    a file that cannot be read or holds no address, and for any invalid record unless
    ``skip_invalid`` (then they are left out and listed in the report's ``problems``).
    """
    parsed = addresses_read(path, fmt, encoding=encoding, crs=crs)
    located = _reprojected(parsed, crs)
    _checked(parsed, located, city, skip_invalid)
    report = AddressImportReport(
        file=parsed.file,
        dry_run=dry_run,
        read=len(parsed.records),
        placeholders=parsed.placeholders,
        without_number=parsed.without_number,
        problems=parsed.problems,
    )
    rows = _rows(located, city, f"{fmt}: {parsed.file}", report)
    new, changed = _sorted_out(rows, report)
    removed = _withdrawn(parsed, city, rows, report)
    if not dry_run:
        with transaction.atomic():
            _write(new, changed, progress)
            for start in range(0, len(removed), BATCH):
                Address.objects.filter(pk__in=removed[start : start + BATCH]).delete()
    return report
