"""Pages that change or remove a ladder entry, a place that matters or a referral: a form
prefilled with the current values (POST saves) and a confirmation page for a removal.
Each reads the person through ``person_for_user`` (a POST for writing) and looks the row
up among the person's own; the services write the history."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from sozialraum.accounts.models import User
from sozialraum.accounts.roles import CASE_WORK
from sozialraum.audit.purposes import Purpose
from sozialraum.casework.access import person_for_user
from sozialraum.casework.models import Person
from sozialraum.lib.access import access

from . import edits
from .forms import PlaceForm, ReferralEditForm, ResourceForm
from .models import PersonalPlace, Referral, ResourceEntry


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _person(request: HttpRequest, pk: int, purpose: str) -> Person:
    return person_for_user(request.user, pk, purpose=purpose, write=request.method == "POST")


def _entry(person: Person, goal_pk: int, entry_pk: int) -> ResourceEntry:
    entries = ResourceEntry.objects.select_related("goal", "offer", "contact")
    return get_object_or_404(entries, goal__person=person, goal_id=goal_pk, pk=entry_pk)


def _place(person: Person, place_pk: int) -> PersonalPlace:
    return get_object_or_404(person.places.select_related("offer"), pk=place_pk)


def _referral(person: Person, referral_pk: int) -> Referral:
    return get_object_or_404(person.referrals.select_related("offer", "goal"), pk=referral_pk)


def _edit_page(
    request: HttpRequest, *, form: Any, save: Any, back: str, context: dict[str, Any]
) -> HttpResponse:
    """GET: the prefilled form; POST: saves through ``save(cleaned_data)``."""
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The changes were saved."))
            return redirect(back)
    return render(request, "plan/item_edit.html", {**context, "form": form, "back": back})


def _remove_page(
    request: HttpRequest, *, remove: Any, back: str, context: dict[str, Any]
) -> HttpResponse:
    """GET: asks for confirmation; POST: removes (the history keeps the content)."""
    if request.method == "POST":
        remove()
        messages.success(request, _("The entry was removed. The history keeps what it held."))
        return redirect(back)
    return render(request, "plan/item_remove.html", {**context, "back": back})


@access(CASE_WORK)
def resource_edit(request: HttpRequest, pk: int, goal_pk: int, entry_pk: int) -> HttpResponse:
    person = _person(request, pk, Purpose.PLAN)
    entry = _entry(person, goal_pk, entry_pk)
    form = ResourceForm(request.POST or None, instance=entry, person=person)
    return _edit_page(
        request,
        form=form,
        save=lambda data: edits.resource_entry_update(entry=entry, data=data, user=_user(request)),
        back=reverse("plan:goal", kwargs={"pk": person.pk, "goal_pk": goal_pk}),
        context={"person": person, "title": _("Change the ladder entry"), "item": entry.text},
    )


@access(CASE_WORK)
def resource_remove(request: HttpRequest, pk: int, goal_pk: int, entry_pk: int) -> HttpResponse:
    person = _person(request, pk, Purpose.PLAN)
    entry = _entry(person, goal_pk, entry_pk)
    return _remove_page(
        request,
        remove=lambda: edits.resource_entry_remove(entry=entry, user=_user(request)),
        back=reverse("plan:goal", kwargs={"pk": person.pk, "goal_pk": goal_pk}),
        context={"person": person, "title": _("Remove the ladder entry"), "item": entry.text},
    )


@access(CASE_WORK)
def place_edit(request: HttpRequest, pk: int, place_pk: int) -> HttpResponse:
    person = _person(request, pk, Purpose.PLAN)
    place = _place(person, place_pk)
    form = PlaceForm(request.POST or None, instance=place, person=person)
    return _edit_page(
        request,
        form=form,
        save=lambda data: edits.personal_place_update(place=place, data=data, user=_user(request)),
        back=reverse("plan:personal_map", kwargs={"pk": person.pk}),
        context={"person": person, "title": _("Change the place"), "item": place.name},
    )


@access(CASE_WORK)
def place_remove(request: HttpRequest, pk: int, place_pk: int) -> HttpResponse:
    person = _person(request, pk, Purpose.PLAN)
    place = _place(person, place_pk)
    return _remove_page(
        request,
        remove=lambda: edits.personal_place_remove(place=place, user=_user(request)),
        back=reverse("plan:personal_map", kwargs={"pk": person.pk}),
        context={"person": person, "title": _("Remove the place"), "item": place.name},
    )


def _referral_name(referral: Referral) -> str:
    return referral.offer.name if referral.offer else _("nothing found")


@access(CASE_WORK)
def referral_edit(request: HttpRequest, pk: int, referral_pk: int) -> HttpResponse:
    person = _person(request, pk, Purpose.REFERRAL)
    referral = _referral(person, referral_pk)
    form = ReferralEditForm(request.POST or None, instance=referral)
    return _edit_page(
        request,
        form=form,
        save=lambda data: edits.referral_update(referral=referral, data=data, user=_user(request)),
        back=reverse("plan:referral", kwargs={"pk": person.pk, "referral_pk": referral.pk}),
        context={
            "person": person,
            "title": _("Change the referral"),
            "item": _referral_name(referral),
        },
    )


@access(CASE_WORK)
def referral_remove(request: HttpRequest, pk: int, referral_pk: int) -> HttpResponse:
    person = _person(request, pk, Purpose.REFERRAL)
    referral = _referral(person, referral_pk)
    return _remove_page(
        request,
        remove=lambda: edits.referral_remove(referral=referral, user=_user(request)),
        back=reverse("plan:goal", kwargs={"pk": person.pk, "goal_pk": referral.goal_id}),
        context={
            "person": person,
            "title": _("Remove the referral"),
            "item": _referral_name(referral),
        },
    )
