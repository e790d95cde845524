"""URL patterns of social planning (mounted at ``/planung/``)."""

from __future__ import annotations

from django.urls import path

from . import views

app_name = "planning"

urlpatterns = [
    path("", views.city, name="city"),
    path("druck/", views.city_print, name="city_print"),
    path("bericht.pdf", views.city_report, name="city_pdf"),
    path("zahlen.csv", views.city_csv, name="city_csv"),
    path("quartier/<slug:slug>/", views.district, name="district"),
    path("quartier/<slug:slug>/druck/", views.district_print, name="district_print"),
    path("quartier/<slug:slug>/bericht.pdf", views.district_report, name="district_pdf"),
    path("quartier/<slug:slug>/zahlen.csv", views.district_csv, name="district_csv"),
    path("befunde/", views.finding_list, name="findings"),
    path("befunde/neu/", views.finding_add, name="finding_add"),
    path("befunde/<id:pk>/", views.finding_detail, name="finding"),
    path("massnahmen/", views.measure_list, name="measures"),
    path("massnahmen/neu/", views.measure_add, name="measure_add"),
    path("massnahmen/<id:pk>/", views.measure_detail, name="measure"),
    path("massnahmen/<id:pk>/bearbeiten/", views.measure_edit, name="measure_edit"),
    path("massnahmen/quartier/<slug:slug>/", views.district_measures, name="district_measures"),
]
