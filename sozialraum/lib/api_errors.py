"""The one error shape of the JSON APIs, at run time and in the OpenAPI documents.

Every error answer is ``{"detail": "<message>"}`` (400, 401, 403, 404); invalid input (422)
adds the messages by field: ``{"detail": "...", "errors": {"<field>": ["<message>", ...]}}``
(``"__all__"`` for messages about the input as a whole). :class:`SozialraumAPI` answers
django-ninja's own errors (request validation, ``HttpError``) in this shape and lists the
standard error responses in every operation of its OpenAPI document: 401 and 403 where a
sign-in is needed, 404 where the path names an object, 422 where there is input.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Field, NinjaAPI, Schema
from ninja.errors import HttpError, ValidationError

#: Where a request validation error's location starts with the parameter's name, which is
#: no field of the request (``("body", "payload", "name")`` is the body's ``name``).
_NAMED_SOURCES = frozenset({"body", "form", "file"})
_REF = "#/components/schemas/{model}"


class ErrorOut(Schema):
    """An error answer (400, 401, 403, 404)."""

    detail: str = Field(description="What went wrong, for people.")


class ValidationErrorOut(Schema):
    """An answer to invalid input (422)."""

    detail: str = Field(description="What went wrong, for people.")
    errors: dict[str, list[str]] = Field(
        description="Messages by field (dotted path for nested fields; '__all__' for the "
        "input as a whole). Empty when the message concerns no single field."
    )


def validation_error(errors: Mapping[str, Iterable[Any]]) -> dict[str, Any]:
    """The body of a 422 answer with these messages by field (a form's ``errors``, a
    ``ValidationError``'s ``message_dict``)."""
    messages = {field: [str(message) for message in items] for field, items in errors.items()}
    return {"detail": "The input is not valid.", "errors": messages}


def _field(location: tuple[Any, ...] | list[Any]) -> str:
    source, *path = location or ["__all__"]
    if source in _NAMED_SOURCES and len(path) > 1:
        path = path[1:]
    return ".".join(str(part) for part in path) or "__all__"


def _invalid_request(request: HttpRequest, exc: ValidationError, api: NinjaAPI) -> HttpResponse:
    errors: dict[str, list[str]] = {}
    for error in exc.errors:
        errors.setdefault(_field(error.get("loc", ())), []).append(str(error.get("msg", "")))
    return api.create_response(request, validation_error(errors), status=422)


def _http_error(request: HttpRequest, exc: HttpError, api: NinjaAPI) -> HttpResponse:
    body: dict[str, Any] = {"detail": str(exc)}
    if exc.status_code == 422:
        body["errors"] = {}
    return api.create_response(request, body, status=exc.status_code)


_DESCRIPTIONS = {
    401: "Not signed in.",
    403: "Signed in, but not allowed (role, organisation, consent or CSRF check).",
    404: "No such object, or not one the caller may know of.",
    422: "Invalid input.",
}


def _standard_statuses(operation: dict[str, Any]) -> list[int]:
    parameters = operation.get("parameters", [])
    statuses = []
    if operation.get("security"):
        statuses += [401, 403]
    if any(parameter.get("in") == "path" for parameter in parameters):
        statuses.append(404)
    if parameters or "requestBody" in operation:
        statuses.append(422)
    return statuses


def add_error_responses(schema: dict[str, Any]) -> None:
    """Adds the error schemas and each operation's standard error responses to ``schema``
    (an OpenAPI document); responses an operation declares itself stay as they are."""
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    for model in (ErrorOut, ValidationErrorOut):
        components[model.__name__] = model.model_json_schema(ref_template=_REF)
    for path in schema.get("paths", {}).values():
        for operation in path.values():
            responses = operation.setdefault("responses", {})
            for status in _standard_statuses(operation):
                model = ValidationErrorOut if status == 422 else ErrorOut
                responses.setdefault(
                    status,
                    {
                        "description": _DESCRIPTIONS[status],
                        "content": {
                            "application/json": {
                                "schema": {"$ref": _REF.format(model=model.__name__)}
                            }
                        },
                    },
                )


class SozialraumAPI(NinjaAPI):
    """A NinjaAPI answering errors in the one shape and documenting them (module doc)."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.add_exception_handler(ValidationError, self._on_invalid_request)
        self.add_exception_handler(HttpError, self._on_http_error)

    # ``exc: Any``: ninja types a handler's exception as the exception or its class.
    def _on_invalid_request(self, request: HttpRequest, exc: Any) -> HttpResponse:
        return _invalid_request(request, exc, self)

    def _on_http_error(self, request: HttpRequest, exc: Any) -> HttpResponse:
        return _http_error(request, exc, self)

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> Any:
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        add_error_responses(schema)
        return schema
