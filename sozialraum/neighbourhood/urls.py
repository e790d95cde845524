from __future__ import annotations

from django.urls import path

from .views import coordination, members

app_name = "neighbourhood"

urlpatterns = [
    path("", members.groups, name="groups"),
    path("beitrag/<int:pk>/", members.post, name="post"),
    path("kontakt/<int:pk>/", members.match, name="match"),
    path("kontakt/<int:pk>/nachricht/", members.match_message, name="match_message"),
    path("kontakt/<int:pk>/einverstanden/", members.match_agree, name="match_agree"),
    path("kontakt/<int:pk>/blockieren/", members.match_block, name="match_block"),
    path("kontakt/<int:pk>/melden/", members.match_report, name="match_report"),
    path("kontakt/<int:pk>/zeit/", members.match_time, name="match_time"),
    path("zeit/<int:pk>/<str:decision>/", members.transfer_decide, name="transfer_decide"),
    path("<slug:slug>/", members.group, name="group"),
    path("<slug:slug>/mitmachen/", members.signup, name="signup"),
    path("<slug:slug>/profil/", members.profile, name="profile"),
    path("<slug:slug>/beitrag/neu/", members.post_new, name="post_new"),
    path("<slug:slug>/zeitkonto/", members.statement, name="statement"),
    path("<slug:slug>/zeitkonto/andere-gruppe/", members.transfer_across, name="transfer_across"),
    path("<slug:slug>/meine-daten/", members.my_data, name="my_data"),
    path("<slug:slug>/meine-daten/json/", members.my_data_json, name="my_data_json"),
    path("<slug:slug>/koordination/", coordination.coordination, name="coordination"),
    path(
        "<slug:slug>/koordination/mitglied/<int:pk>/pruefen/",
        coordination.member_verify,
        name="member_verify",
    ),
    path(
        "<slug:slug>/koordination/mitglied/<int:pk>/kontakt/",
        coordination.member_contact,
        name="member_contact",
    ),
    path(
        "<slug:slug>/koordination/mitglied/<int:pk>/beitrag/",
        coordination.post_for_member,
        name="post_for_member",
    ),
    path(
        "<slug:slug>/koordination/meldung/<int:pk>/",
        coordination.report_resolve,
        name="report_resolve",
    ),
    path(
        "<slug:slug>/koordination/ueberweisungen/",
        coordination.transfers_setting,
        name="transfers_setting",
    ),
    path("<slug:slug>/koordination/vermitteln/", coordination.hand_match, name="hand_match"),
]
