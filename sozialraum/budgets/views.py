"""Pages of pooled budgets: the planner's overview (target, shares by district and year,
every budget with what is spent), the provider's own budgets with bookings, and the
bookings as CSV."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from sozialraum.lib.access import access
from sozialraum.lib.forms import form_status

from . import selectors, services
from .access import BOOKINGS_READERS, PLANNING, PROVIDERS, bookings_for, budgets_for_provider
from .forms import BookingForm, BudgetForm, TargetForm
from .models import FIRST_YEAR, LAST_YEAR, Booking, Budget

#: Bookings listed on the provider's page (newest first); the CSV has all.
BOOKINGS_SHOWN = 50


def _year(request: HttpRequest) -> int:
    text = request.GET.get("jahr", "")
    if text.isdigit() and FIRST_YEAR <= int(text) <= LAST_YEAR:
        return int(text)
    return timezone.localdate().year


@access(PLANNING)
def overview(request: HttpRequest) -> HttpResponse:
    year = _year(request)
    targets = selectors.targets()
    action = request.POST.get("action") if request.method == "POST" else None
    budget_form = BudgetForm(
        request.POST if action == "budget" else None, initial={"year": year}, prefix="budget"
    )
    target_form = TargetForm(
        request.POST if action == "target" else None,
        initial={"year": year, "share_percent": targets.get(year)},
        prefix="target",
    )
    if action == "budget" and budget_form.is_valid():
        budget = services.budget_set(**budget_form.cleaned_data)
        return redirect(f"{reverse('budgets:overview')}?jahr={budget.year}")
    if action == "target" and target_form.is_valid():
        target = services.target_set(**target_form.cleaned_data)
        return redirect(f"{reverse('budgets:overview')}?jahr={target.year}")
    context = {
        "year": year,
        "years": sorted({*selectors.years_booked(), year}, reverse=True),
        "target": targets.get(year),
        "targets": targets,
        "districts": selectors.shares_by_district(year),
        "by_year": selectors.shares_by_year(goals=targets),
        "lines": selectors.budget_lines(Budget.objects.filter(year=year)),
        "budget_form": budget_form,
        "target_form": target_form,
    }
    return render(
        request, "budgets/overview.html", context, status=form_status(budget_form, target_form)
    )


@access(PROVIDERS)
def provider(request: HttpRequest) -> HttpResponse:
    budgets = budgets_for_provider(request.user)
    form = BookingForm(request.POST or None, budgets=budgets)
    if request.method == "POST" and form.is_valid():
        try:
            services.booking_record(form.instance, user=request.user)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            return redirect("budgets:provider")
    bookings = (
        Booking.objects.filter(budget__in=budgets)
        .select_related("budget__provider", "budget__district", "offer")
        .only(
            "reference", "booked_on", "kind", "amount", "hours", "note",
            "budget__year", "budget__provider__name", "budget__district__name", "offer__name",
        )[:BOOKINGS_SHOWN]
    )  # fmt: skip
    context = {
        "lines": selectors.budget_lines(budgets),
        "bookings": list(bookings),
        "form": form,
        "shown": BOOKINGS_SHOWN,
    }
    return render(request, "budgets/provider.html", context, status=form_status(form))


@access(BOOKINGS_READERS)
def bookings_csv(request: HttpRequest) -> HttpResponse:
    """The bookings of a year (``?jahr=``) the user may read, as the import takes them."""
    year = _year(request)
    bookings = (
        bookings_for(request.user)
        .filter(budget__year=year)
        .select_related("budget__provider", "budget__district")
        .order_by("booked_on", "pk")
    )
    response = HttpResponse(services.bookings_csv(bookings), content_type="text/csv; charset=utf-8")
    name = _("bookings")
    response["Content-Disposition"] = f'attachment; filename="{name}-{year}.csv"'
    return response
