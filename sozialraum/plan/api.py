"""Plan API (mounted at ``/api/v1/plans/``): a person's plan as its document, their
referrals, and the caller's due follow-ups. Reads go through ``person_for_user`` with the
purpose plan or referral, like the pages; the follow-up list logs each person it returns.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.errors import HttpError

from sozialraum.accounts.roles import CASE_WORK
from sozialraum.audit.models import AccessAction
from sozialraum.audit.purposes import Purpose
from sozialraum.audit.services import access_log_write
from sozialraum.casework.access import person_for_user
from sozialraum.casework.models import Person
from sozialraum.lib.access import api_access

from .models import Plan, Referral, VersionStatus
from .selectors import due_follow_ups
from .services import plan_document

router = Router()


class PlanVersionOut(Schema):
    number: int
    status: str
    review_on: dt.date | None
    finalised_at: dt.datetime | None


class PlanOut(Schema):
    person_id: int
    versions: list[PlanVersionOut]
    document: dict[str, Any] = Field(
        description="The latest final version as it was agreed, else the draft: will, goals "
        "with their resource ladders, agreed steps, participants."
    )


class ReferralOut(Schema):
    id: int
    person_id: int
    goal: str
    offer_id: int | None
    offer: str | None
    state: str
    reason: str
    follow_up_on: dt.date | None
    do_not_contact: bool


def _read(request: HttpRequest, person_id: int, purpose: str) -> Person:
    try:
        return person_for_user(request.user, person_id, purpose=purpose)
    except PermissionDenied as error:
        raise HttpError(403, "You may not see this person for this purpose.") from error


def _referral(referral: Referral) -> dict[str, Any]:
    return {
        "id": referral.pk,
        "person_id": referral.person_id,
        "goal": referral.goal.text,
        "offer_id": referral.offer_id,
        "offer": referral.offer.name if referral.offer else None,
        "state": referral.state,
        "reason": referral.reason,
        "follow_up_on": referral.follow_up_on,
        "do_not_contact": referral.do_not_contact,
    }


@router.get("/referrals/due", response=list[ReferralOut], **api_access(CASE_WORK))
def due_follow_ups_endpoint(request: HttpRequest) -> list[dict[str, Any]]:
    """The caller's running referrals whose follow-up date has come."""
    referrals = list(due_follow_ups(request.user))
    if referrals:
        person_ids = sorted({r.person_id for r in referrals})
        access_log_write(
            user=request.user,
            person_ids=person_ids,
            action=AccessAction.VIEW,
            purpose=Purpose.REFERRAL,
            granted=True,
        )
    return [_referral(referral) for referral in referrals]


@router.get("/{id:person_id}", response=PlanOut, **api_access(CASE_WORK))
def plan_endpoint(request: HttpRequest, person_id: int) -> dict[str, Any]:
    """The person's plan (purpose plan)."""
    person = _read(request, person_id, Purpose.PLAN)
    plan = Plan.objects.filter(person=person).first()
    versions = list(plan.versions.order_by("number")) if plan else []
    finals = [v for v in versions if v.status == VersionStatus.FINAL]
    shown = finals[-1] if finals else (versions[-1] if versions else None)
    return {
        "person_id": person.pk,
        "versions": versions,
        "document": plan_document(person=person, version=shown),
    }


@router.get("/{id:person_id}/referrals", response=list[ReferralOut], **api_access(CASE_WORK))
def referrals_endpoint(request: HttpRequest, person_id: int) -> list[dict[str, Any]]:
    """The person's referrals, newest first (purpose referral)."""
    person = _read(request, person_id, Purpose.REFERRAL)
    return [_referral(r) for r in person.referrals.select_related("goal", "offer")]
