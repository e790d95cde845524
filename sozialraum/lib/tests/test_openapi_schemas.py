"""The OpenAPI documents name each schema once: django-ninja names a component after its
class, so two classes of the same name (in different apps' api.py) would share one
component and one of them would be documented in the other's shape."""

from __future__ import annotations

import enum
import typing
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

import pytest
from ninja import NinjaAPI
from pydantic import BaseModel

from config.api import api
from config.api_hsds import api_hsds

APIS = {"v1": api, "hsds": api_hsds}


def _types_in(annotation: Any) -> Iterator[type]:
    if isinstance(annotation, type) and issubclass(annotation, (BaseModel, enum.Enum)):
        yield annotation
    for argument in typing.get_args(annotation):
        yield from _types_in(argument)


def _operations(ninja_api: NinjaAPI) -> Iterator[Any]:
    for _prefix, router in ninja_api._routers:
        for path_view in router.path_operations.values():
            yield from path_view.operations


def _project_classes(ninja_api: NinjaAPI) -> set[type]:
    """Every model and enum of the project reachable from the operations' parameters and
    responses (ninja's own wrapper models are walked through, not counted)."""
    seen: set[type] = set()
    todo = [
        model
        for operation in _operations(ninja_api)
        for model in [*operation.models, *operation.response_models.values()]
        if isinstance(model, type)
    ]
    while todo:
        cls = todo.pop()
        if cls in seen:
            continue
        seen.add(cls)
        if issubclass(cls, BaseModel):
            for field in cls.model_fields.values():
                todo.extend(_types_in(field.annotation))
    return {cls for cls in seen if cls.__module__.startswith("sozialraum.")}


def _refs(node: Any) -> Iterator[str]:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield value
            else:
                yield from _refs(value)
    elif isinstance(node, list):
        for item in node:
            yield from _refs(item)


@pytest.mark.parametrize("name", APIS)
def test_every_schema_class_of_an_api_has_its_own_name(name: str) -> None:
    by_name: dict[str, set[str]] = defaultdict(set)
    for cls in _project_classes(APIS[name]):
        by_name[cls.__name__].add(f"{cls.__module__}.{cls.__qualname__}")
    assert {n: sorted(c) for n, c in by_name.items() if len(c) > 1} == {}


@pytest.mark.parametrize("name", APIS)
def test_every_ref_of_an_openapi_document_resolves_to_its_class_shape(name: str) -> None:
    ninja_api = APIS[name]
    document = ninja_api.get_openapi_schema(path_prefix="/")
    components = document["components"]["schemas"]
    classes = {cls.__name__: cls for cls in _project_classes(ninja_api)}
    for ref in set(_refs(document)):
        component_name = ref.removeprefix("#/components/schemas/")
        assert component_name in components, ref
        component, cls = components[component_name], classes.get(component_name)
        if cls is None:  # a schema of the error shape (lib/api_errors.py) or of ninja
            continue
        if issubclass(cls, enum.Enum):
            assert component["enum"] == [member.value for member in cls]
        elif issubclass(cls, BaseModel):
            fields = {field.alias or key for key, field in cls.model_fields.items()}
            assert set(component["properties"]) == fields, component_name


def test_the_schema_classes_are_walked_through_nested_fields() -> None:
    """Guards the walk above: nested classes (a version inside a plan) are found."""
    names = {cls.__name__ for cls in _project_classes(api)}
    assert {"PlanVersionOut", "NetworkMapVersionOut", "SectorCountOut", "DistrictKind"} <= names
