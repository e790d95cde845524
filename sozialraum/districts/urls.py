from __future__ import annotations

from django.urls import path

from . import views

app_name = "districts"

urlpatterns = [
    path("", views.index, name="index"),
    path("quartiere/<slug:slug>/", views.detail, name="detail"),
]
