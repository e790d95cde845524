"""Pages of pooled budgets, mounted under ``/budgets/``."""

from __future__ import annotations

from django.urls import path

from . import views

app_name = "budgets"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("traeger/", views.provider, name="provider"),
    path("buchungen.csv", views.bookings_csv, name="bookings_csv"),
]
