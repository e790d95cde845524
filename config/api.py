"""The JSON API (django-ninja): routers of the apps mounted under /api/v1/.

OpenAPI: /api/v1/openapi.json; interactive docs: /api/v1/docs. Every operation declares who
may use it through ``sozialraum.lib.access.api_access`` (shown as ``x-access`` in the
OpenAPI document).
"""

from __future__ import annotations

from sozialraum.addresses.api import router as addresses_router
from sozialraum.budgets.api import router as budgets_router
from sozialraum.casework.api import router as casework_router
from sozialraum.civic.api import router as civic_router
from sozialraum.directory.api import router as directory_router
from sozialraum.districts.api import router as districts_router
from sozialraum.earlywarning.api import router as earlywarning_router
from sozialraum.lib.access import PUBLIC, access
from sozialraum.lib.api_errors import SozialraumAPI
from sozialraum.lib.apidocs import ReadableDocs
from sozialraum.neighbourhood.api import router as neighbourhood_router
from sozialraum.networkmap.api import router as networkmap_router
from sozialraum.plan.api import router as plan_router
from sozialraum.planning.api import router as planning_router
from sozialraum.teamwork.api import router as teamwork_router

api = SozialraumAPI(
    title="Sozialraum API",
    version="1",
    description="Districts, population and (later) offers, referrals and planning data.",
    urls_namespace="api",
    docs=ReadableDocs(),
    docs_decorator=access(PUBLIC),
)
api.add_router("/districts", districts_router, tags=["districts"])
api.add_router("/addresses", addresses_router, tags=["addresses"])
api.add_router("/offers", directory_router, tags=["offers"])
api.add_router("/persons", casework_router, tags=["persons"])
api.add_router("/persons", networkmap_router, tags=["network maps"])
api.add_router("/plans", plan_router, tags=["plans"])
api.add_router("/ideas", civic_router, tags=["ideas"])
api.add_router("/help-groups", neighbourhood_router, tags=["help groups"])
api.add_router("/early-warning", earlywarning_router, tags=["early warning"])
api.add_router("/teams", teamwork_router, tags=["district teams"])
api.add_router("/planning", planning_router, tags=["planning"])
api.add_router("/budgets", budgets_router, tags=["budgets"])
