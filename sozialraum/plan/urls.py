"""URL patterns of person-centred planning (mounted at ``/personen/``, next to case work)."""

from __future__ import annotations

from django.urls import path

from . import views, views_edit

app_name = "plan"

urlpatterns = [
    path("<id:pk>/plan/", views.plan_overview, name="plan"),
    path("<id:pk>/wille/neu/", views.will_add, name="will_add"),
    path("<id:pk>/ziele/neu/", views.goal_add, name="goal_add"),
    path("<id:pk>/ziele/<id:goal_pk>/", views.goal_detail, name="goal"),
    path(
        "<id:pk>/ziele/<id:goal_pk>/weg-weisung/",
        views.referral_search,
        name="referral_search",
    ),
    path("<id:pk>/weg-weisungen/<id:referral_pk>/", views.referral_detail, name="referral"),
    path("<id:pk>/plan/bearbeiten/", views.plan_edit, name="plan_edit"),
    path("<id:pk>/plan/abschliessen/", views.plan_finalise, name="plan_finalise"),
    path("<id:pk>/plan/dokument/", views.plan_document, name="plan_document"),
    path("<id:pk>/plan/dokument.pdf", views.plan_document_pdf, name="plan_pdf"),
    path("<id:pk>/ueberpruefung/neu/", views.review_add, name="review_add"),
    path("<id:pk>/selbsteinschaetzung/neu/", views.rating_add, name="rating_add"),
    path("<id:pk>/landkarte/", views.personal_map, name="personal_map"),
    path(
        "<id:pk>/ziele/<id:goal_pk>/leiter/<id:entry_pk>/bearbeiten/",
        views_edit.resource_edit,
        name="resource_edit",
    ),
    path(
        "<id:pk>/ziele/<id:goal_pk>/leiter/<id:entry_pk>/entfernen/",
        views_edit.resource_remove,
        name="resource_remove",
    ),
    path("<id:pk>/landkarte/<id:place_pk>/bearbeiten/", views_edit.place_edit, name="place_edit"),
    path(
        "<id:pk>/landkarte/<id:place_pk>/entfernen/", views_edit.place_remove, name="place_remove"
    ),
    path(
        "<id:pk>/weg-weisungen/<id:referral_pk>/bearbeiten/",
        views_edit.referral_edit,
        name="referral_edit",
    ),
    path(
        "<id:pk>/weg-weisungen/<id:referral_pk>/entfernen/",
        views_edit.referral_remove,
        name="referral_remove",
    ),
    path("nachfassen/", views.follow_ups, name="follow_ups"),
    path("weg-weisungen/anbieter/", views.provider_referrals, name="provider_referrals"),
]
