"""Rendered pages and API answers for anonymous visitors, kept per process.

What an anonymous visitor gets is the same for every anonymous visitor: public data only
(every page showing personal data requires sign-in, :mod:`sozialraum.lib.access`). So a
successful answer to an anonymous GET is kept under its address (scheme, host, path and
query), the language, the public data's version (:mod:`sozialraum.lib.dataversion`, which
every write to public data changes: an edit shows at once) and the current minute (pages
show whether an offer is open now). An entry lives ``PAGE_CACHE_SECONDS`` (default 60) at
most; 0 turns the cache off.

Never kept or served:

- a request carrying a session cookie (anyone signed in, or with anything in a session)
  or a messages cookie, an htmx request, anything but GET;
- an answer other than 200, a streaming one, a large one (:data:`MAX_BYTES`), one that
  sets a cookie, changes the session, is marked ``private``/``no-store`` or varies on a
  request header other than the language.

Pages carry CSRF tokens (the language switch, htmx's header). A token is the visitor's
own secret, masked: it is stored as a placeholder and each answer gets the visitor's own
fresh token (``get_token``), so ``CsrfViewMiddleware``, which must come before this
middleware, sets the cookie as for a rendered page. The headers this middleware and those
after it set are stored with the body; those before it (security headers, the
Content-Security-Policy, which has no per-answer nonce, the language) are added to every
answer as usual.
"""

from __future__ import annotations

import hashlib
import re
import string
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.contrib.messages.storage.cookie import CookieStorage
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.middleware.csrf import get_token
from django.utils import timezone

from .dataversion import data_version

Handler = Callable[[HttpRequest], HttpResponse]

#: The cache alias holding the pages (``CACHES`` in the settings).
CACHE = "pages"
#: Larger answers are not kept.
MAX_BYTES = 512 * 1024
#: Request headers an answer may vary on and still be kept (the language is in the key;
#: cookies are absent, or nothing is kept).
HARMLESS_VARY = frozenset({"cookie", "accept-language"})
#: Stands for a CSRF token in a stored body.
PLACEHOLDER = b"\x00csrf-token\x00"
_TOKEN = re.compile(rb"(?<![A-Za-z0-9])[A-Za-z0-9]{64}(?![A-Za-z0-9])")
#: Django's token alphabet (``django.middleware.csrf``, public in behaviour, private in name).
_CHARS = string.ascii_letters + string.digits


def csrf_secret_of(token: str) -> str:
    """The secret a masked CSRF token stands for: its second half shifted back by its first,
    as Django masks it."""
    half = len(token) // 2
    pairs = zip(token[:half], token[half:], strict=True)
    return "".join(_CHARS[_CHARS.index(c) - _CHARS.index(m)] for m, c in pairs)


def page_cache_clear() -> None:
    caches[CACHE].clear()


def _cacheable_request(request: HttpRequest) -> bool:
    return (
        request.method == "GET"
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and CookieStorage.cookie_name not in request.COOKIES
        and "HTTP_HX_REQUEST" not in request.META
    )


def _key(request: HttpRequest) -> str:
    parts = [
        str(data_version()),
        timezone.now().strftime("%Y%m%d%H%M"),
        request.scheme or "",
        request.get_host(),
        getattr(request, "LANGUAGE_CODE", ""),
        request.get_full_path(),
    ]
    return "page:" + hashlib.sha256("\n".join(parts).encode()).hexdigest()


def _cacheable_response(request: HttpRequest, response: HttpResponseBase) -> bool:
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if not isinstance(response, HttpResponse) or len(response.content) > MAX_BYTES:
        return False
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        return False
    control = {part.strip().lower() for part in response.get("Cache-Control", "").split(",")}
    if control & {"private", "no-store", "no-cache"}:
        return False
    varies = {v.strip().lower() for v in response.get("Vary", "").split(",") if v.strip()}
    return varies <= HARMLESS_VARY


def _with_placeholders(request: HttpRequest, body: bytes) -> bytes:
    """The body with each CSRF token of this request's secret replaced by the placeholder."""
    secret = request.META.get("CSRF_COOKIE")
    if not secret:
        return body

    def replace(found: re.Match[bytes]) -> bytes:
        token = found.group(0)
        return PLACEHOLDER if csrf_secret_of(token.decode()) == secret else token

    return _TOKEN.sub(replace, body)


def _with_tokens(request: HttpRequest, body: bytes) -> bytes:
    """The stored body with a fresh token of this visitor's secret in the placeholders (one
    token for all: masking costs a random draw per character)."""
    if PLACEHOLDER not in body:
        return body
    return body.replace(PLACEHOLDER, get_token(request).encode())


class PageCacheMiddleware:
    """Serves and keeps anonymous visitors' answers (see the module's description)."""

    def __init__(self, get_response: Handler) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not (settings.PAGE_CACHE_SECONDS > 0 and _cacheable_request(request)):
            return self.get_response(request)
        key = _key(request)
        cache = caches[CACHE]
        stored: tuple[int, list[tuple[str, str]], bytes] | None = cache.get(key)
        if stored is not None:
            status, headers, body = stored
            request.user = AnonymousUser()  # no session: what the view would have seen
            return HttpResponse(_with_tokens(request, body), status=status, headers=dict(headers))
        response = self.get_response(request)
        if _cacheable_response(request, response):
            assert isinstance(response, HttpResponse)  # not streaming
            body = _with_placeholders(request, response.content)
            stored = (response.status_code, list(response.items()), body)
            cache.set(key, stored, timeout=settings.PAGE_CACHE_SECONDS)
        return response
