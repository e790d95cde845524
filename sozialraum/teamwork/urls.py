"""Pages of a district team's shared work, mounted under ``/konto/``. Every view declares
its audience in views/."""

from __future__ import annotations

from django.urls import path

from .views import conferences, projects, worklist

app_name = "teamwork"

TEAM = "teams/<slug:slug>/"
CONFERENCE = f"{TEAM}konferenzen/<id:pk>/"
PROJECT = f"{TEAM}projekte/<id:pk>/"

urlpatterns = [
    path("aufgaben/", worklist.my_tasks, name="my_tasks"),
    path(f"{TEAM}arbeitsliste/", worklist.worklist, name="worklist"),
    path(f"{TEAM}aufgaben/", worklist.team_tasks, name="tasks"),
    path(f"{TEAM}aufgaben/<id:pk>/erledigt/", worklist.task_done, name="task_done"),
    path(f"{TEAM}aufgaben/<id:pk>/wieder-offen/", worklist.task_reopen, name="task_reopen"),
    path(f"{TEAM}konferenzen/", conferences.conference_list, name="conferences"),
    path(CONFERENCE, conferences.conference_detail, name="conference"),
    path(f"{CONFERENCE}drucken/", conferences.conference_print, name="conference_print"),
    path(
        f"{CONFERENCE}teilnehmende/",
        conferences.conference_participants,
        name="conference_participants",
    ),
    path(f"{CONFERENCE}abschliessen/", conferences.conference_close, name="conference_close"),
    path(f"{CONFERENCE}punkte/", conferences.agenda_item_add, name="agenda_item_add"),
    path(
        f"{CONFERENCE}punkte/<id:item_pk>/bearbeiten/",
        conferences.agenda_item_edit,
        name="agenda_item_edit",
    ),
    path(
        f"{CONFERENCE}punkte/<id:item_pk>/protokoll/",
        conferences.minutes_record,
        name="minutes_record",
    ),
    path(f"{CONFERENCE}punkte/<id:item_pk>/aufgabe/", conferences.task_add, name="task_add"),
    path(f"{TEAM}projekte/", projects.project_list, name="projects"),
    path(PROJECT, projects.project_detail, name="project"),
    path(f"{PROJECT}aktionen/", projects.project_action_add, name="project_action_add"),
    path(f"{PROJECT}stunden/", projects.project_hours_add, name="project_hours_add"),
    path(
        f"{PROJECT}stunden/<id:hours_pk>/bearbeiten/",
        projects.project_hours_edit,
        name="project_hours_edit",
    ),
    path(f"{PROJECT}status/", projects.project_status, name="project_status"),
    path(f"{TEAM}stunden/", projects.hours_summary, name="hours"),
]
