from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.urls import path

from sozialraum.lib.access import PUBLIC, access

from . import views

app_name = "accounts"

urlpatterns = [
    path("anmelden/", access(PUBLIC)(auth_views.LoginView.as_view()), name="login"),
    path("abmelden/", access(PUBLIC)(auth_views.LogoutView.as_view()), name="logout"),
    path("", views.home, name="home"),
    path("teams/", views.team_list, name="teams"),
    path("zweiter-faktor/", views.second_factor, name="second_factor"),
    path("zweiter-faktor/einrichten/", views.second_factor_setup, name="second_factor_setup"),
]
