"""Writes of walks and barriers: recording (routed to its office, the places near it
updated), state changes with their rules, reopening, and the reporter's follow-up."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from sozialraum.districts.lookup import district_at
from sozialraum.districts.models import District

from .models import (
    Barrier,
    BarrierEvent,
    BarrierState,
    FollowUp,
    Office,
    RoutingRule,
    Walk,
)
from .places import places_mark_barrier, places_mark_fixed

#: How long after "fixed" the reporter is asked whether it is.
FOLLOW_UP_AFTER = dt.timedelta(weeks=4)


def _lineage(district: District | None) -> list[District]:
    """The district and its parents, most specific first."""
    chain: list[District] = []
    while district is not None and len(chain) < 10:
        chain.append(district)
        district = district.parent
    return chain


def office_for(*, kind: str, district: District | None) -> Office:
    """The office responsible for a barrier of ``kind`` in ``district``: the rule for the
    district (or the nearest district containing it), else the kind's rule for every
    district, else the fallback office. Raises ValidationError when there is none."""
    chain = _lineage(district)
    rules = RoutingRule.objects.filter(kind=kind).filter(
        Q(district__in=chain) | Q(district__isnull=True)
    )
    ranked = {rule.district_id: rule.office_id for rule in rules}
    for candidate in [*(d.pk for d in chain), None]:
        if candidate in ranked:
            return Office.objects.get(pk=ranked[candidate])
    fallback = Office.objects.filter(is_fallback=True).first()
    if fallback is None:
        raise ValidationError(
            _("No office is responsible and no fallback office is set up."), code="no_office"
        )
    return fallback


def walk_create(*, organiser: Any, **fields: Any) -> Walk:
    """A walk organised by ``organiser`` for one of their organisations."""
    walk = Walk(organiser=organiser, **fields)
    walk.full_clean()
    walk.save()
    return walk


def _barrier_district(walk: Walk | None, lat: float, lon: float) -> District | None:
    found = district_at(lat, lon)
    return found if found is not None else (walk.district if walk else None)


@transaction.atomic
def barrier_record(*, reporter: Any, walk: Walk | None, **fields: Any) -> Barrier:
    """Records a barrier, routes it to its office, and marks the places near it."""
    barrier = Barrier(walk=walk, reporter=reporter, **fields)
    barrier.district = _barrier_district(walk, barrier.latitude, barrier.longitude)
    barrier.office = office_for(kind=barrier.kind, district=barrier.district)
    barrier.full_clean()
    barrier.save()
    BarrierEvent.objects.create(
        barrier=barrier, actor=reporter, state=barrier.state, office=barrier.office
    )
    places_mark_barrier(barrier)
    return barrier


@transaction.atomic
def barrier_transition(*, barrier: Barrier, state: str, actor: Any, note: str = "") -> Barrier:
    """Moves the barrier on (see ``NEXT_STATES``). "Won't fix" needs a reason; "fixed"
    updates the places near it and queues the question to the reporter."""
    barrier = Barrier.objects.select_for_update().get(pk=barrier.pk)
    if state not in barrier.next_states():
        raise ValidationError(
            {"state": _("A barrier cannot go from “%(from)s” to “%(to)s”.")},
            params={"from": barrier.get_state_display(), "to": BarrierState(state).label},
        )
    if state == BarrierState.WONT_FIX and not note.strip():
        raise ValidationError({"note": _("Please give the reason why it will not be fixed.")})
    barrier.state = state
    barrier.state_since = timezone.now()
    barrier.state_reason = note.strip() if state == BarrierState.WONT_FIX else ""
    barrier.save(update_fields=["state", "state_since", "state_reason", "updated_at"])
    BarrierEvent.objects.create(
        barrier=barrier, actor=actor, state=state, office=barrier.office, note=note.strip()
    )
    if state == BarrierState.FIXED:
        places_mark_fixed(barrier)
        if barrier.reporter is not None:
            FollowUp.objects.create(
                barrier=barrier,
                asked=barrier.reporter,
                due_on=timezone.localdate() + FOLLOW_UP_AFTER,
            )
    return barrier


@transaction.atomic
def barrier_reopen(*, barrier: Barrier, actor: Any, note: str) -> Barrier:
    """A fixed (or refused) barrier that still stands: open again, routed afresh to the
    office responsible, the places near it marked again, unanswered questions dropped."""
    barrier = Barrier.objects.select_for_update().get(pk=barrier.pk)
    if barrier.state not in {BarrierState.FIXED, BarrierState.WONT_FIX}:
        raise ValidationError({"note": _("Only a fixed or refused barrier can be reopened.")})
    if not note.strip():
        raise ValidationError({"note": _("Please say what is still in the way.")})
    barrier.office = office_for(kind=barrier.kind, district=barrier.district)
    barrier.state = BarrierState.OPEN
    barrier.state_since = timezone.now()
    barrier.state_reason = ""
    barrier.save(update_fields=["office", "state", "state_since", "state_reason", "updated_at"])
    BarrierEvent.objects.create(
        barrier=barrier,
        actor=actor,
        state=BarrierState.OPEN,
        office=barrier.office,
        note=_("Reopened: %(note)s") % {"note": note.strip()},
    )
    barrier.follow_ups.filter(answered_at__isnull=True).delete()
    places_mark_barrier(barrier)
    return barrier


def follow_ups_queue(*, today: dt.date | None = None) -> list[FollowUp]:
    """Marks the questions whose day has come as queued (once each) and returns them."""
    today = today or timezone.localdate()
    due = list(
        FollowUp.objects.filter(
            due_on__lte=today, queued_at__isnull=True, answered_at__isnull=True
        ).select_related("barrier", "asked")
    )
    now = timezone.now()
    FollowUp.objects.filter(pk__in=[f.pk for f in due]).update(queued_at=now)
    return due


@transaction.atomic
def follow_up_answer(*, follow_up: FollowUp, still_fixed: bool, comment: str) -> FollowUp:
    """The reporter's answer; "no, it is not fixed" reopens the barrier."""
    if follow_up.answered_at is not None:
        raise ValidationError(_("This question has been answered already."))
    follow_up.still_fixed = still_fixed
    follow_up.comment = comment.strip()
    follow_up.answered_at = timezone.now()
    follow_up.save(update_fields=["still_fixed", "comment", "answered_at"])
    if not still_fixed and follow_up.barrier.state == BarrierState.FIXED:
        barrier_reopen(
            barrier=follow_up.barrier,
            actor=follow_up.asked,
            note=follow_up.comment or _("The reporter says it is not fixed."),
        )
    return follow_up
