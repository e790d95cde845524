"""The APIs' one error shape (lib/api_errors.py): every operation documents its standard
error responses, and the bodies of real errors validate against the documented schemas."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import jsonschema
import pytest
from django.test import Client

from sozialraum.accounts.tests.factories import signed_in_client, user_with_role
from sozialraum.lib.access import Role

DOCUMENTS = ("/api/v1/openapi.json", "/api/hsds/openapi.json")
METHODS = {"get", "post", "put", "patch", "delete"}


def _document(url: str) -> dict[str, Any]:
    response = Client().get(url)
    assert response.status_code == 200
    return response.json()


def _operations(document: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method in METHODS:
                yield path, method, operation


def _documented_schema(document: dict[str, Any], path: str, method: str, status: int) -> Any:
    """The schema documented for this operation's response with this status, $ref resolved."""
    response = document["paths"][path][method]["responses"][str(status)]
    ref = response["content"]["application/json"]["schema"]["$ref"]
    return document["components"]["schemas"][ref.removeprefix("#/components/schemas/")]


@pytest.mark.parametrize("url", DOCUMENTS)
def test_every_operation_documents_its_standard_error_responses(url: str) -> None:
    document = _document(url)
    checked = 0
    for path, method, operation in _operations(document):
        parameters = operation.get("parameters", [])
        expected = set()
        if operation.get("security"):
            expected |= {"401", "403"}
        if any(parameter["in"] == "path" for parameter in parameters):
            expected.add("404")
        if parameters or "requestBody" in operation:
            expected.add("422")
        assert expected <= set(operation["responses"]), (method, path)
        for status in expected:
            name = "ValidationErrorOut" if status == "422" else "ErrorOut"
            schema = operation["responses"][status]["content"]["application/json"]["schema"]
            assert schema == {"$ref": f"#/components/schemas/{name}"}, (method, path, status)
        checked += 1
    assert checked >= 6


def test_secured_operations_are_the_ones_needing_a_sign_in() -> None:
    document = _document("/api/v1/openapi.json")
    persons = document["paths"]["/api/v1/persons"]["get"]["responses"]
    search = document["paths"]["/api/v1/offers/search"]["get"]["responses"]
    assert {"401", "403", "422"} <= set(persons)
    assert "422" in search and "401" not in search and "403" not in search


def _assert_documented(response: Any, path: str, method: str = "get") -> dict[str, Any]:
    document = _document("/api/v1/openapi.json")
    body = response.json()
    jsonschema.validate(body, _documented_schema(document, path, method, response.status_code))
    return body


@pytest.mark.django_db
def test_a_refusal_by_role_answers_in_the_documented_shape() -> None:
    client = signed_in_client(user_with_role(Role.PLANNER))
    response = client.get("/api/v1/persons")
    assert response.status_code == 403
    assert _assert_documented(response, "/api/v1/persons") == {"detail": "Forbidden"}


@pytest.mark.django_db
def test_an_anonymous_caller_is_answered_in_the_documented_shape() -> None:
    response = Client().get("/api/v1/persons")
    assert response.status_code == 401
    assert _assert_documented(response, "/api/v1/persons") == {"detail": "Unauthorized"}


@pytest.mark.django_db
def test_a_failed_csrf_check_answers_in_the_documented_shape() -> None:
    client = signed_in_client(user_with_role(Role.WORKER))
    client.handler.enforce_csrf_checks = True
    response = client.post("/api/v1/persons", {"name": "X"}, content_type="application/json")
    assert response.status_code == 403
    assert "CSRF" in _assert_documented(response, "/api/v1/persons", "post")["detail"]


@pytest.mark.django_db
def test_an_unknown_object_answers_in_the_documented_shape() -> None:
    client = signed_in_client(user_with_role(Role.WORKER))
    response = client.get("/api/v1/persons/999999")
    assert response.status_code == 404
    assert set(_assert_documented(response, "/api/v1/persons/{person_id}")) == {"detail"}


@pytest.mark.django_db
def test_an_invalid_parameter_answers_with_messages_by_field() -> None:
    client = signed_in_client(user_with_role(Role.WORKER))
    response = client.get("/api/v1/persons", {"limit": 0, "offset": -1})
    assert response.status_code == 422
    body = _assert_documented(response, "/api/v1/persons")
    assert set(body["errors"]) == {"limit", "offset"} and body["detail"]


@pytest.mark.django_db
def test_an_invalid_body_names_the_body_field_not_the_parameter() -> None:
    client = signed_in_client(user_with_role(Role.WORKER))
    client.handler.enforce_csrf_checks = False
    response = client.post("/api/v1/persons", {"phone": "1"}, content_type="application/json")
    assert response.status_code == 422
    assert set(_assert_documented(response, "/api/v1/persons", "post")["errors"]) == {"name"}


@pytest.mark.django_db
def test_a_refused_value_of_the_view_itself_answers_in_the_documented_shape() -> None:
    client = signed_in_client(user_with_role(Role.WORKER))
    response = client.get("/api/v1/persons/1", {"purpose": "gossip"})
    assert response.status_code == 422
    body = _assert_documented(response, "/api/v1/persons/{person_id}")
    assert body["errors"] == {} and "purpose" in body["detail"]


@pytest.mark.django_db
def test_an_invalid_form_answers_with_the_forms_messages() -> None:
    client = signed_in_client(user_with_role(Role.WORKER))
    client.handler.enforce_csrf_checks = False
    response = client.post(
        "/api/v1/persons", {"name": "X", "email": "no"}, content_type="application/json"
    )
    assert response.status_code == 422
    assert "email" in _assert_documented(response, "/api/v1/persons", "post")["errors"]
