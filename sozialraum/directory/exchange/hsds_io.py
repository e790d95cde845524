"""HSDS 3 files in: imports of HSDS JSON and tabular datapackages into our models (the
schemas and the datapackage's layout are in :mod:`.hsds_schema`).

An import validates everything first: the schema (each problem names the file, the record
and the field path with jsonschema's message), then our own rules (the models'
``full_clean``). If anything is invalid it raises DataImportError and writes nothing,
unless ``skip_invalid``: then the invalid services are left out and listed. It writes in
one transaction through the services (``offer_create``/``offer_update``, ``place_upsert``,
``provider_get_or_create``); ``dry_run`` rolls back. Services and locations are matched by
external id ``hsds:<id>``, so re-importing updates instead of duplicating.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from jsonschema import Draft202012Validator

from sozialraum.lib.importing import DataImportError, ImportProblem
from sozialraum.lib.textfiles import DEFAULT_ENCODING, TextFileError, read_text

from ..models import Category, Fee, LegalBasis, Offer, Place
from ..services import (
    OfferData,
    OfferOutcome,
    PlaceData,
    offer_upsert,
    place_upsert,
)
from . import hsds
from .hsds_schema import (
    CHILD_TABLES,
    TABLES,
    schema_error_path,
    schema_errors,
    table_required,
    table_schema,
)
from .imports import OfferImportReport, ProviderLookup
from .osm import accessibility_from_osm_tags

#: Called with (done, total) while an import writes; the commands draw a progress line.
Progress = Callable[[int, int], None]


# --- Reading a datapackage ------------------------------------------------------------------


def _typed(value: str, spec: dict[str, Any]) -> Any:
    """A CSV cell as the JSON type of its field ("" stays out); a value that does not
    convert stays text, so that the schema reports it."""
    kind = spec.get("type")
    converters: dict[Any, Callable[[str], Any]] = {
        "number": float,
        "integer": int,
        "boolean": lambda text: {"true": True, "false": False}[text.lower()],
    }
    try:
        return converters.get(kind, str)(value)
    except (ValueError, KeyError):
        return value


@dataclass
class _TableRows:
    file: str
    rows: list[tuple[int, dict[str, Any]]] = field(default_factory=list)


def _read_table(
    directory: Path, table: str, problems: list[ImportProblem], encoding: str
) -> _TableRows:
    """Rows of one CSV (missing file: no rows) with typed values, checked against the
    table schema: required columns present, required cells filled, types and formats."""
    item = table_schema(table)
    result = _TableRows(item["path"])
    path = directory / item["path"]
    if not path.exists():
        return result
    try:
        text = read_text(path, encoding)
    except TextFileError as error:
        problems.append(ImportProblem(result.file, error.line, None, error.message, True))
        return result
    with io.StringIO(text, newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [name for name in table_required(table) if name not in (reader.fieldnames or [])]
        for name in missing:
            problems.append(ImportProblem(result.file, 1, name, _("required column is missing")))
        for line, raw in enumerate(reader, start=2):
            row = {
                key: _typed(value, item["properties"].get(key, {}))
                for key, value in raw.items()
                if key and value not in ("", None)
            }
            problems.extend(_row_problems(result.file, line, table, row))
            result.rows.append((line, row))
    return result


def _row_problems(file: str, line: int, table: str, row: dict[str, Any]) -> list[ImportProblem]:
    problems = [
        ImportProblem(file, line, name, _("is required"))
        for name in table_required(table)
        if name not in row
    ]
    item_schema = {**table_schema(table), "required": []}
    for error in Draft202012Validator(
        item_schema, format_checker=Draft202012Validator.FORMAT_CHECKER
    ).iter_errors(row):
        problems.append(
            ImportProblem(file, line, schema_error_path(error).lstrip("."), error.message)
        )
    return problems


def _nest(tables: dict[str, _TableRows]) -> list[tuple[str, dict[str, Any]]]:
    """The rows put back together as nested HSDS services, each with where it came from."""
    by_id = {
        table: {row["id"]: row for _line, row in rows.rows if "id" in row}
        for table, rows in tables.items()
    }
    children: dict[tuple[str, str, str], list[dict[str, Any]]] = {}
    for parent, key, child, link in CHILD_TABLES:
        for _line, row in tables[child].rows:
            children.setdefault((parent, key, str(row.get(link))), []).append(row)
    terms = by_id["taxonomy_term"]
    for term in terms.values():
        taxonomy = by_id["taxonomy"].get(term.get("taxonomy_id"))
        if taxonomy:
            term["taxonomy_detail"] = taxonomy
    locations = {}
    for location_id, location in by_id["location"].items():
        for parent, key, _child, _link in CHILD_TABLES[4:]:
            location[key] = children.get((parent, key, location_id), [])
        locations[location_id] = location
    return [
        (
            f"{tables['service'].file}, line {line}",
            _nested_service(service, by_id, children, locations),
        )
        for line, service in tables["service"].rows
    ]


def _nested_service(
    service: dict[str, Any],
    by_id: dict[str, dict[str, dict[str, Any]]],
    children: dict[tuple[str, str, str], list[dict[str, Any]]],
    locations: dict[str, dict[str, Any]],
) -> dict[str, Any]:
    nested = dict(service)
    organization = by_id["organization"].get(str(service.get("organization_id")))
    if organization:
        nested["organization"] = organization
    for parent, key, _child, _link in CHILD_TABLES[:4]:
        nested[key] = children.get((parent, key, service.get("id", "")), [])
    nested["service_at_locations"] = [
        {**link, "location": locations[link["location_id"]]}
        for link in by_id["service_at_location"].values()
        if link.get("service_id") == service.get("id") and link.get("location_id") in locations
    ]
    nested["attributes"] = [
        {**attribute, "taxonomy_term": by_id["taxonomy_term"][attribute["taxonomy_term_id"]]}
        for attribute in by_id["attribute"].values()
        if attribute.get("link_id") == service.get("id")
        and attribute.get("taxonomy_term_id") in by_id["taxonomy_term"]
    ]
    return nested


def read_datapackage(
    directory: Path, encoding: str = DEFAULT_ENCODING
) -> tuple[list[tuple[str, dict[str, Any]]], list[ImportProblem]]:
    """The services of an HSDS tabular datapackage (a folder of CSVs; ``datapackage.json``
    optional) as nested HSDS services, and every problem of the tables."""
    problems: list[ImportProblem] = []
    if not (directory / table_schema("service")["path"]).exists():
        message = _("has no %(file)s") % {"file": table_schema("service")["path"]}
        raise DataImportError([ImportProblem(directory.name, None, None, message)])
    tables = {table: _read_table(directory, table, problems, encoding) for table in TABLES}
    return _nest(tables), problems


# --- From HSDS to our models ----------------------------------------------------------------


@dataclass
class _HsdsRecord:
    """One valid HSDS service as our data: the offer, its provider's name, its places
    (external id -> data), category codes and cost options."""

    external_id: str
    where: str
    provider_name: str
    offer: OfferData
    places: dict[str, PlaceData]
    category_codes: list[str]


def _text(data: dict[str, Any], key: str) -> str:
    value = data.get(key)
    return " ".join(str(value).split()) if value is not None else ""


def _date(value: Any) -> dt.date | None:
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None


def _cost_options(service: dict[str, Any]) -> list[dict[str, Any]]:
    options = []
    for option in service.get("cost_options") or []:
        try:
            amount = Decimal(str(option["amount"])).quantize(Decimal("0.01"))
        except (KeyError, InvalidOperation):
            continue  # only a description of the cost: nothing to file as a price
        options.append(
            {
                "amount": amount,
                "currency": (_text(option, "currency") or "EUR").upper(),
                "option": _text(option, "option"),
                "valid_from": _date(option.get("valid_from")),
                "valid_to": _date(option.get("valid_to")),
            }
        )
    return options


def _fee(service: dict[str, Any], options: list[dict[str, Any]]) -> str:
    fees = _text(service, "fees_description").casefold()
    if fees == hsds.FEES_FREE:
        return Fee.FREE
    if options or fees == hsds.FEES_PAID:
        return Fee.PAID
    return Fee.UNKNOWN


def opening_hours_from_schedules(schedules: list[dict[str, Any]]) -> str:
    """OSM opening hours for HSDS schedules: our own export's exact string if present,
    else the plain weekly schedules (``freq`` WEEKLY with ``byday``, ``opens_at`` and
    ``closes_at``, nothing else restricting them); "" (unknown) for anything else."""
    for schedule in schedules:
        notes = _text(schedule, "notes")
        if notes.startswith(hsds.OPENING_HOURS_NOTE.strip()):
            return notes.removeprefix(hsds.OPENING_HOURS_NOTE.strip()).strip()
    rules: dict[str, list[str]] = {}
    for schedule in schedules:
        rule = _weekly_rule(schedule)
        if rule is None:
            return ""
        rules.setdefault(rule[0], []).append(rule[1])
    return "; ".join(f"{days} {','.join(spans)}" for days, spans in rules.items())


_RESTRICTING = ("byweekno", "bymonthday", "byyearday", "count", "until", "valid_from", "valid_to")


def _weekly_rule(schedule: dict[str, Any]) -> tuple[str, str] | None:
    if schedule.get("freq") != "WEEKLY" or schedule.get("interval", 1) != 1:
        return None
    if any(schedule.get(key) for key in _RESTRICTING):
        return None
    days = [part.strip().title() for part in str(schedule.get("byday", "")).split(",")]
    opens, closes = str(schedule.get("opens_at", ""))[:5], str(schedule.get("closes_at", ""))[:5]
    if not all(day in hsds.DAYS for day in days) or not opens or not closes:
        return None
    return hsds.day_ranges(hsds.DAYS.index(day) for day in days), f"{opens}-{closes}"


def _address(location: dict[str, Any]) -> dict[str, Any]:
    """The location's (first physical) address, or the labelled lines of an incomplete
    one in its description (see ``hsds.ADDRESS_LINES``)."""
    addresses = location.get("addresses") or []
    physical = [a for a in addresses if a.get("address_type") == "physical"] or addresses
    if physical:
        return dict(physical[0])
    lines = dict(
        line.split(": ", 1)
        for line in str(location.get("description", "")).splitlines()
        if ": " in line
    )
    if not set(lines) <= set(hsds.ADDRESS_LINES):
        return {}
    keys = ("address_1", "postal_code", "city")
    return {key: lines.get(label, "") for key, label in zip(keys, hsds.ADDRESS_LINES, strict=True)}


def _place(location: dict[str, Any], fallback_name: str) -> PlaceData:
    address = _address(location)
    street = " ".join(
        part for part in (_text(address, "address_1"), _text(address, "address_2")) if part
    )
    tags = dict(
        entry["details"].split("=", 1)
        for entry in location.get("accessibility") or []
        if "=" in str(entry.get("details", ""))
    )
    access, _bad = accessibility_from_osm_tags(tags)
    return {
        "name": _text(location, "name") or street or fallback_name,
        "street_address": street,
        "postal_code": _text(address, "postal_code"),
        "city": _text(address, "city"),
        "latitude": location.get("latitude"),
        "longitude": location.get("longitude"),
        **access,  # type: ignore[typeddict-item]
    }


def _terms(service: dict[str, Any]) -> list[tuple[str, str]]:
    return [
        (_text(term, "taxonomy"), _text(term, "code"))
        for term in (
            attribute.get("taxonomy_term") or {} for attribute in service.get("attributes") or []
        )
    ]


def _offer_data(service: dict[str, Any], options: list[dict[str, Any]]) -> OfferData:
    eligibility = _text(service, "eligibility_description")
    terms = _terms(service)
    languages = [_text(item, "code").lower() for item in service.get("languages") or []]
    legal = [code for taxonomy, code in terms if taxonomy == hsds.LEGAL_BASIS_TAXONOMY]
    data: OfferData = {
        "name": _text(service, "name"),
        "description": str(service.get("description") or "").strip(),
        "email": _text(service, "email"),
        "url": _text(service, "url"),
        "phone": _text((service.get("phones") or [{}])[0], "number"),
        "for_everyone": not eligibility,
        "eligibility": eligibility,
        "legal_basis": legal[0] if legal and legal[0] in LegalBasis.values else "",
        "opening_hours": opening_hours_from_schedules(service.get("schedules") or []),
        "fee": _fee(service, options),
        "is_demo": (hsds.STATUS_TAXONOMY, hsds.DEMO_CODE) in terms,
        "cost_options": options,  # type: ignore[typeddict-item]
    }
    codes = [code for code in dict.fromkeys(languages) if len(code) == 2 and code.isalpha()]
    if codes:
        data["languages"] = codes
    return data


class _CategoryIndex:
    """Our categories by code and by the published terms they map to."""

    def __init__(self) -> None:
        self.by_term: dict[tuple[str, str], str] = {}
        for category in Category.objects.all():
            self.by_term[(hsds.TAXONOMY, category.code)] = category.code
            for term in category.hsds_terms:
                self.by_term.setdefault((str(term["vocabulary"]), str(term["code"])), category.code)

    def codes(self, service: dict[str, Any]) -> list[str]:
        found = (self.by_term.get(term) for term in _terms(service))
        return list(dict.fromkeys(code for code in found if code))


def _record(service: dict[str, Any], where: str, categories: _CategoryIndex) -> _HsdsRecord:
    options = _cost_options(service)
    organization = service.get("organization") or {}
    places = {
        f"{hsds.HSDS_ID_PREFIX}{link['location']['id']}": _place(
            link["location"], _text(service, "name")
        )
        for link in service.get("service_at_locations") or []
        if isinstance(link.get("location"), dict) and link["location"].get("id")
    }
    return _HsdsRecord(
        external_id=f"{hsds.HSDS_ID_PREFIX}{service['id']}",
        where=where,
        provider_name=_text(organization, "name"),
        offer=_offer_data(service, options),
        places=places,
        category_codes=categories.codes(service),
    )


def _model_problems(file: str, where: str, record: _HsdsRecord) -> list[ImportProblem]:
    """What our models would refuse, checked before anything is written."""
    errors: dict[str, list[str]] = {}
    if not record.provider_name:
        errors["organization.name"] = [_("is missing: every offer needs a provider")]
    plain = {key: value for key, value in record.offer.items() if key != "cost_options"}
    checks: list[tuple[str, Any]] = [("", Offer(**plain))]
    checks += [(f"location {key}.", Place(**data)) for key, data in record.places.items()]
    for prefix, instance in checks:
        try:
            instance.full_clean(exclude=["provider", "district"], validate_unique=False)
        except ValidationError as error:
            errors.update(
                {f"{prefix}{name}": messages for name, messages in error.message_dict.items()}
            )
    return [
        ImportProblem(file, None, f"{where}.{name}", f"{' '.join(messages)} ({record.external_id})")
        for name, messages in errors.items()
    ]


@dataclass
class HsdsParsed:
    """The services of one file: valid records and problems (schema and model)."""

    file: str
    records: list[_HsdsRecord] = field(default_factory=list)
    problems: list[ImportProblem] = field(default_factory=list)


def hsds_parse(services: Iterable[tuple[str, dict[str, Any]]], file: str) -> HsdsParsed:
    """Validates each ``(where, service)`` against the compiled service schema and our
    models; keeps the valid ones as records. ``where`` names the record in problems."""
    parsed = HsdsParsed(file)
    categories = _CategoryIndex()
    seen: set[str] = set()
    for where, service in services:
        ident = service.get("id", "?") if isinstance(service, dict) else "?"
        errors = schema_errors("compiled/service.json", service)
        for path, message in errors:
            parsed.problems.append(
                ImportProblem(file, None, f"{where}{path}", f"{message} (id {ident})")
            )
        if errors:
            continue
        record = _record(service, where, categories)
        problems = _model_problems(file, where, record)
        if record.external_id in seen:
            problems.append(
                ImportProblem(file, None, where, _("the id %(id)s is repeated") % {"id": ident})
            )
        seen.add(record.external_id)
        parsed.problems.extend(problems)
        if not problems:
            parsed.records.append(record)
    return parsed


def _load_json(path: Path, encoding: str) -> list[tuple[str, dict[str, Any]]]:
    """Services from a JSON file: one service, a list, or an HSDS page (``contents``)."""
    try:
        data = json.loads(read_text(path, encoding))
    except TextFileError as error:
        problem = ImportProblem(path.name, error.line, None, error.message, True)
        raise DataImportError([problem]) from error
    except (ValueError, RecursionError) as error:
        line = getattr(error, "lineno", None)
        message = _("cannot be read: %(error)s") % {"error": error}
        raise DataImportError([ImportProblem(path.name, line, None, message, True)]) from error
    if isinstance(data, dict) and isinstance(data.get("contents"), list):
        return [(f"contents[{index}]", item) for index, item in enumerate(data["contents"])]
    if isinstance(data, list):
        return [(f"[{index}]", item) for index, item in enumerate(data)]
    return [("", data)]


# --- Writing --------------------------------------------------------------------------------


class _HsdsWriter(ProviderLookup):
    """Writes one import's records. Precondition: inside the import's transaction."""

    def __init__(self, source: str) -> None:
        super().__init__()
        self.source = source
        self.places: dict[str, Place] = {}
        self.place_counts: Counter[str] = Counter()
        self.categories = Category.objects.in_bulk(field_name="code")

    def place(self, external_id: str, data: PlaceData) -> Place:
        if external_id not in self.places:
            place, outcome = place_upsert(external_id=external_id, data=data)
            self.places[external_id] = place
            self.place_counts[outcome] += 1
        return self.places[external_id]

    def write(self, record: _HsdsRecord) -> OfferOutcome:
        data: OfferData = {
            **record.offer,
            "places": [self.place(key, value) for key, value in record.places.items()],
            "categories": [self.categories[code] for code in record.category_codes],
        }
        provider = self.provider(record.provider_name)
        return offer_upsert(
            external_id=record.external_id, provider=provider, data=data, source=self.source
        )


def hsds_records_import(
    parsed: HsdsParsed,
    *,
    skip_invalid: bool = False,
    dry_run: bool = False,
    progress: Progress | None = None,
) -> OfferImportReport:
    """Writes ``parsed`` (see the module text for the rules); ``progress`` is called after
    each record with (done, total)."""
    if not parsed.records:  # skipping applies to records, never to files
        raise DataImportError(parsed.problems or [_no_record(parsed.file)])
    if parsed.problems and not skip_invalid:
        raise DataImportError(parsed.problems)
    writer = _HsdsWriter(f"import: {parsed.file}")
    outcomes = []
    with transaction.atomic():
        for number, record in enumerate(parsed.records, start=1):
            outcomes.append(writer.write(record))
            if progress:
                progress(number, len(parsed.records))
        if dry_run:
            transaction.set_rollback(True)
    return OfferImportReport(
        label=f"HSDS {parsed.file}",
        outcomes=tuple(outcomes),
        places=dict(writer.place_counts),
        providers_created=writer.providers_created,
        problems=tuple(parsed.problems),
        dry_run=dry_run,
    )


def _no_record(file: str) -> ImportProblem:
    return ImportProblem(file, None, None, _("holds no valid record"), True)


def hsds_import_json(
    path: Path,
    *,
    skip_invalid: bool = False,
    dry_run: bool = False,
    progress: Progress | None = None,
    encoding: str = DEFAULT_ENCODING,
) -> OfferImportReport:
    """Imports HSDS 3 services from a JSON file (one service, a list of services, or an
    HSDS page with ``contents``), validated against the compiled ``service.json``."""
    parsed = hsds_parse(_load_json(path, encoding), path.name)
    return hsds_records_import(
        parsed, skip_invalid=skip_invalid, dry_run=dry_run, progress=progress
    )


def hsds_import_datapackage(
    directory: Path,
    *,
    skip_invalid: bool = False,
    dry_run: bool = False,
    progress: Progress | None = None,
    encoding: str = DEFAULT_ENCODING,
) -> OfferImportReport:
    """Imports an HSDS 3 tabular datapackage (folder of CSVs): each table is checked
    against its table schema (problems name file, line and column), then the services are
    put together and imported like :func:`hsds_import_json`. Any table problem makes the
    whole import fail (a broken row cannot be traced to one service reliably)."""
    services, problems = read_datapackage(directory, encoding)
    if problems:
        raise DataImportError(problems)
    parsed = hsds_parse(services, directory.name)
    return hsds_records_import(
        parsed, skip_invalid=skip_invalid, dry_run=dry_run, progress=progress
    )


def hsds_import(
    path: Path,
    *,
    skip_invalid: bool = False,
    dry_run: bool = False,
    progress: Progress | None = None,
    encoding: str = DEFAULT_ENCODING,
) -> OfferImportReport:
    """A folder is read as a datapackage, a file as JSON; ``encoding`` is the files'."""
    importer = hsds_import_datapackage if path.is_dir() else hsds_import_json
    return importer(
        path, skip_invalid=skip_invalid, dry_run=dry_run, progress=progress, encoding=encoding
    )
