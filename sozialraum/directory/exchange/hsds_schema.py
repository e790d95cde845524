"""HSDS 3 schemas and the tabular datapackage: validation against the published schemas
(copied to ``schemas/hsds3``), the tables' layout, and the export of offers as a CSV
datapackage. Imports of these files are in :mod:`.hsds_io`."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

from django.db.models import QuerySet
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError as SchemaError
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from ..models import Offer
from . import hsds

SCHEMA_DIR = Path(__file__).resolve().parent / "schemas" / "hsds3"


# --- Schemas --------------------------------------------------------------------------------


@cache
def schema(name: str) -> dict[str, Any]:
    """A copied HSDS schema, e.g. ``compiled/service.json`` or ``location.json``."""
    data: dict[str, Any] = json.loads((SCHEMA_DIR / name).read_text(encoding="utf-8"))
    return data


@cache
def _registry() -> Registry:
    """The per-object schemas by file name, for the ``$ref``s of the uncompiled ones."""
    resources = [
        (path.name, Resource.from_contents(schema(path.name), default_specification=DRAFT202012))
        for path in SCHEMA_DIR.glob("*.json")
        if path.name != "openapi.json"
    ]
    return Registry().with_resources(resources)


@cache
def validator(name: str) -> Draft202012Validator:
    """A validator (formats uuid, email and date checked) for the schema file ``name``."""
    return Draft202012Validator(
        schema(name),
        registry=_registry(),
        format_checker=Draft202012Validator.FORMAT_CHECKER,
    )


def schema_errors(name: str, instance: Any) -> list[tuple[str, str]]:
    """``(field path, message)`` for each way ``instance`` breaks the schema ``name``."""
    errors = sorted(validator(name).iter_errors(instance), key=lambda error: list(error.path))
    return [(schema_error_path(error), error.message) for error in errors]


def schema_error_path(error: SchemaError) -> str:
    return "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in error.path)


# --- Tabular datapackage --------------------------------------------------------------------

#: Tables the export writes and the import reads, in the order of the HSDS datapackage.
TABLES = (
    "organization",
    "service",
    "attribute",
    "service_at_location",
    "location",
    "phone",
    "address",
    "schedule",
    "language",
    "accessibility",
    "taxonomy_term",
    "cost_option",
    "taxonomy",
)


def table_schema(table: str) -> dict[str, Any]:
    """The HSDS table (from ``compiled/tabular.json``): ``path``, ``properties``, ..."""
    item: dict[str, Any] = schema("compiled/tabular.json")["properties"][table]["items"]
    return item


def table_columns(table: str) -> list[str]:
    """The CSV columns of ``table``: its fields that are not nested lists or objects."""
    properties = table_schema(table)["properties"]
    return [
        name for name, spec in properties.items() if spec.get("type") not in ("array", "object")
    ]


def table_required(table: str) -> list[str]:
    item = table_schema(table)
    return [*item.get("required", []), *item.get("tabular_required", [])]


def _frictionless_field(name: str, spec: dict[str, Any], required: bool) -> dict[str, Any]:
    data = {"name": name, "type": spec.get("type", "string")}
    if "format" in spec and spec["format"] != "uuid":
        data["format"] = spec["format"]
    data["constraints"] = {"required": required, "unique": spec["constraints"]["unique"]}
    return data


def datapackage_descriptor(tables: Iterable[str] = TABLES) -> dict[str, Any]:
    """A Frictionless data package descriptor with the HSDS table schemas."""
    resources = []
    for table in tables:
        item, required = table_schema(table), set(table_required(table))
        fields = [
            _frictionless_field(name, item["properties"][name], name in required)
            for name in table_columns(table)
        ]
        resources.append(
            {
                "name": item["path"].removesuffix(".csv"),
                "path": item["path"],
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {"fields": fields, "primaryKey": "id"},
            }
        )
    return {
        "name": "sozialraum-hsds",
        "title": "Sozialraum: Angebote (HSDS 3)",
        "profile": "tabular-data-package",
        "licenses": [{"name": "CC-BY-4.0"}],
        "resources": resources,
    }


#: (parent table, list key in the parent, child table, foreign key to the parent).
CHILD_TABLES = (
    ("service", "phones", "phone", "service_id"),
    ("service", "schedules", "schedule", "service_id"),
    ("service", "languages", "language", "service_id"),
    ("service", "cost_options", "cost_option", "service_id"),
    ("location", "addresses", "address", "location_id"),
    ("location", "accessibility", "accessibility", "location_id"),
)


class _Tables:
    """Rows of each table, each id once."""

    def __init__(self) -> None:
        self.rows: dict[str, dict[str, dict[str, Any]]] = {table: {} for table in TABLES}

    def add(self, table: str, row: dict[str, Any], **links: Any) -> None:
        columns = table_columns(table)
        values = {**{key: value for key, value in row.items() if key in columns}, **links}
        self.rows[table].setdefault(row["id"], values)

    def service(self, service: dict[str, Any]) -> None:
        organization = service["organization"]
        self.add("organization", organization)
        self.add("service", service, organization_id=organization["id"])
        for _parent, key, child, link in CHILD_TABLES[:4]:
            for row in service.get(key, []):
                self.add(child, row, **{link: service["id"]})
        for row in service.get("service_at_locations", []):
            self.location(row["location"])
            links = {"service_id": service["id"], "location_id": row["location"]["id"]}
            self.add("service_at_location", row, **links)
        for attribute in service.get("attributes", []):
            self.attribute(attribute)

    def location(self, location: dict[str, Any]) -> None:
        self.add("location", location)
        for _parent, key, child, link in CHILD_TABLES[4:]:
            for row in location.get(key, []):
                self.add(child, row, **{link: location["id"]})

    def attribute(self, attribute: dict[str, Any]) -> None:
        term = attribute["taxonomy_term"]
        self.add("attribute", attribute)
        self.add("taxonomy_term", term)
        self.add("taxonomy", term["taxonomy_detail"])


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def hsds_export_datapackage(offers: QuerySet[Offer], directory: Path) -> dict[str, int]:
    """Writes the offers as an HSDS tabular datapackage into ``directory`` (created if
    missing): ``datapackage.json`` and one CSV per table with the columns of the HSDS table
    schema, in schema order. Returns the number of rows written per table."""
    tables = _Tables()
    for service in hsds.hsds_export_json(offers):
        tables.service(service)
    directory.mkdir(parents=True, exist_ok=True)
    counts = {}
    for table in TABLES:
        columns = table_columns(table)
        path = directory / table_schema(table)["path"]
        with path.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(columns)
            for row in tables.rows[table].values():
                writer.writerow([_cell(row.get(column)) for column in columns])
        counts[table] = len(tables.rows[table])
    descriptor = json.dumps(datapackage_descriptor(), ensure_ascii=False, indent=2)
    (directory / "datapackage.json").write_text(descriptor + "\n", encoding="utf-8")
    return counts
