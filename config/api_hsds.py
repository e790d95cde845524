"""The HSDS-3-shaped read API (Open Referral Human Services Data Specification 3),
mounted under /api/hsds/: services, organizations and locations of the offer directory in
the shapes of the HSDS OpenAPI. OpenAPI: /api/hsds/openapi.json; docs: /api/hsds/docs.
Every operation declares its audience through ``sozialraum.lib.access.api_access``.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from sozialraum.directory.api_hsds import router as hsds_router
from sozialraum.lib.access import PUBLIC, access, api_access
from sozialraum.lib.api_errors import SozialraumAPI
from sozialraum.lib.apidocs import ReadableDocs

HSDS_OPENAPI_URL = (
    "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json"
)

api_hsds = SozialraumAPI(
    title="Sozialraum HSDS 3 API",
    version="3.0",
    description=(
        "Read-only Open Referral HSDS 3 view of the offer directory: services (offers), "
        "organizations (providers) and locations (places). Public."
    ),
    urls_namespace="hsds",
    docs=ReadableDocs(),
    docs_decorator=access(PUBLIC),
)


@api_hsds.get("/", **api_access(PUBLIC), summary="About this API", tags=["meta"])
def meta(request: HttpRequest) -> dict[str, Any]:
    """HSDS ``getAPIMetaInformation``: the HSDS version and where the OpenAPI is."""
    return {
        "version": "3.0",
        "profile": "https://docs.openreferral.org/en/latest/hsds/",
        "openapi_url": request.build_absolute_uri("openapi.json"),
    }


api_hsds.add_router("/", hsds_router, tags=["hsds"])
