"""The API documentation as a page of the site (WCAG: language, landmarks, contrast).

django-ninja's Swagger UI has no ``lang``, no main landmark and nests interactive controls;
this replaces it (``NinjaAPI(docs=ReadableDocs())``) with a server-rendered page in the base
layout that lists the operations of the OpenAPI document: grouped by tag, each with its
method, path, audience, parameters, request body and responses, and the schemas as tables.
The OpenAPI document itself (``openapi.json``) is unchanged.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from ninja.openapi.docs import DocsBase

if TYPE_CHECKING:
    from ninja import NinjaAPI

REF_PREFIX = "#/components/schemas/"


@dataclass(frozen=True)
class TypePart:
    """One word of a type: plain text, or the name of a schema (``ref``) to link to."""

    text: str
    ref: str | None = None


@dataclass(frozen=True)
class Row:
    name: str
    type: list[TypePart]
    required: bool
    description: str
    location: str = ""


@dataclass(frozen=True)
class Operation:
    method: str
    path: str
    anchor: str
    summary: str
    description: str
    access: str
    parameters: list[Row]
    body: list[TypePart] | None
    responses: list[Row]


@dataclass
class Tag:
    name: str
    operations: list[Operation] = field(default_factory=list)


@dataclass(frozen=True)
class SchemaTable:
    name: str
    description: str
    rows: list[Row]
    enum: list[str]


def type_parts(schema: dict[str, Any]) -> list[TypePart]:
    """A readable type: ``integer``, ``array of Offer``, ``string or null``."""
    if "$ref" in schema:
        name = schema["$ref"].removeprefix(REF_PREFIX)
        return [TypePart(name, name)]
    for combinator in ("anyOf", "oneOf", "allOf"):
        if combinator in schema:
            parts: list[TypePart] = []
            for index, option in enumerate(schema[combinator]):
                if index:
                    parts.append(TypePart(" or " if combinator != "allOf" else " and "))
                parts += type_parts(option)
            return parts
    kind = schema.get("type", "any")
    if kind == "array":
        return [TypePart("array of "), *type_parts(schema.get("items", {}))]
    text = str(kind) + (f" ({schema['format']})" if "format" in schema else "")
    if "enum" in schema:
        text += ": " + ", ".join(str(value) for value in schema["enum"])
    return [TypePart(text)]


def _json_schema(content: dict[str, Any]) -> dict[str, Any] | None:
    for media in content.values():
        if "schema" in media:
            return dict(media["schema"])
    return None


def _parameters(operation: dict[str, Any]) -> list[Row]:
    return [
        Row(
            name=parameter["name"],
            type=type_parts(parameter.get("schema", {})),
            required=bool(parameter.get("required")),
            description=parameter.get("description", ""),
            location=parameter.get("in", ""),
        )
        for parameter in operation.get("parameters", [])
    ]


def _responses(operation: dict[str, Any]) -> list[Row]:
    rows = []
    for status, response in operation.get("responses", {}).items():
        schema = _json_schema(response.get("content", {}))
        rows.append(
            Row(str(status), type_parts(schema) if schema else [], False, response["description"])
        )
    return rows


def _operation(path: str, method: str, operation: dict[str, Any]) -> Operation:
    body = _json_schema(operation.get("requestBody", {}).get("content", {}))
    return Operation(
        method=method.upper(),
        path=path,
        anchor=operation.get("operationId", f"{method}-{path}"),
        summary=operation.get("summary", ""),
        description=operation.get("description", ""),
        access=str(operation.get("x-access", "")),
        parameters=_parameters(operation),
        body=type_parts(body) if body else None,
        responses=_responses(operation),
    )


def tags_of(schema: dict[str, Any]) -> list[Tag]:
    """The operations of an OpenAPI document grouped by their first tag, in order."""
    tags: dict[str, Tag] = {}
    for path, methods in schema.get("paths", {}).items():
        for method, operation in methods.items():
            name = (operation.get("tags") or ["default"])[0]
            tags.setdefault(name, Tag(name)).operations.append(_operation(path, method, operation))
    return list(tags.values())


def _rows(schema: dict[str, Any]) -> Iterator[Row]:
    required = set(schema.get("required", []))
    for name, prop in schema.get("properties", {}).items():
        yield Row(name, type_parts(prop), name in required, prop.get("description", ""))


def schemas_of(schema: dict[str, Any]) -> list[SchemaTable]:
    """Every component schema as a table of its properties (or the values of an enum)."""
    return [
        SchemaTable(
            name=name,
            description=component.get("description", ""),
            rows=list(_rows(component)),
            enum=[str(value) for value in component.get("enum", [])],
        )
        for name, component in schema.get("components", {}).get("schemas", {}).items()
    ]


class ReadableDocs(DocsBase):
    """The docs view of a NinjaAPI: the OpenAPI document as an accessible page."""

    template = "lib/api_docs.html"

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: Any) -> HttpResponse:
        schema = api.get_openapi_schema(path_params=kwargs)
        context = {
            "info": schema.get("info", {}),
            "openapi_url": self.get_openapi_url(api, kwargs),
            "tags": tags_of(schema),
            "schemas": schemas_of(schema),
        }
        return render(request, self.template, context)
