from __future__ import annotations

from django.urls import path

from . import views

app_name = "civic"

urlpatterns = [
    path("", views.index, name="index"),
    path("neu/", views.propose, name="propose"),
    path("moderation/", views.moderation, name="moderation"),
    path("bewohner-bestaetigen/", views.verify, name="verify"),
    path("bewohner-bestaetigen/zuruecknehmen/", views.verify_withdraw, name="verify_withdraw"),
    path("benachrichtigungen/gelesen/", views.notifications_read, name="notifications_read"),
    path("quartiere/<slug:slug>/", views.district, name="district"),
    path("<id:pk>/", views.detail, name="detail"),
    path("<id:pk>/foto/", views.photo, name="photo"),
    path("<id:pk>/unterstuetzen/", views.support, name="support"),
    path("<id:pk>/zurueckziehen/", views.withdraw, name="withdraw"),
    path("<id:pk>/kommentieren/", views.comment, name="comment"),
    path("<id:pk>/antwort/", views.answer, name="answer"),
    path("kommentare/<id:pk>/melden/", views.report, name="report"),
    path("kommentare/<id:pk>/moderieren/", views.hide, name="hide"),
]
