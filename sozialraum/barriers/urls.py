"""URL patterns of walks and barriers (mounted at ``/begehungen/``)."""

from __future__ import annotations

from django.urls import path

from . import views

app_name = "barriers"

urlpatterns = [
    path("", views.walk_list, name="walks"),
    path("neu/", views.walk_add, name="walk_add"),
    path("<id:walk_pk>/", views.walk_detail, name="walk"),
    path("<id:walk_pk>/bearbeiten/", views.walk_edit, name="walk_edit"),
    path("<id:walk_pk>/barriere/", views.barrier_add, name="barrier_add"),
    path("barrieren/<id:barrier_pk>/", views.barrier_detail, name="barrier"),
    path("barrieren/<id:barrier_pk>/foto.jpg", views.barrier_photo, name="photo"),
    path("stellen/", views.office_list, name="office"),
    path("nachfrage/<id:follow_up_pk>/", views.follow_up, name="follow_up"),
    path("meldungen-zu-orten/", views.place_reports, name="place_reports"),
    path("quartier/<slug:slug>/", views.district_barriers, name="district"),
    path("quartier/<slug:slug>/barrieren.geojson", views.district_export, name="district_export"),
]
