"""Root URL configuration. Every view reachable here declares its audience (lib/access.py)."""

from __future__ import annotations

from django.urls import URLPattern, include, path
from django.views.i18n import set_language

from config.api import api
from config.api_hsds import api_hsds
from config.api_open311 import api_open311
from sozialraum.accounts.views import start
from sozialraum.lib.access import PUBLIC, access
from sozialraum.lib.admin_site import admin_site

# The API's root URL (a plain 404 page from django-ninja) gets its declaration here; the
# schema and docs views are declared through NinjaAPI(docs_decorator=...).
api_patterns, api_app, api_namespace = api.urls
hsds_patterns, hsds_app, hsds_namespace = api_hsds.urls
open311_patterns, open311_app, open311_namespace = api_open311.urls
for pattern in [*api_patterns, *hsds_patterns, *open311_patterns]:
    if isinstance(pattern, URLPattern) and pattern.name == "api-root":
        pattern.callback = access(PUBLIC)(pattern.callback)

urlpatterns = [
    path("", include("sozialraum.districts.urls")),
    path("start/", start, name="start"),
    path("konto/", include("sozialraum.accounts.urls")),
    path("konto/", include("sozialraum.teamwork.urls")),
    path("angebote/", include("sozialraum.directory.urls")),
    path("adressen/", include("sozialraum.addresses.urls")),
    path("personen/", include("sozialraum.casework.urls")),
    path("personen/", include("sozialraum.plan.urls")),
    path("personen/<id:pk>/netzwerkkarte/", include("sozialraum.networkmap.urls")),
    path("nachbarschaftshilfe/", include("sozialraum.neighbourhood.urls")),
    path("ideen/", include("sozialraum.civic.urls")),
    path("begehungen/", include("sozialraum.barriers.urls")),
    path("fruehe-hinweise/", include("sozialraum.earlywarning.urls")),
    path("planung/", include("sozialraum.planning.urls")),
    path("budgets/", include("sozialraum.budgets.urls")),
    path("zugriffsprotokoll/", include("sozialraum.audit.urls")),
    path("verwaltung/", admin_site.urls),
    path("api/v1/", (api_patterns, api_app, api_namespace)),
    path("api/hsds/", (hsds_patterns, hsds_app, hsds_namespace)),
    path("api/open311/v2/", (open311_patterns, open311_app, open311_namespace)),
    path("sprache/", access(PUBLIC)(set_language), name="set_language"),
]
