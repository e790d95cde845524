"""Open311 GeoReport v2 over the neighbourhood walks' barriers, mounted under
/api/open311/v2/ (see ``sozialraum.barriers.api`` for fields and access). OpenAPI:
/api/open311/v2/openapi.json; docs: /api/open311/v2/docs."""

from __future__ import annotations

from sozialraum.barriers.api import router as open311_router
from sozialraum.lib.access import PUBLIC, access
from sozialraum.lib.api_errors import SozialraumAPI
from sozialraum.lib.apidocs import ReadableDocs

api_open311 = SozialraumAPI(
    title="Sozialraum Open311 GeoReport v2",
    version="2",
    description=(
        "Barriers recorded on neighbourhood walks as Open311 GeoReport v2 service requests. "
        "GET is public; POST needs a signed-in user (session and CSRF token)."
    ),
    urls_namespace="open311",
    docs=ReadableDocs(),
    docs_decorator=access(PUBLIC),
)

api_open311.add_router("/", open311_router, tags=["open311"])
