"""Root URL configuration. Every view reachable here declares its audience (lib/access.py)."""

from __future__ import annotations

from django.urls import include, path
from django.views.i18n import set_language

from config.api import api
from sozialraum.accounts.admin import admin_site
from sozialraum.lib.access import PUBLIC, access

urlpatterns = [
    path("", include("sozialraum.districts.urls")),
    path("konto/", include("sozialraum.accounts.urls")),
    path("verwaltung/", admin_site.urls),
    path("api/v1/", api.urls),
    path("sprache/", access(PUBLIC)(set_language), name="set_language"),
]
