"""URL patterns of person-centred planning (mounted at ``/personen/``, next to case work)."""

from __future__ import annotations

from django.urls import path

from . import views

app_name = "plan"

urlpatterns = [
    path("<int:pk>/plan/", views.plan_overview, name="plan"),
    path("<int:pk>/wille/neu/", views.will_add, name="will_add"),
    path("<int:pk>/ziele/neu/", views.goal_add, name="goal_add"),
    path("<int:pk>/ziele/<int:goal_pk>/", views.goal_detail, name="goal"),
    path(
        "<int:pk>/ziele/<int:goal_pk>/weg-weisung/",
        views.referral_search,
        name="referral_search",
    ),
    path("<int:pk>/weg-weisungen/<int:referral_pk>/", views.referral_detail, name="referral"),
    path("<int:pk>/plan/bearbeiten/", views.plan_edit, name="plan_edit"),
    path("<int:pk>/plan/abschliessen/", views.plan_finalise, name="plan_finalise"),
    path("<int:pk>/plan/dokument/", views.plan_document, name="plan_document"),
    path("<int:pk>/plan/dokument.pdf", views.plan_document_pdf, name="plan_pdf"),
    path("<int:pk>/ueberpruefung/neu/", views.review_add, name="review_add"),
    path("<int:pk>/selbsteinschaetzung/neu/", views.rating_add, name="rating_add"),
    path("<int:pk>/landkarte/", views.personal_map, name="personal_map"),
    path("nachfassen/", views.follow_ups, name="follow_ups"),
    path("weg-weisungen/anbieter/", views.provider_referrals, name="provider_referrals"),
]
