"""Pages of person-centred planning under ``/personen/<pk>/``: the plan overview with the
will, goals and self-ratings; a goal with its resource ladder; the Weg-Weisung from a goal
to offers; a referral; the plan's draft, finalising and document (page and PDF); reviews;
the subjective map. Outside one person: the worker's due follow-ups and the provider's
referrals.

Every page reads the person through ``person_for_user`` with the page's purpose (plan or
referral); a POST reads it for writing. Goals, referrals and versions are looked up only
among the person's own.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sozialraum.accounts.models import User
from sozialraum.accounts.roles import CASE_WORK
from sozialraum.audit.models import AccessAction
from sozialraum.audit.purposes import Purpose
from sozialraum.audit.services import access_log_write
from sozialraum.casework.access import person_for_user
from sozialraum.casework.models import Person
from sozialraum.casework.scope import scope_of
from sozialraum.directory.models import Offer
from sozialraum.lib.access import Role, access, roles

from . import services
from .forms import (
    RUNGS,
    GoalForm,
    GoalStatusForm,
    KnownAlreadyForm,
    NothingFoundForm,
    ParticipantForm,
    PersonSearchForm,
    PlaceForm,
    ReferralMoveForm,
    ResourceForm,
    ReviewDateForm,
    ReviewForm,
    SelfRatingForm,
    StepForm,
    SuggestForm,
    WillForm,
)
from .history import history_rows
from .maps import offers_map, subjective_map, subjective_map_rows
from .models import (
    MARK_COLOURS,
    Goal,
    GoalStatus,
    LifeArea,
    Plan,
    PlanChange,
    PlanChangeKind,
    PlanVersion,
    Referral,
    VersionStatus,
)
from .offer_document import facts_once
from .pdf import plan_pdf
from .person_section import ratings_context
from .selectors import (
    DEFAULT_RADIUS_M,
    due_follow_ups,
    offers_for_person,
    referrals_for_provider,
)

PROVIDERS = roles(Role.PROVIDER_EDITOR)


def _user(request: HttpRequest) -> User:
    assert isinstance(request.user, User)
    return request.user


def _person(request: HttpRequest, pk: int, purpose: str) -> Person:
    """The person through the one access helper; a POST reads for writing."""
    return person_for_user(request.user, pk, purpose=purpose, write=request.method == "POST")


def _goal(person: Person, goal_pk: int) -> Goal:
    return get_object_or_404(person.goals.select_related("life_area"), pk=goal_pk)


def _chosen_areas(person: Person) -> list[LifeArea]:
    """The life areas the person chose: those of their goals."""
    codes = person.goals.exclude(status=GoalStatus.DROPPED).values("life_area")
    return list(LifeArea.objects.filter(pk__in=codes).order_by("code"))


# --- The person's plan overview and section ------------------------------------------------


@access(CASE_WORK)
def plan_overview(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(request, pk, Purpose.PLAN)
    goals = (
        person.goals.select_related("life_area")
        .prefetch_related("resources__offer", "referrals__offer")
        .order_by("created_at", "pk")
    )
    plan = _plan(person)
    context = {
        "person": person,
        "will_statements": person.will_statements.all(),
        "goals": goals,
        "versions": plan.versions.all() if plan else [],
        "reviews": person.reviews.prefetch_related("goal_reviews__goal"),
        **ratings_context(person),
    }
    return render(request, "plan/overview.html", context)


@access(CASE_WORK)
def will_add(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(request, pk, Purpose.PLAN)
    form = WillForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.will_record(person=person, user=_user(request), **form.cleaned_data)
        messages.success(request, _("The statement was recorded in the person's words."))
        return redirect("plan:plan", pk=person.pk)
    return render(request, "plan/will_form.html", {"person": person, "form": form})


@access(CASE_WORK)
def goal_add(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(request, pk, Purpose.PLAN)
    form = GoalForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        goal = services.goal_create(person=person, **form.cleaned_data)
        messages.success(request, _("The goal was added. Now fill its resource ladder."))
        return redirect("plan:goal", pk=person.pk, goal_pk=goal.pk)
    return render(request, "plan/goal_form.html", {"person": person, "form": form})


@access(CASE_WORK)
def goal_detail(request: HttpRequest, pk: int, goal_pk: int) -> HttpResponse:
    person = _person(request, pk, Purpose.PLAN)
    goal = _goal(person, goal_pk)
    if request.method == "POST" and request.POST.get("action") == "status":
        return _goal_status(request, goal)
    form = ResourceForm(request.POST or None, person=person)
    if request.method == "POST" and form.is_valid():
        data = {k: v for k, v in form.cleaned_data.items() if k != "goal"}
        try:
            services.resource_add(goal=goal, **data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The entry was added to the ladder."))
            return redirect("plan:goal", pk=person.pk, goal_pk=goal.pk)
    entries = list(goal.resources.select_related("offer", "contact"))
    ladder = [
        {"rung": rung, "label": label, "entries": [e for e in entries if e.rung == rung]}
        for rung, label in RUNGS
    ]
    # Names from the network map only where the scope shows the network map.
    show_contacts = scope_of(person).allows(Purpose.NETWORK_MAP)
    context = {
        "person": person,
        "goal": goal,
        "ladder": ladder,
        "show_contacts": show_contacts,
        "form": form,
        "status_form": GoalStatusForm(instance=goal),
        "referrals": goal.referrals.select_related("offer"),
        "history": history_rows(
            goal.changes.select_related("user"),
            hidden=frozenset() if show_contacts else frozenset({"contact"}),
        ),
    }
    return render(request, "plan/goal.html", context)


def _goal_status(request: HttpRequest, goal: Goal) -> HttpResponse:
    form = GoalStatusForm(request.POST, instance=goal)
    if form.is_valid():
        services.goal_status_set(goal=goal, status=form.cleaned_data["status"])
        messages.success(request, _("The goal's status was changed."))
    else:
        messages.error(request, _("Please choose a status."))
    return redirect("plan:goal", pk=goal.person_id, goal_pk=goal.pk)


# --- Weg-Weisung ---------------------------------------------------------------------------


def _search_form(request: HttpRequest, person: Person) -> PersonSearchForm:
    if "gesucht" in request.GET:
        return PersonSearchForm(request.GET)
    preset = {"radius": str(DEFAULT_RADIUS_M), "needs": list(person.accessibility_needs)}
    return PersonSearchForm(preset)


@access(CASE_WORK)
def referral_search(request: HttpRequest, pk: int, goal_pk: int) -> HttpResponse:
    person = _person(request, pk, Purpose.REFERRAL)
    goal = _goal(person, goal_pk)
    if request.method == "POST":
        return _referral_action(request, person, goal)
    known = KnownAlreadyForm(initial={"known_already": goal.known_already})
    search = _search_form(request, person) if goal.known_already_at else None
    result = offers_for_person(person, search.search()) if search and search.is_valid() else None
    context = {
        "person": person,
        "goal": goal,
        "known_form": known,
        "search_form": search,
        "result": result,
        "referred": set(goal.referrals.values_list("offer_id", flat=True)),
        "suggest_form": SuggestForm(),
        "nothing_form": NothingFoundForm(prefix="nothing"),
        "map": offers_map(
            person, [(hit.offer, hit.place) for hit in result.hits] if result else []
        ),
    }
    return render(request, "plan/referral_search.html", context)


def _referral_action(request: HttpRequest, person: Person, goal: Goal) -> HttpResponse:
    action = request.POST.get("action")
    here = reverse("plan:referral_search", kwargs={"pk": person.pk, "goal_pk": goal.pk})
    if action == "known":
        form: Any = KnownAlreadyForm(request.POST)
        if form.is_valid():
            services.goal_known_already_record(goal=goal, text=form.cleaned_data["known_already"])
            return redirect(here)
        messages.error(request, _("Please write down the answer (or “nothing”)."))
        return redirect(here)
    if action == "suggest":
        form = SuggestForm(request.POST)
        if form.is_valid():
            data = dict(form.cleaned_data)
            offer = get_object_or_404(Offer, pk=data.pop("offer"))
            services.referral_suggest(
                person=person, goal=goal, offer=offer, user=_user(request), **data
            )
            messages.success(request, _("“%(offer)s” was suggested.") % {"offer": offer.name})
            return redirect("plan:goal", pk=person.pk, goal_pk=goal.pk)
    if action == "nothing":
        form = NothingFoundForm(request.POST, prefix="nothing")
        if form.is_valid():
            services.referral_nothing_found(
                person=person, goal=goal, user=_user(request), **form.cleaned_data
            )
            messages.success(request, _("Recorded: nothing found. It counts as planning data."))
            return redirect("plan:goal", pk=person.pk, goal_pk=goal.pk)
    messages.error(request, _("The request could not be understood; please try again."))
    return redirect(here)


@access(CASE_WORK)
def referral_detail(request: HttpRequest, pk: int, referral_pk: int) -> HttpResponse:
    person = _person(request, pk, Purpose.REFERRAL)
    referral = get_object_or_404(
        person.referrals.select_related("offer", "goal", "worker"), pk=referral_pk
    )
    form = ReferralMoveForm(request.POST or None, state=referral.state)
    if request.method == "POST" and form.is_valid():
        try:
            services.referral_move(referral=referral, user=_user(request), **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("The referral was updated."))
            return redirect("plan:referral", pk=person.pk, referral_pk=referral.pk)
    context = {
        "person": person,
        "referral": referral,
        "events": referral.events.select_related("by"),
        "form": form if referral.next_states else None,
        "history": history_rows(
            PlanChange.objects.filter(
                kind=PlanChangeKind.REFERRAL, object_id=referral.pk, person=person
            ).select_related("user")
        ),
    }
    return render(request, "plan/referral.html", context)


# --- Plan: draft, finalising, document -----------------------------------------------------


def _plan(person: Person) -> Plan | None:
    return Plan.objects.filter(person=person).first()


def _current_version(person: Person) -> PlanVersion | None:
    plan = _plan(person)
    if plan is None:
        return None
    return plan.versions.order_by("-number").first()


_PLAN_FORMS = {"step": StepForm, "participant": ParticipantForm, "review": ReviewDateForm}


@access(CASE_WORK)
def plan_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(request, pk, Purpose.PLAN)
    forms: dict[str, Any] = {
        "step": StepForm(person=person, prefix="step"),
        "participant": ParticipantForm(prefix="participant"),
        "review": ReviewDateForm(prefix="review"),
    }
    if request.method == "POST":
        action = request.POST.get("action", "")
        if action.startswith("remove_"):
            _plan_remove(person, action, request.POST.get("item", ""))
            return redirect("plan:plan_edit", pk=person.pk)
        bound = _bound_plan_form(request, person, action)
        if bound is not None and bound.is_valid():
            _plan_save(person, action, bound.cleaned_data)
            messages.success(request, _("The draft of the plan was changed."))
            return redirect("plan:plan_edit", pk=person.pk)
        if bound is not None:
            forms[action] = bound
    version = _current_version(person)
    context = {
        "person": person,
        "version": version,
        "forms": forms,
        "parts": services.social_space_parts(person),
    }
    return render(request, "plan/plan_edit.html", context)


def _bound_plan_form(request: HttpRequest, person: Person, action: str) -> Any:
    form_class = _PLAN_FORMS.get(action)
    if form_class is None:
        return None
    extra = {"person": person} if form_class is StepForm else {}
    return form_class(request.POST, prefix=action, **extra)


def _plan_save(person: Person, action: str, data: dict[str, Any]) -> None:
    if action == "step":
        services.plan_step_add(person=person, **data)
    elif action == "participant":
        services.plan_participant_add(person=person, **data)
    else:
        services.plan_review_date_set(person=person, review_on=data.get("review_on"))


def _plan_remove(person: Person, action: str, item: str) -> None:
    """Removes a step or participant from the draft (a final version never changes)."""
    draft = services.plan_draft(person=person)
    rows = draft.steps if action == "remove_step" else draft.participants
    if item.isdigit():
        rows.filter(pk=int(item)).delete()


@access(CASE_WORK)
def plan_finalise(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(request, pk, Purpose.PLAN)
    error = ""
    if request.method == "POST":
        try:
            version = services.plan_finalise(person=person, user=_user(request))
        except ValidationError as refused:
            error = " ".join(refused.messages)
        else:
            messages.success(
                request,
                _("Version %(number)s of the plan is finalised.") % {"number": version.number},
            )
            return redirect("plan:plan_document", pk=person.pk)
    context = {
        "person": person,
        "parts": services.social_space_parts(person),
        "error": error,
        "version": _current_version(person),
    }
    return render(request, "plan/plan_finalise.html", context, status=400 if error else 200)


def _document_version(request: HttpRequest, person: Person) -> PlanVersion | None:
    """The version asked for by ``?version=``, else the latest final one, else the draft."""
    plan = _plan(person)
    if plan is None:
        return None
    number = request.GET.get("version", "")
    if number.isdigit():
        return get_object_or_404(plan.versions, number=int(number))
    final = plan.versions.filter(status=VersionStatus.FINAL).order_by("-number").first()
    return final or plan.versions.order_by("-number").first()


def _document_shown(
    request: HttpRequest, person: Person
) -> tuple[PlanVersion | None, dict[str, Any]]:
    """The version asked for and its document as the page and the PDF show it: each
    offer's facts once, however often the offer appears."""
    version = _document_version(request, person)
    return version, facts_once(services.plan_document(person=person, version=version))


@access(CASE_WORK)
def plan_document(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(request, pk, Purpose.PLAN)
    version, document = _document_shown(request, person)
    context = {"person": person, "version": version, "document": document, "rungs": dict(RUNGS)}
    return render(request, "plan/document.html", context)


@access(CASE_WORK)
def plan_document_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(request, pk, Purpose.PLAN)
    _version, document = _document_shown(request, person)
    response = HttpResponse(plan_pdf(document), content_type="application/pdf")
    filename = f"plan-{person.pk}-v{document['number']}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- Reviews and self-ratings --------------------------------------------------------------


@access(CASE_WORK)
def review_add(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(request, pk, Purpose.PLAN)
    goals = services.plan_goals(person)
    form = ReviewForm(request.POST or None, goals=goals, areas=_chosen_areas(person))
    if request.method == "POST" and form.is_valid():
        services.review_record(
            person=person,
            held_on=form.cleaned_data["held_on"],
            what_happened=form.what_happened(),
            life_satisfaction=form.cleaned_data["life_satisfaction"],
            participation=form.participation(),
            user=_user(request),
        )
        messages.success(request, _("The review was recorded."))
        return redirect("plan:plan", pk=person.pk)
    return render(request, "plan/review_form.html", {"person": person, "form": form})


@access(CASE_WORK)
def rating_add(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(request, pk, Purpose.PLAN)
    form = SelfRatingForm(request.POST or None, areas=_chosen_areas(person))
    if request.method == "POST" and form.is_valid():
        services.self_rating_record(
            person=person,
            rated_on=form.cleaned_data["rated_on"],
            life_satisfaction=form.cleaned_data["life_satisfaction"],
            participation=form.participation(),
        )
        messages.success(request, _("The self-rating was recorded."))
        return redirect("plan:plan", pk=person.pk)
    return render(request, "plan/rating_form.html", {"person": person, "form": form})


# --- Subjective map ------------------------------------------------------------------------


@access(CASE_WORK)
def personal_map(request: HttpRequest, pk: int) -> HttpResponse:
    person = _person(request, pk, Purpose.PLAN)
    form = PlaceForm(request.POST or None, person=person)
    if request.method == "POST" and form.is_valid():
        services.place_add(person=person, data=form.cleaned_data)
        messages.success(request, _("The place was added to the map."))
        return redirect("plan:personal_map", pk=person.pk)
    rows = subjective_map_rows(person)
    context = {
        "person": person,
        "form": form,
        **rows,
        "map": subjective_map(person, rows),
        "mark_colours": MARK_COLOURS,
        "history": history_rows(
            person.plan_changes.filter(kind=PlanChangeKind.PLACE).select_related("user")
        ),
    }
    return render(request, "plan/personal_map.html", context)


# --- Lists outside one person --------------------------------------------------------------


@access(CASE_WORK)
def follow_ups(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    referrals = list(due_follow_ups(request.user, today=today))
    if referrals:
        access_log_write(
            user=request.user,
            person_ids=sorted({r.person_id for r in referrals}),
            action=AccessAction.VIEW,
            purpose=Purpose.REFERRAL,
            granted=True,
        )
    return render(request, "plan/follow_ups.html", {"referrals": referrals, "today": today})


@access(PROVIDERS)
def provider_referrals(request: HttpRequest) -> HttpResponse:
    referrals: list[Referral] = referrals_for_provider(request.user)
    return render(request, "plan/provider_referrals.html", {"referrals": referrals})
