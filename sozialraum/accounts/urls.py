"""Account pages under /konto/. Every view declares its audience in views.py."""

from __future__ import annotations

from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("", views.home, name="home"),
    path("anmelden/", views.login, name="login"),
    path("abmelden/", views.logout, name="logout"),
    path("sitzung/verlaengern/", views.session_extend, name="session_extend"),
    path("passwort/", views.password_change, name="password_change"),
    path("passwort/geaendert/", views.password_change_done, name="password_change_done"),
    path("passwort/vergessen/", views.password_reset, name="password_reset"),
    path("passwort/vergessen/gesendet/", views.password_reset_done, name="password_reset_done"),
    path(
        "passwort/neu/<uidb64>/<token>/",
        views.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path("passwort/neu/fertig/", views.password_reset_complete, name="password_reset_complete"),
    path("zweiter-faktor/", views.second_factor, name="second_factor"),
    path("zweiter-faktor/einrichten/", views.second_factor_setup, name="second_factor_setup"),
    path("zweiter-faktor/wiederherstellungscodes/", views.recovery_codes, name="recovery_codes"),
    path("zweiter-faktor/abschalten/", views.second_factor_disable, name="second_factor_disable"),
    path("meine-daten/", views.own_data, name="own_data"),
    path("meine-daten/json/", views.own_data_json, name="own_data_json"),
    path("teams/", views.team_list, name="teams"),
    path("teams/<slug:slug>/", views.team_detail, name="team"),
]
