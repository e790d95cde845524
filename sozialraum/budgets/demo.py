"""The demo's pooled budgets in Flensburg, fictional and marked: four providers with a
budget in the Nordstadt for 2025 and 2026, bookings on their offers, on work beyond the
case and on individual cases, and the city's target share. Idempotent: nothing is added
when a demo budget is there. Needs the demo organisations (and their offers, if loaded)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import transaction

from sozialraum.accounts.models import Organisation
from sozialraum.directory.models import Offer
from sozialraum.districts.models import District

from .models import Booking, Budget, ShareTarget, SpendingKind

DISTRICT = "flensburg-nordstadt"
#: provider slug, budget per year, (share on offers, on work beyond the case, on cases)
PROVIDERS = (
    ("wohlfahrt-nord", "48000", ("0.30", "0.25", "0.35")),
    ("nachbarschaftsverein-nordstadt", "21000", ("0.45", "0.30", "0.10")),
    ("muerwik-hilft", "9000", ("0.40", "0.40", "0.05")),
    ("stadt-flensburg-soziales", "36000", ("0.10", "0.20", "0.60")),
)
YEARS = (2025, 2026)
TARGETS = {2025: Decimal("50"), 2026: Decimal("60")}


def demo_budgets_load() -> list[str]:
    if Budget.objects.filter(district__slug=DISTRICT).exists():
        return ["budgets: demo budgets already there, left as they are"]
    district = District.objects.filter(slug=DISTRICT).first()
    providers = Organisation.objects.in_bulk([slug for slug, *_r in PROVIDERS], field_name="slug")
    if district is None or len(providers) < len(PROVIDERS):
        return ["budgets: the demo district or organisations are missing, no budgets"]
    bookings = 0
    with transaction.atomic():
        for year in YEARS:
            ShareTarget.objects.get_or_create(year=year, defaults={"share_percent": TARGETS[year]})
            for index, (slug, amount, shares) in enumerate(PROVIDERS):
                budget = Budget.objects.create(
                    provider=providers[slug], district=district, year=year, amount=Decimal(amount)
                )
                bookings += _bookings(budget, shares, index)
    return [
        f"budgets: {len(PROVIDERS) * len(YEARS)} demo budgets with {bookings} bookings (fiktiv)"
    ]


def _bookings(budget: Budget, shares: tuple[str, str, str], index: int) -> int:
    """A quarter's bookings of each kind (an offer booking only for a provider with offers);
    2026 only up to the third quarter."""
    offer = Offer.objects.filter(provider=budget.provider).order_by("pk").first()
    quarters = 3 if budget.year == 2026 else 4
    made = 0
    for quarter in range(1, quarters + 1):
        day = dt.date(budget.year, 3 * quarter - 1, 10 + index)
        for kind, share in zip(SpendingKind, shares, strict=True):
            if kind == SpendingKind.OFFER and offer is None:
                continue
            amount = (budget.amount * Decimal(share) / 4).quantize(Decimal("0.01"))
            Booking.objects.create(
                budget=budget,
                reference=f"DEMO-{budget.year}-{quarter}-{kind}",
                booked_on=day,
                kind=kind,
                amount=amount,
                offer=offer if kind == SpendingKind.OFFER else None,
                hours=(amount / 55).quantize(Decimal("0.01"))
                if kind == SpendingKind.NON_CASE
                else None,
                note="Demo (fiktiv)",
            )
            made += 1
    return made
