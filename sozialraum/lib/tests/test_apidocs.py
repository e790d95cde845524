"""The API docs are a page of the site: base layout, language, every operation listed."""

from __future__ import annotations

import pytest
from django.test import Client

from config.api import api
from config.api_hsds import api_hsds
from sozialraum.lib.apidocs import TypePart, type_parts

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("prefix", "ninja"), [("/api/v1", api), ("/api/hsds", api_hsds)])
def test_the_docs_page_lists_every_operation_in_the_sites_layout(
    client: Client, prefix: str, ninja: object, django_assert_max_num_queries: object
) -> None:
    with django_assert_max_num_queries(5):  # type: ignore[operator]
        response = client.get(f"{prefix}/docs")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="de">' in html
    assert '<main id="main"' in html
    assert "swagger" not in html.lower()
    assert f'href="{prefix}/openapi.json"' in html
    schema = client.get(f"{prefix}/openapi.json").json()
    for path, methods in schema["paths"].items():
        for method in methods:
            heading = f'{method.upper()}</span> <code class="api-path">{path}</code>'
            assert f'<span class="api-method">{heading}' in html
    for name in schema["components"]["schemas"]:
        assert f'id="schema-{name}"' in html


def test_types_read_as_words_with_links_to_schemas() -> None:
    assert type_parts({"type": "array", "items": {"$ref": "#/components/schemas/Offer"}}) == [
        TypePart("array of "),
        TypePart("Offer", "Offer"),
    ]
    assert type_parts({"anyOf": [{"type": "integer"}, {"type": "null"}]}) == [
        TypePart("integer"),
        TypePart(" or "),
        TypePart("null"),
    ]
    assert type_parts({"type": "string", "format": "date"}) == [TypePart("string (date)")]


def test_the_docs_page_says_which_fields_are_required(client: Client) -> None:
    html = client.get("/api/v1/docs").content.decode()
    assert "<code>slug</code></th><td>path</td><td>string</td><td>ja</td>" in html
