from __future__ import annotations

from django.urls import path

from . import views

app_name = "casework"

urlpatterns = [
    path("<int:pk>/", views.person_detail, name="person"),
]
