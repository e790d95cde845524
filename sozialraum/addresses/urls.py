from __future__ import annotations

from django.urls import path

from . import views

app_name = "addresses"

urlpatterns = [
    path("vorschlaege/", views.address_suggestions, name="suggestions"),
]
