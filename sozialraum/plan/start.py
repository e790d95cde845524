"""The plan's sections of the start page: a worker's due follow-ups and reviews coming
up, and the referrals shared with a provider editor's organisations.

Registered in :class:`~.apps.PlanConfig`. Every person shown is logged under the purpose it
is shown for.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from sozialraum.accounts.start import StartSection, start_section_register
from sozialraum.audit.models import AccessAction
from sozialraum.audit.purposes import Purpose
from sozialraum.audit.services import access_log_write
from sozialraum.casework.selectors import persons_for_user
from sozialraum.lib.access import Role, roles

from .models import PlanVersion, Review
from .selectors import due_follow_ups, referrals_for_provider

#: How many entries each list shows (the rest behind the full pages).
SHOWN = 8

#: How far ahead a review date counts as "coming up".
REVIEWS_AHEAD = dt.timedelta(days=14)


def reviews_coming_up(user: Any, *, today: dt.date | None = None) -> QuerySet[PlanVersion]:
    """The current plan versions of persons ``user`` may see whose review date is at most
    :data:`REVIEWS_AHEAD` away (or has passed) and for which no review was held since
    that date, soonest first."""
    today = today or timezone.localdate()
    newer = PlanVersion.objects.filter(plan=OuterRef("plan"), number__gt=OuterRef("number"))
    held = Review.objects.filter(
        person=OuterRef("plan__person"), held_on__gte=OuterRef("review_on")
    )
    return (
        PlanVersion.objects.filter(
            plan__person__in=persons_for_user(user), review_on__lte=today + REVIEWS_AHEAD
        )
        .exclude(Exists(newer))
        .exclude(Exists(held))
        .select_related("plan__person")
        .order_by("review_on", "pk")
    )


def _log_shown(user: Any, person_ids: set[int], purpose: str) -> None:
    if person_ids:
        access_log_write(
            user=user,
            person_ids=sorted(person_ids),
            action=AccessAction.LIST,
            purpose=purpose,
            granted=True,
        )


def _work_due(request: HttpRequest) -> dict[str, Any]:
    today = timezone.localdate()
    follow_ups = list(due_follow_ups(request.user, today=today)[:SHOWN])
    reviews = list(reviews_coming_up(request.user, today=today)[:SHOWN])
    _log_shown(request.user, {r.person_id for r in follow_ups}, Purpose.REFERRAL)
    _log_shown(request.user, {v.plan.person_id for v in reviews}, Purpose.PLAN)
    return {"follow_ups": follow_ups, "reviews": reviews, "today": today}


def _provider_referrals(request: HttpRequest) -> dict[str, Any]:
    referrals = referrals_for_provider(request.user)
    return {"referrals": referrals[:SHOWN], "total": len(referrals)}


def register() -> None:
    start_section_register(
        StartSection(
            key="work_due",
            title=_("Due follow-ups and reviews"),
            template="plan/start/work_due.html",
            audience=roles(Role.WORKER, Role.COORDINATOR),
            order=5,
            context=_work_due,
        )
    )
    start_section_register(
        StartSection(
            key="provider_referrals",
            title=_("Referrals to our offers"),
            template="plan/start/provider_referrals.html",
            audience=roles(Role.PROVIDER_EDITOR),
            order=25,
            context=_provider_referrals,
        )
    )
