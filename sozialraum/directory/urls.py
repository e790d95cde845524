from __future__ import annotations

from django.urls import path

from . import views

app_name = "directory"

urlpatterns = [
    path("", views.search, name="search"),
    path("neu/", views.create, name="create"),
    path("meine/", views.mine, name="mine"),
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/drucken/", views.print_view, name="print"),
    path("<int:pk>/bearbeiten/", views.edit, name="edit"),
    path("<int:pk>/bestaetigen/", views.confirm, name="confirm"),
    path("<int:pk>/verlauf/", views.history, name="history"),
]
