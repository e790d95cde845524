from __future__ import annotations

from django.urls import path

from . import views
from .residents import views as resident_views

app_name = "directory"

urlpatterns = [
    path("", views.search, name="search"),
    path("neu/", views.create, name="create"),
    path("meine/", views.mine, name="mine"),
    path("gemerkt/", resident_views.saved, name="saved"),
    path("mein-quartier/", resident_views.home, name="home"),
    path("<id:pk>/", views.detail, name="detail"),
    path("<id:pk>/drucken/", views.print_view, name="print"),
    path("<id:pk>/bearbeiten/", views.edit, name="edit"),
    path("<id:pk>/bestaetigen/", views.confirm, name="confirm"),
    path("<id:pk>/verlauf/", views.history, name="history"),
    path("<id:pk>/merken/", resident_views.save, name="save"),
]
