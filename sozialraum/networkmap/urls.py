"""Mounted at ``personen/<int:pk>/netzwerkkarte/`` (``pk`` is the person)."""

from __future__ import annotations

from django.urls import path

from . import views

app_name = "networkmap"

urlpatterns = [
    path("", views.map_page, name="map"),
    path("anlegen/", views.create_map, name="create"),
    path("neue-version/", views.version_add, name="version_add"),
    path("vergleich/", views.compare_page, name="compare"),
    path("export/", views.export_file, name="export"),
    path("import/", views.import_file, name="import"),
    path("version/<int:number>/", views.version_page, name="version"),
    path("version/<int:number>/kontakt/neu/", views.contact_add, name="contact_add"),
    path("version/<int:number>/kontakt/<int:contact>/", views.contact_edit, name="contact_edit"),
    path(
        "version/<int:number>/kontakt/<int:contact>/entfernen/",
        views.contact_remove,
        name="contact_remove",
    ),
    path("version/<int:number>/verbindung/neu/", views.tie_add, name="tie_add"),
    path(
        "version/<int:number>/verbindung/<int:tie>/entfernen/",
        views.tie_remove,
        name="tie_remove",
    ),
]
