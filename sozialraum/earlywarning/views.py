"""Early-warning pages: the rules, the user's teams, a team's outreach list, an entry
with its reasons, contacts and dismissal, the concern form, a report and a PRISMA-7
screening on a person, and the quarterly figures.

Entries are read through :func:`~.selectors.entry_for_user` (members of the entry's team
only); persons through :func:`sozialraum.casework.access.person_for_user` with the purpose
early warning (logged); names on the list only as :func:`~.selectors.entry_rows` allows.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sozialraum.accounts.models import Organisation
from sozialraum.accounts.roles import CASE_WORK
from sozialraum.audit.purposes import Purpose
from sozialraum.casework.access import owner_organisation_ids, person_for_user
from sozialraum.lib.access import SIGNED_IN, Role, access, roles

from . import services
from .forms import (
    CaseForm,
    ConcernForm,
    ContactForm,
    DismissForm,
    PersonReportForm,
    QuarterForm,
    ReopenForm,
    ScreeningForm,
)
from .models import PRISMA7_QUESTIONS, Entry, EntryStatus, Outcome, Rule, RuleCode, quarter_of
from .selectors import (
    entry_address_initial,
    entry_for_user,
    entry_rows,
    outreach_list,
    quarterly_figures,
    team_for_user,
    teams_with_open_entries,
    visible_person_ids,
)

#: Who reports a concern: workers, coordinators, providers' editors.
CONCERN_REPORTERS = roles(Role.WORKER, Role.COORDINATOR, Role.PROVIDER_EDITOR, Role.ADMIN)

#: Who reads the quarterly figures (counts only).
FIGURE_READERS = roles(Role.PLANNER, Role.COORDINATOR, Role.WORKER, Role.ADMIN)

#: Entries shown per list page at most (open lists are short; older ones by status).
LIST_LIMIT = 200


def _service_errors(form: BaseForm, error: ValidationError) -> None:
    """A service's validation error shown at the form's named fields."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@access(SIGNED_IN)
def rule_list(request: HttpRequest) -> HttpResponse:
    return render(request, "earlywarning/rules.html", {"rules": Rule.objects.all()})


@access(CASE_WORK)
def team_list(request: HttpRequest) -> HttpResponse:
    teams = teams_with_open_entries(request.user)
    return render(request, "earlywarning/teams.html", {"teams": teams})


@access(CASE_WORK)
def team_outreach(request: HttpRequest, slug: str) -> HttpResponse:
    team = team_for_user(request.user, slug)
    status = request.GET.get("status", EntryStatus.OPEN)
    if status not in EntryStatus.values:
        status = EntryStatus.OPEN
    districts = list(team.districts.only("name", "slug").order_by("name"))
    district = next((d for d in districts if d.slug == request.GET.get("stadtteil")), None)
    entries = list(outreach_list(team, status=status, district=district)[:LIST_LIMIT])
    context = {
        "team": team,
        "rows": entry_rows(request.user, entries),
        "status": status,
        "statuses": EntryStatus.choices,
        "districts": districts,
        "district": district,
    }
    return render(request, "earlywarning/team.html", context)


def _entry_context(request: HttpRequest, entry: Any) -> dict[str, Any]:
    name = None
    if entry.person_id is not None and visible_person_ids(request.user, {entry.person_id}):
        name = person_for_user(request.user, entry.person_id, purpose=Purpose.EARLY_WARNING).name
    return {
        "entry": entry,
        "name": name,
        "signals": entry.signals.select_related("rule").order_by("observed_on", "pk"),
        "contacts": entry.contacts.select_related("next_step_owner"),
        "events": entry.events.select_related("rule", "user"),
        "became_case": services.entry_became_case(entry),
    }


@access(CASE_WORK)
def entry_detail(request: HttpRequest, pk: int) -> HttpResponse:
    entry = entry_for_user(request.user, pk)
    context = _entry_context(request, entry)
    context["contact_form"] = ContactForm(team=entry.team)
    context["dismiss_form"] = DismissForm()
    context["reopen_form"] = ReopenForm()
    return render(request, "earlywarning/entry.html", context)


@access(CASE_WORK)
def contact_create(request: HttpRequest, pk: int) -> HttpResponse:
    entry = entry_for_user(request.user, pk)
    form = ContactForm(request.POST or None, team=entry.team)
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_record(entry=entry, data=form.contact_data(), user=request.user)
        except ValidationError as error:
            _service_errors(form, error)
        else:
            messages.success(request, _("The contact was recorded."))
            if services.entry_became_case(entry):
                return redirect("earlywarning:case", pk=entry.pk)
            return redirect("earlywarning:entry", pk=entry.pk)
    context = {**_entry_context(request, entry), "contact_form": form}
    return render(request, "earlywarning/contact_form.html", context)


def _reason_step(
    request: HttpRequest,
    pk: int,
    *,
    form_class: type[DismissForm | ReopenForm],
    write: Callable[..., Entry],
    done: str,
    template: str,
) -> HttpResponse:
    """A step on an entry that needs a reason (dismissing, reopening): the form, the
    service, the message; after it, the entry's page (or, dismissed, the team's list)."""
    entry = entry_for_user(request.user, pk)
    form = form_class(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            write(entry=entry, reason=form.cleaned_data["reason"], user=request.user)
        except ValidationError as error:
            _service_errors(form, error)
        else:
            messages.success(request, done)
            if entry.is_open:
                return redirect("earlywarning:entry", pk=entry.pk)
            return redirect("earlywarning:team", slug=entry.team.slug)
    context = {**_entry_context(request, entry), "reason_form": form}
    return render(request, template, context)


@access(CASE_WORK)
def entry_dismiss(request: HttpRequest, pk: int) -> HttpResponse:
    done = _("The entry was dismissed; the reason is kept.")
    return _reason_step(request, pk, form_class=DismissForm, write=services.entry_dismiss,
                        done=done, template="earlywarning/dismiss.html")  # fmt: skip


@access(CASE_WORK)
def entry_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    done = _("The entry is open again; the reason is kept.")
    return _reason_step(request, pk, form_class=ReopenForm, write=services.entry_reopen,
                        done=done, template="earlywarning/reopen.html")  # fmt: skip


@access(CASE_WORK)
def case_create(request: HttpRequest, pk: int) -> HttpResponse:
    """The person a concern was about became a case: their record, created for one of
    the worker's organisations, starts from the reported address (and no name)."""
    entry = entry_for_user(request.user, pk)
    organisations = Organisation.objects.filter(pk__in=owner_organisation_ids(request.user))
    if not organisations.exists():
        raise PermissionDenied
    if not services.entry_became_case(entry):
        messages.error(request, _("Only a concern that became a case gets a person's record."))
        return redirect("earlywarning:entry", pk=entry.pk)
    form = CaseForm(
        request.POST or None, organisations=organisations, initial=entry_address_initial(entry)
    )
    if request.method == "POST" and form.is_valid():
        try:
            person = services.entry_case_create(
                entry=entry, organisation=form.cleaned_data["organisation"],
                data=form.person_data(), evidence=form.cleaned_data["evidence"],
                user=request.user,
            )  # fmt: skip
        except ValidationError as error:
            _service_errors(form, error)
        else:
            messages.success(request, _("The person's record was created and linked."))
            return redirect(person)
    return render(request, "earlywarning/case_form.html", {"entry": entry, "form": form})


@access(CONCERN_REPORTERS)
def concern_create(request: HttpRequest) -> HttpResponse:
    form = ConcernForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        assert form.match is not None and form.match.district is not None
        try:
            services.concern_report(
                district=form.match.district,
                address_label=form.match.label,
                reporter=form.cleaned_data["reporter"],
                observations=form.cleaned_data["observations"],
                user=request.user,
            )
        except ValidationError as error:
            _service_errors(form, error)
        else:
            messages.success(
                request, _("Thank you. The district team will look into it (address only).")
            )
            return redirect("earlywarning:concern")
    return render(request, "earlywarning/concern.html", {"form": form})


@access(CASE_WORK)
def person_report(request: HttpRequest, pk: int) -> HttpResponse:
    person = person_for_user(request.user, pk, purpose=Purpose.CASEWORK, write=True)
    teams = services.teams_for_district(person.district) if person.district else None
    form = PersonReportForm(request.POST or None, teams=teams or _no_teams())
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.person_event_report(
                person=person, team=data["team"], event=data["event"], on=data["on"],
                evidence=data["evidence"], user=request.user,
            )  # fmt: skip
        except ValidationError as error:
            _service_errors(form, error)
        else:
            messages.success(request, _("The district team was told."))
            return redirect(person)
    return render(request, "earlywarning/person_report.html", {"form": form, "person": person})


def _no_teams() -> Any:
    from sozialraum.accounts.models import DistrictTeam

    return DistrictTeam.objects.none()


@access(CASE_WORK)
def screening_create(request: HttpRequest, pk: int) -> HttpResponse:
    person = person_for_user(request.user, pk, purpose=Purpose.CASEWORK, write=True)
    form = ScreeningForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        screening = services.screening_record(
            person=person,
            answers=form.answers(),
            held_on=form.cleaned_data["held_on"],
            user=request.user,
        )
        messages.success(
            request, _("PRISMA-7 recorded: score %(score)s of 7.") % {"score": screening.score}
        )
        return redirect(person)
    rule = Rule.objects.filter(code=RuleCode.SCREENING).first()
    context = {"form": form, "person": person, "rule": rule, "questions": PRISMA7_QUESTIONS}
    return render(request, "earlywarning/screening.html", context)


def _rule_titles() -> list[str]:
    """The rules' titles as kept, in the order of the figures' columns."""
    titles = dict(Rule.objects.values_list("code", "title"))
    return [titles.get(code, str(label)) for code, label in RuleCode.choices]


@access(FIGURE_READERS)
def figures(request: HttpRequest) -> HttpResponse:
    year, quarter = quarter_of(timezone.localdate())
    form = QuarterForm(request.GET or {"year": year, "quarter": quarter})
    rows = []
    if form.is_valid():
        year, quarter = form.cleaned_data["year"], form.cleaned_data["quarter"]
        rows = quarterly_figures(year, quarter)
    context = {
        "form": form,
        "rows": rows,
        "year": year,
        "quarter": quarter,
        "rule_titles": _rule_titles(),
        "outcomes": Outcome.choices,
        "api_url": reverse("api:early_warning_figures") + f"?year={year}&quarter={quarter}",
    }
    return render(request, "earlywarning/figures.html", context)
