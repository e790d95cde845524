from __future__ import annotations

from django.urls import path

from . import views, views_export

app_name = "casework"

urlpatterns = [
    path("", views.person_list, name="list"),
    path("neu/", views.person_create, name="create"),
    path("<int:pk>/", views.person_detail, name="person"),
    path("<int:pk>/bearbeiten/", views.person_edit, name="edit"),
    path("<int:pk>/abschliessen/", views.person_close, name="close"),
    path("<int:pk>/einwilligungen/neu/", views.consent_create, name="consent_create"),
    path(
        "<int:pk>/einwilligungen/<int:consent_pk>/widerrufen/",
        views.consent_withdraw,
        name="consent_withdraw",
    ),
    path("<int:pk>/auskunft/", views_export.export_page, name="export"),
    path("<int:pk>/auskunft.json", views_export.export_json, name="export_json"),
]
