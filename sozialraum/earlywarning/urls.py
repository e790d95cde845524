from __future__ import annotations

from django.urls import path

from . import views

app_name = "earlywarning"

urlpatterns = [
    path("", views.team_list, name="teams"),
    path("regeln/", views.rule_list, name="rules"),
    path("sorge/", views.concern_create, name="concern"),
    path("zahlen/", views.figures, name="figures"),
    path("team/<slug:slug>/", views.team_outreach, name="team"),
    path("eintrag/<id:pk>/", views.entry_detail, name="entry"),
    path("eintrag/<id:pk>/kontakt/", views.contact_create, name="contact"),
    path("eintrag/<id:pk>/verwerfen/", views.entry_dismiss, name="dismiss"),
    path("eintrag/<id:pk>/wieder-oeffnen/", views.entry_reopen, name="reopen"),
    path("eintrag/<id:pk>/fall/", views.case_create, name="case"),
    path("person/<id:pk>/hinweis/", views.person_report, name="person_report"),
    path("person/<id:pk>/prisma-7/", views.screening_create, name="screening"),
]
