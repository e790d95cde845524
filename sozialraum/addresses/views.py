"""Address suggestions for the address field (an HTML fragment for HTMX)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from sozialraum.lib.access import PUBLIC, access

from .geocoder import MAX_QUERY_LENGTH, geocode

#: Suggestions shown under the field.
SUGGESTIONS = 6

#: Characters typed before suggestions are looked up.
MIN_TYPED = 3


@access(PUBLIC)
@require_GET
def address_suggestions(request: HttpRequest) -> HttpResponse:
    """The options of the address field's list for the text typed: the text is the
    parameter named by ``field`` (the input's own name, as HTMX sends it), else ``q``.
    Public: the address index holds public data; the text is cut to 200 characters."""
    name = request.GET.get("field", "q")
    text = request.GET.get(name, "")[:MAX_QUERY_LENGTH].strip()
    matches = geocode(text, limit=SUGGESTIONS) if len(text) >= MIN_TYPED else []
    return render(request, "addresses/suggestions.html", {"matches": matches, "field": name})
