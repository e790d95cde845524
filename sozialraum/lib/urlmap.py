"""The map of every page and API operation with its declared audience.

Used by the access test (which proves each declaration holds for anonymous visitors and
every role) and by ``sozialraum access_map`` (which prints it for review).
"""

from __future__ import annotations

import inspect
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver
from ninja import NinjaAPI

from .access import Access, declared_access

#: The namespaces of the django-ninja APIs; their operations are listed from the OpenAPI.
API_NAMESPACES = frozenset({"api", "hsds", "open311"})
#: Non-operation views in the API namespace (schema, docs, root): ordinary declared views.
API_PAGES = frozenset({"openapi-json", "openapi-view", "api-root"})


@dataclass(frozen=True)
class ViewEntry:
    route: str
    name: str | None
    pattern: URLPattern
    access: Access | None

    @property
    def converters(self) -> dict[str, Any]:
        return dict(getattr(self.pattern.pattern, "converters", {}))


@dataclass(frozen=True)
class OperationEntry:
    method: str
    path: str
    operation_id: str
    access: str | None


def _walk(
    patterns: list[URLResolver | URLPattern], prefix: str, namespace: str
) -> Iterator[tuple[str, str, URLPattern]]:
    for item in patterns:
        route = prefix + str(item.pattern)
        if isinstance(item, URLResolver):
            inner = (
                f"{namespace}:{item.namespace}"
                if namespace and item.namespace
                else (item.namespace or namespace)
            )
            yield from _walk(item.url_patterns, route, inner or "")
        else:
            yield route, namespace, item


def iter_views(urlconf: str | None = None) -> Iterator[ViewEntry]:
    """Every URL pattern except the API's operations (see :func:`iter_operations`)."""
    for route, namespace, pattern in _walk(get_resolver(urlconf).url_patterns, "", ""):
        if namespace in API_NAMESPACES and pattern.name not in API_PAGES:
            continue
        name = f"{namespace}:{pattern.name}" if namespace and pattern.name else pattern.name
        yield ViewEntry(route, name, pattern, declared_access(pattern.callback))


def iter_operations(schema: dict[str, Any]) -> Iterator[OperationEntry]:
    """Every operation of an OpenAPI document with its ``x-access`` declaration."""
    for path, methods in schema.get("paths", {}).items():
        for method, operation in methods.items():
            yield OperationEntry(
                method.upper(), path, operation.get("operationId", ""), operation.get("x-access")
            )


def iter_apis(urlconf: str | None = None) -> list[NinjaAPI]:
    """Every django-ninja API the URLconf mounts, found through its OpenAPI schema view (so
    lib needs no list of them from the project's configuration)."""
    found: list[NinjaAPI] = []
    for resolver in get_resolver(urlconf).url_patterns:
        if not isinstance(resolver, URLResolver):
            continue
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLPattern) and pattern.name == "openapi-json":
                view = inspect.unwrap(pattern.callback)
                api = getattr(view, "keywords", {}).get("api")
                if isinstance(api, NinjaAPI) and api not in found:
                    found.append(api)
    return found
