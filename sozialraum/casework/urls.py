from __future__ import annotations

from django.urls import path

from . import views, views_export

app_name = "casework"

urlpatterns = [
    path("", views.person_list, name="list"),
    path("neu/", views.person_create, name="create"),
    path("<id:pk>/", views.person_detail, name="person"),
    path("<id:pk>/bearbeiten/", views.person_edit, name="edit"),
    path("<id:pk>/abschliessen/", views.person_close, name="close"),
    path("<id:pk>/einwilligungen/neu/", views.consent_create, name="consent_create"),
    path(
        "<id:pk>/einwilligungen/<id:consent_pk>/widerrufen/",
        views.consent_withdraw,
        name="consent_withdraw",
    ),
    path("<id:pk>/auskunft/", views_export.export_page, name="export"),
    path("<id:pk>/auskunft.json", views_export.export_json, name="export_json"),
]
