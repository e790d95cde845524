"""The Content-Security-Policy header: on every response, strict, with the tile server's
origin for images and the server error page's own style by its hash."""

from __future__ import annotations

import base64
import hashlib
import re
from typing import Any

import pytest
from django.http import HttpResponse, HttpResponseServerError
from django.template.loader import render_to_string
from django.test import Client, RequestFactory
from pytest_django import Settings

from sozialraum.lib.csp import HEADER, ContentSecurityPolicyMiddleware, policy, tile_origin

pytestmark = pytest.mark.django_db


def directives(value: str) -> dict[str, str]:
    return dict(part.strip().split(" ", 1) for part in value.split(";"))


@pytest.mark.parametrize(
    "path",
    [
        "/",
        "/angebote/",
        "/api/v1/docs",
        "/verwaltung/login/",
        "/gibt-es-nicht/",
        "/static/sozialraum/map.js",
    ],
)
def test_every_response_carries_the_strict_policy(client: Client, path: str) -> None:
    response = client.get(path)
    found = directives(response[HEADER])
    assert found["script-src"] == "'self'"
    assert found["style-src"] == "'self'"
    assert found["default-src"] == "'self'"
    assert found["frame-ancestors"] == "'none'"
    assert found["object-src"] == "'none'"
    assert found["base-uri"] == "'self'"
    assert found["form-action"] == "'self'"
    assert found["connect-src"] == "'self'"
    assert found["img-src"] == "'self' data:"


def test_the_tile_servers_origin_may_serve_images(client: Client, settings: Settings) -> None:
    settings.MAP_TILE_URL = "https://{s}.tile.example.org/{z}/{x}/{y}.png"
    response = client.get("/")
    assert directives(response[HEADER])["img-src"] == "'self' data: https://*.tile.example.org"


@pytest.mark.parametrize(
    ("url", "origin"),
    [
        ("", ""),
        ("https://tile.openstreetmap.org/{z}/{x}/{y}.png", "https://tile.openstreetmap.org"),
        ("https://{s}.tiles.example.de:8443/{z}/{x}/{y}.png", "https://*.tiles.example.de:8443"),
        ("/tiles/{z}/{x}/{y}.png", ""),
    ],
)
def test_a_tile_url_template_gives_its_origin(url: str, origin: str) -> None:
    assert tile_origin(url) == origin


def test_a_server_error_may_use_its_own_style_and_no_other(rf: RequestFactory) -> None:
    middleware = ContentSecurityPolicyMiddleware(lambda request: HttpResponseServerError("x"))
    found = directives(middleware(rf.get("/"))[HEADER])
    assert found["style-src"].startswith("'self' 'sha256-")
    assert found["script-src"] == "'self'"


def test_a_response_with_its_own_policy_keeps_it(rf: RequestFactory) -> None:
    def own(request: Any) -> HttpResponse:
        response = HttpResponse("x")
        response[HEADER] = "default-src 'none'"
        return response

    assert ContentSecurityPolicyMiddleware(own)(rf.get("/"))[HEADER] == "default-src 'none'"


def test_the_policy_allows_nothing_inline() -> None:
    assert "unsafe" not in policy("https://tile.example.org/{z}/{x}/{y}.png")


def test_the_server_error_pages_hash_is_that_of_its_rendered_style(rf: RequestFactory) -> None:
    page = render_to_string("500.html")
    style = re.search(r"<style>(.*?)</style>", page, re.DOTALL)
    assert style is not None
    digest = base64.b64encode(hashlib.sha256(style.group(1).encode()).digest()).decode()
    middleware = ContentSecurityPolicyMiddleware(lambda request: HttpResponseServerError(page))
    assert f"'sha256-{digest}'" in middleware(rf.get("/"))[HEADER]
