"""The Content-Security-Policy every response carries.

Scripts and styles load only from the site's own files: no inline script, no event-handler
attribute, no ``style`` attribute or ``<style>`` element in markup. Data reaches scripts
through ``<script type="application/json">`` blocks (which never run) and ``data-``
attributes; computed styles are SVG attributes or set through the CSSOM, which the policy
allows. Images may also come from ``data:`` URLs (the admin's and Swagger UI's icons) and
from the map tile server named by ``MAP_TILE_URL``. Nothing may frame the site.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Callable
from functools import cache
from urllib.parse import urlsplit

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.template.loader import get_template

HEADER = "Content-Security-Policy"


def tile_origin(url: str) -> str:
    """The origin of a Leaflet tile URL template (``{s}`` subdomains become ``*.``), or ""
    when there is no tile server."""
    if not url:
        return ""
    parts = urlsplit(url.replace("{s}.", "sub-domain-placeholder."))
    host = parts.netloc.replace("sub-domain-placeholder.", "*.")
    return f"{parts.scheme}://{host}" if parts.scheme and host else ""


@cache
def server_error_style() -> str:
    """The hash source of the ``<style>`` element of ``500.html``, which is self-contained
    on purpose (no static files when the server is failing)."""
    source = get_template("500.html").template.source  # type: ignore[attr-defined]
    found = re.search(r"<style>(.*?)</style>", source, re.DOTALL)
    if found is None:
        return ""
    digest = hashlib.sha256(found.group(1).encode()).digest()
    return f"'sha256-{base64.b64encode(digest).decode()}'"


def policy(tile_url: str, *, styles: str = "") -> str:
    """The policy's text; ``tile_url`` is the map tile server's URL template, ``styles``
    further style sources (the server error page's hash)."""
    images = " ".join(filter(None, ["'self'", "data:", tile_origin(tile_url)]))
    directives = {
        "default-src": "'self'",
        "script-src": "'self'",
        "style-src": " ".join(filter(None, ["'self'", styles])),
        "img-src": images,
        "connect-src": "'self'",
        "font-src": "'self'",
        "object-src": "'none'",
        "base-uri": "'self'",
        "form-action": "'self'",
        "frame-ancestors": "'none'",
    }
    return "; ".join(f"{name} {value}" for name, value in directives.items())


class ContentSecurityPolicyMiddleware:
    """Sets the policy on every response that does not bring its own. Server errors may
    also use the error page's own ``<style>`` (by its hash, nothing else inline)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.policy = policy(settings.MAP_TILE_URL)

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if HEADER in response:
            return response
        if response.status_code >= 500:
            response[HEADER] = policy(settings.MAP_TILE_URL, styles=server_error_style())
        else:
            response[HEADER] = self.policy
        return response
