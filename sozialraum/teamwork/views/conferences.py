"""Case conferences: the list with a form for a new one, a conference with its
participants, agenda, minutes and decisions, and its printable page.

A conference page shows the names of the persons the team may discuss (the agenda form's
choices and the agenda's items) and logs them under the team's purpose.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from sozialraum.accounts.models import DistrictTeam
from sozialraum.accounts.roles import CASE_WORK
from sozialraum.audit.models import AccessAction
from sozialraum.lib.access import access
from sozialraum.lib.forms import form_status

from .. import selectors, services
from ..forms import AgendaItemForm, ConferenceForm, MinutesForm, ParticipantsForm, TaskForm
from ..models import AgendaItem, Conference
from .common import owned, team_of, user_of


@access(CASE_WORK)
def conference_list(request: HttpRequest, slug: str) -> HttpResponse:
    team = team_of(request, slug)
    form = ConferenceForm(
        request.POST or None, team=team, initial={"held_on": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        conference = services.conference_create(
            team=team, created_by=user_of(request), **form.cleaned_data
        )
        return redirect(conference)
    conferences = selectors.conferences_of(team)
    context = {"team": team, "conferences": conferences, "form": form}
    return render(request, "teamwork/conference_list.html", context, status=form_status(form))


def _conference(team: DistrictTeam, pk: int) -> Conference:
    return owned(Conference.objects.select_related("team"), team, pk)


def _item(conference: Conference, item_pk: int) -> AgendaItem:
    return get_object_or_404(
        AgendaItem.objects.select_related("conference__team"), pk=item_pk, conference=conference
    )


#: Which of an item's forms a failed POST replaces, by its class.
_FAILED_FORM: dict[type, str] = {
    MinutesForm: "minutes_form",
    TaskForm: "task_form",
    AgendaItemForm: "edit_form",
}


def _conference_page(
    request: HttpRequest,
    conference: Conference,
    *,
    item_form: AgendaItemForm | None = None,
    participants_form: ParticipantsForm | None = None,
    failed: tuple[int, Any] | None = None,
) -> HttpResponse:
    """The conference page; a POST that failed passes its bound form (``failed`` is the
    item and the form of an item's minutes or task)."""
    team = conference.team
    person_choices = AgendaItemForm(team=team).team_choices()
    item_form = item_form or AgendaItemForm(team=team, choices=person_choices)
    participants_form = participants_form or ParticipantsForm(instance=conference, team=team)
    visible = selectors.team_person_ids(team)
    items = selectors.conference_items(conference, visible)
    owner_choices = TaskForm(team=team).team_choices()
    for item in items:
        item.minutes_form = MinutesForm(  # type: ignore[attr-defined]
            initial={"minutes": item.minutes}, prefix=f"m{item.pk}"
        )
        item.task_form = TaskForm(  # type: ignore[attr-defined]
            team=team, prefix=f"t{item.pk}", choices=owner_choices
        )
        item.edit_form = AgendaItemForm(  # type: ignore[attr-defined]
            team=team, prefix=f"e{item.pk}", choices=person_choices,
            initial={"topic": item.topic, "person": item.person_id},
        )  # fmt: skip
        if failed and failed[0] == item.pk:
            setattr(item, _FAILED_FORM[type(failed[1])], failed[1])
    shown = item_form.shown_person_ids() + [i.person_id for i in items if i.person_id]
    selectors.persons_shown_log(request.user, shown)
    context = {
        "team": team,
        "conference": conference,
        "participants": conference.participants.order_by("last_name", "first_name", "username"),
        "items": items,
        "item_form": item_form,
        "participants_form": participants_form,
        "today": timezone.localdate(),
    }
    forms = [item_form, participants_form] + ([failed[1]] if failed else [])
    return render(request, "teamwork/conference.html", context, status=form_status(*forms))


@access(CASE_WORK)
def conference_detail(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    conference = _conference(team_of(request, slug), pk)
    return _conference_page(request, conference)


@access(CASE_WORK)
@require_POST
def conference_participants(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    conference = _conference(team_of(request, slug), pk)
    form = ParticipantsForm(request.POST, instance=conference, team=conference.team)
    if form.is_valid():
        services.conference_participants_set(
            conference=conference,
            participants=form.cleaned_data["participants"],
            guests=form.cleaned_data["guests"],
        )
        return redirect(conference)
    return _conference_page(request, conference, participants_form=form)


@access(CASE_WORK)
@require_POST
def agenda_item_add(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    conference = _conference(team_of(request, slug), pk)
    form = AgendaItemForm(request.POST, team=conference.team)
    if form.is_valid():
        try:
            services.agenda_item_add(conference=conference, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect(f"{conference.get_absolute_url()}#agenda")
    return _conference_page(request, conference, item_form=form)


def _item_post(
    request: HttpRequest,
    slug: str,
    pk: int,
    item_pk: int,
    *,
    make_form: Callable[[Conference, str], Any],
    prefix: str,
    write: Callable[[AgendaItem, dict[str, Any]], object],
) -> HttpResponse:
    """A form of one agenda item (its edit, minutes or task form, ``prefix`` and the
    item's id telling them apart): valid and written, back to the item; else the page
    with the failed form in the item's place."""
    conference = _conference(team_of(request, slug), pk)
    item = _item(conference, item_pk)
    form = make_form(conference, f"{prefix}{item.pk}")
    if form.is_valid():
        try:
            write(item, form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect(f"{conference.get_absolute_url()}#item-{item.pk}")
    return _conference_page(request, conference, failed=(item.pk, form))


@access(CASE_WORK)
@require_POST
def agenda_item_edit(request: HttpRequest, slug: str, pk: int, item_pk: int) -> HttpResponse:
    return _item_post(
        request, slug, pk, item_pk, prefix="e",
        make_form=lambda c, prefix: AgendaItemForm(request.POST, team=c.team, prefix=prefix),
        write=lambda item, data: services.agenda_item_update(item=item, **data),
    )  # fmt: skip


@access(CASE_WORK)
@require_POST
def conference_close(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    conference = _conference(team_of(request, slug), pk)
    services.conference_close(conference=conference)
    return redirect(conference)


@access(CASE_WORK)
@require_POST
def minutes_record(request: HttpRequest, slug: str, pk: int, item_pk: int) -> HttpResponse:
    return _item_post(
        request, slug, pk, item_pk, prefix="m",
        make_form=lambda c, prefix: MinutesForm(request.POST, prefix=prefix),
        write=lambda item, data: services.minutes_record(item=item, minutes=data["minutes"]),
    )  # fmt: skip


@access(CASE_WORK)
@require_POST
def task_add(request: HttpRequest, slug: str, pk: int, item_pk: int) -> HttpResponse:
    return _item_post(
        request, slug, pk, item_pk, prefix="t",
        make_form=lambda c, prefix: TaskForm(request.POST, team=c.team, prefix=prefix),
        write=lambda item, data: services.task_create(
            team=item.conference.team, agenda_item=item, created_by=user_of(request), **data
        ),
    )  # fmt: skip


@access(CASE_WORK)
def conference_print(request: HttpRequest, slug: str, pk: int) -> HttpResponse:
    conference = _conference(team_of(request, slug), pk)
    items = selectors.conference_items(conference, selectors.team_person_ids(conference.team))
    selectors.persons_shown_log(
        request.user, [i.person_id for i in items if i.person_id], AccessAction.VIEW
    )
    context = {
        "team": conference.team,
        "conference": conference,
        "participants": conference.participants.order_by("last_name", "first_name", "username"),
        "items": items,
        "today": timezone.localdate(),
    }
    return render(request, "teamwork/conference_print.html", context)
