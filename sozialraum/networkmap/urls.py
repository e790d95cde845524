"""Mounted at ``personen/<id:pk>/netzwerkkarte/`` (``pk`` is the person)."""

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
    path("version/<id:number>/", views.version_page, name="version"),
    path("version/<id:number>/kontakt/neu/", views.contact_add, name="contact_add"),
    path("version/<id:number>/kontakt/<id:contact>/", views.contact_edit, name="contact_edit"),
    path(
        "version/<id:number>/kontakt/<id:contact>/entfernen/",
        views.contact_remove,
        name="contact_remove",
    ),
    path("version/<id:number>/verbindung/neu/", views.tie_add, name="tie_add"),
    path(
        "version/<id:number>/verbindung/<id:tie>/entfernen/",
        views.tie_remove,
        name="tie_remove",
    ),
]
