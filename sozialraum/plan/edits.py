"""Services that change or remove what was added to a plan: ladder entries, places that
matter and referrals. Each change writes a :class:`PlanChange` (who, when, which fields
from what to what); a removal keeps the removed row's content in it.

The caller has read the person through ``casework.access.person_for_user`` for writing
and looked the row up among the person's own.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sozialraum.accounts.models import User

from .history import snapshot
from .models import (
    PersonalPlace,
    PlanChange,
    PlanChangeAction,
    PlanChangeKind,
    Referral,
    ResourceEntry,
)
from .services import _plan_changed

#: The fields a worker edits, per kind (a referral's state moves by ``referral_move``).
RESOURCE_FIELDS = (
    "rung",
    "text",
    "contact",
    "offer",
    "professional_kind",
    "hours_per_month",
    "cost_per_month",
)
PLACE_FIELDS = ("name", "offer", "latitude", "longitude", "mark", "why", "note")
REFERRAL_FIELDS = ("follow_up_on", "do_not_contact", "note_for_provider")


def _update(
    instance: models.Model, fields: tuple[str, ...], data: Mapping[str, Any]
) -> dict[str, list[Any]]:
    """Sets ``data``'s values of ``fields``, validates, saves; returns what changed. The
    values before are read from the database (a bound model form has already set the new
    ones on ``instance``)."""
    before = snapshot(type(instance)._default_manager.get(pk=instance.pk), fields)
    for name in fields:
        if name in data:
            setattr(instance, name, data[name])
    instance.full_clean()
    after = snapshot(instance, fields)
    changed = {name: [before[name], after[name]] for name in fields if before[name] != after[name]}
    if changed:
        instance.save()
    return changed


def _record(
    *,
    kind: str,
    instance: Any,
    goal_id: int | None,
    action: str,
    changes: dict[str, list[Any]],
    user: User,
) -> PlanChange:
    return PlanChange.objects.create(
        kind=kind,
        object_id=instance.pk,
        person_id=instance.person_id
        if kind != PlanChangeKind.RESOURCE
        else instance.goal.person_id,
        goal_id=goal_id,
        action=action,
        changes=changes,
        user=user,
        at=timezone.now(),
    )


def _removal(instance: models.Model, fields: tuple[str, ...]) -> dict[str, list[Any]]:
    return {name: [value, None] for name, value in snapshot(instance, fields).items()}


def resource_entry_update(
    *, entry: ResourceEntry, data: Mapping[str, Any], user: User
) -> ResourceEntry:
    """Changes a ladder entry; a contact must be on the person's own network map."""
    contact = data.get("contact")
    if contact is not None and contact.version.network_map.person_id != entry.goal.person_id:
        raise ValidationError({"contact": _("The contact is not on this person's network map.")})
    with transaction.atomic():
        changes = _update(entry, RESOURCE_FIELDS, data)
        if changes:
            _record(
                kind=PlanChangeKind.RESOURCE,
                instance=entry,
                goal_id=entry.goal_id,
                action=PlanChangeAction.CHANGED,
                changes=changes,
                user=user,
            )
            _plan_changed(entry.goal.person)
    return entry


def resource_entry_remove(*, entry: ResourceEntry, user: User) -> PlanChange:
    with transaction.atomic():
        change = _record(
            kind=PlanChangeKind.RESOURCE,
            instance=entry,
            goal_id=entry.goal_id,
            action=PlanChangeAction.REMOVED,
            changes=_removal(entry, RESOURCE_FIELDS),
            user=user,
        )
        person = entry.goal.person
        entry.delete()
        _plan_changed(person)
    return change


def personal_place_update(
    *, place: PersonalPlace, data: Mapping[str, Any], user: User
) -> PersonalPlace:
    with transaction.atomic():
        changes = _update(place, PLACE_FIELDS, data)
        if changes:
            _record(
                kind=PlanChangeKind.PLACE,
                instance=place,
                goal_id=None,
                action=PlanChangeAction.CHANGED,
                changes=changes,
                user=user,
            )
    return place


def personal_place_remove(*, place: PersonalPlace, user: User) -> PlanChange:
    with transaction.atomic():
        change = _record(
            kind=PlanChangeKind.PLACE,
            instance=place,
            goal_id=None,
            action=PlanChangeAction.REMOVED,
            changes=_removal(place, PLACE_FIELDS),
            user=user,
        )
        place.delete()
    return change


def referral_update(*, referral: Referral, data: Mapping[str, Any], user: User) -> Referral:
    """Changes a referral's follow-up day, contact rule and note for the provider (its
    state moves only by ``referral_move``)."""
    with transaction.atomic():
        changes = _update(referral, REFERRAL_FIELDS, data)
        if changes:
            referral.updated_at = timezone.now()
            referral.save(update_fields=["updated_at"])
            _record(
                kind=PlanChangeKind.REFERRAL,
                instance=referral,
                goal_id=referral.goal_id,
                action=PlanChangeAction.CHANGED,
                changes=changes,
                user=user,
            )
    return referral


def referral_remove(*, referral: Referral, user: User) -> PlanChange:
    """Removes a referral (e.g. recorded by mistake); its steps go with it, its content
    stays in the history. Planning data already recorded stays (it names nobody)."""
    fields = ("offer", "state", "reason", *REFERRAL_FIELDS)
    with transaction.atomic():
        change = _record(
            kind=PlanChangeKind.REFERRAL,
            instance=referral,
            goal_id=referral.goal_id,
            action=PlanChangeAction.REMOVED,
            changes=_removal(referral, fields),
            user=user,
        )
        referral.delete()
    return change
