"""Writes of person-centred planning: will, goals, the resource ladder, the plan with its
versions, reviews and self-ratings, referrals and the subjective map.

Every function takes a person the caller has already read through
``casework.access.person_for_user`` (which checked access and wrote the access log); the
functions here check the domain rules (Kiel's rule for finalising, the referral states)
and validate with ``full_clean`` before saving.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from sozialraum.accounts.models import User
from sozialraum.casework.models import Person
from sozialraum.directory.models import Category, Offer
from sozialraum.networkmap.models import Contact

from .models import (
    RUNG_ORDER,
    SOCIAL_SPACE_RUNGS,
    AreaRating,
    GapReason,
    Goal,
    GoalReview,
    GoalStatus,
    LifeArea,
    PersonalPlace,
    Plan,
    PlanParticipant,
    PlanStep,
    PlanVersion,
    Referral,
    ReferralEvent,
    ReferralGap,
    ReferralState,
    ResourceEntry,
    Review,
    Rung,
    SelfRating,
    VersionStatus,
    WillStatement,
)
from .offer_document import offer_document


def _saved(instance: Any) -> Any:
    instance.full_clean()
    instance.save()
    return instance


def _plan_changed(person: Person) -> None:
    """After a final version, a change to the will, goals or ladders starts a new draft
    (the final version keeps what was agreed)."""
    if Plan.objects.filter(person=person).exists():
        plan_draft(person=person)


#: The nine ICF life areas (code, name, name in plain words), as migration 0101 seeds them.
LIFE_AREAS: tuple[tuple[str, str, str], ...] = (
    ("d1", "Lernen und Wissensanwendung", "Lernen und Wissen nutzen"),
    ("d2", "Allgemeine Aufgaben und Anforderungen", "Den Tag planen und schaffen"),
    ("d3", "Kommunikation", "Sich verständigen"),
    ("d4", "Mobilität", "Unterwegs sein und sich bewegen"),
    ("d5", "Selbstversorgung", "Für sich selbst sorgen"),
    ("d6", "Häusliches Leben", "Wohnen und Haushalt"),
    ("d7", "Interpersonelle Interaktionen und Beziehungen", "Beziehungen zu anderen Menschen"),
    ("d8", "Bedeutende Lebensbereiche", "Arbeit, Schule, Geld"),
    ("d9", "Gemeinschafts-, soziales und staatsbürgerliches Leben", "Freizeit und Gemeinschaft"),
)


def life_areas_ensure() -> int:
    """Creates the life areas that are missing (e.g. after a test flush); returns how many.
    Idempotent; existing rows are left as they are."""
    existing = set(LifeArea.objects.values_list("code", flat=True))
    missing = [
        LifeArea(code=c, name=n, plain_name=p) for c, n, p in LIFE_AREAS if c not in existing
    ]
    LifeArea.objects.bulk_create(missing)
    return len(missing)


# --- Will, goals, ladder -------------------------------------------------------------------


def will_record(*, person: Person, text: str, said_on: dt.date, user: User) -> WillStatement:
    """Keeps the person's words verbatim."""
    statement = _saved(WillStatement(person=person, text=text, said_on=said_on, recorded_by=user))
    _plan_changed(person)
    return statement


def goal_create(*, person: Person, life_area: LifeArea, text: str, how_to_know: str) -> Goal:
    goal = _saved(Goal(person=person, life_area=life_area, text=text, how_to_know=how_to_know))
    _plan_changed(person)
    return goal


def goal_status_set(*, goal: Goal, status: str) -> Goal:
    """Marks a goal as being worked on, reached or no longer wanted (a goal no longer
    wanted leaves the plan's next version)."""
    goal.status = status
    goal.full_clean()
    goal.save(update_fields=["status"])
    _plan_changed(goal.person)
    return goal


def goal_known_already_record(*, goal: Goal, text: str) -> Goal:
    """Records the answer to "Is there something you already know?" (also "nothing")."""
    goal.known_already = text.strip()
    goal.known_already_at = timezone.now()
    goal.save(update_fields=["known_already", "known_already_at"])
    return goal


def resource_add(
    *,
    goal: Goal,
    rung: str,
    text: str,
    offer: Offer | None = None,
    contact: Contact | None = None,
    professional_kind: str = "",
    hours_per_month: Decimal | None = None,
    cost_per_month: Decimal | None = None,
) -> ResourceEntry:
    """Adds an entry on ``goal``'s ladder. A network entry may name a contact of the
    person's network map, a Quartier entry an offer of the directory."""
    entry = ResourceEntry(
        goal=goal,
        rung=rung,
        text=text,
        offer=offer,
        contact=contact,
        professional_kind=professional_kind,
        hours_per_month=hours_per_month,
        cost_per_month=cost_per_month,
    )
    if contact is not None and contact.version.network_map.person_id != goal.person_id:
        raise ValidationError({"contact": _("The contact is not on this person's network map.")})
    _saved(entry)
    _plan_changed(goal.person)
    return entry


# --- Plan ----------------------------------------------------------------------------------


def plan_draft(*, person: Person) -> PlanVersion:
    """The plan's draft, made if there is none: a new plan starts with version 1; after
    a final version, the new draft starts as a copy of it (steps, participants, review
    date), so a change never touches what was agreed."""
    with transaction.atomic():
        plan, _created = Plan.objects.select_for_update().get_or_create(person=person)
        draft = plan.versions.filter(status=VersionStatus.DRAFT).first()
        if draft is not None:
            return draft
        latest = plan.versions.order_by("-number").first()
        draft = PlanVersion.objects.create(
            plan=plan,
            number=(latest.number + 1) if latest else 1,
            review_on=latest.review_on if latest else None,
        )
        if latest is not None:
            _copy_contents(latest, draft)
        return draft


def _copy_contents(source: PlanVersion, target: PlanVersion) -> None:
    PlanStep.objects.bulk_create(
        PlanStep(version=target, goal_id=s.goal_id, what=s.what, who=s.who, due_on=s.due_on)
        for s in source.steps.all()
    )
    PlanParticipant.objects.bulk_create(
        PlanParticipant(version=target, name=p.name, role=p.role) for p in source.participants.all()
    )


def plan_step_add(
    *, person: Person, what: str, who: str, due_on: dt.date, goal: Goal | None = None
) -> PlanStep:
    return _saved(
        PlanStep(version=plan_draft(person=person), goal=goal, what=what, who=who, due_on=due_on)
    )


def plan_participant_add(*, person: Person, name: str, role: str = "") -> PlanParticipant:
    return _saved(PlanParticipant(version=plan_draft(person=person), name=name, role=role))


def plan_review_date_set(*, person: Person, review_on: dt.date | None) -> PlanVersion:
    draft = plan_draft(person=person)
    draft.review_on = review_on
    draft.save(update_fields=["review_on"])
    return draft


#: The goal's ways to its offers, and what the plan tells about each offer.
OFFER_PATHS = ("resources__offer", "referrals__offer")
OFFER_RELATED = ("", "__provider", "__places__district", "__cost_options")


def plan_goals(person: Person) -> list[Goal]:
    """The goals a plan holds: every goal not given up, oldest first."""
    return list(
        person.goals.exclude(status=GoalStatus.DROPPED)
        .select_related("life_area")
        .prefetch_related(
            *(f"{path}{related}" for path in OFFER_PATHS for related in OFFER_RELATED),
            "resources__contact",
        )
        .order_by("created_at", "pk")
    )


def social_space_parts(person: Person) -> list[str]:
    """The plan's social-space parts, one line each: ladder entries on the network or
    Quartier rung (an offer, a network contact or a neighbourhood resource) and referrals
    to offers that have not ended."""
    goals = plan_goals(person)
    parts = [
        f"{entry.get_rung_display()}: {entry.text}"
        for goal in goals
        for entry in goal.resources.all()
        if entry.rung in SOCIAL_SPACE_RUNGS
    ]
    referrals = Referral.objects.filter(
        goal__in=goals,
        offer__isnull=False,
        state__in=[
            ReferralState.SUGGESTED,
            ReferralState.CONTACTED,
            ReferralState.FIRST_VISIT,
            ReferralState.IN_USE,
        ],
    ).select_related("offer")
    parts.extend(_("Referral: %(offer)s") % {"offer": r.offer} for r in referrals)
    return parts


def plan_finalise(*, person: Person, user: User) -> PlanVersion:
    """Freezes the draft as the agreed version. Refused (ValidationError) without a
    social-space part: Kiel's rule that every individual plan uses the Quartier."""
    with transaction.atomic():
        draft = plan_draft(person=person)
        if not social_space_parts(person):
            raise ValidationError(
                _(
                    "The plan cannot be finalised yet: it has no social-space part. Add at "
                    "least one offer of the Quartier, a person of the network or a "
                    "neighbourhood resource to a goal's resource ladder, or refer to an offer."
                ),
                code="no_social_space_part",
            )
        if not plan_goals(person):
            raise ValidationError(_("The plan cannot be finalised without a goal."), code="no_goal")
        draft.status = VersionStatus.FINAL
        draft.finalised_at = timezone.now()
        draft.finalised_by = user
        draft.document = plan_document(person=person, version=draft)
        draft.save()
        return draft


def plan_document(*, person: Person, version: PlanVersion | None) -> dict[str, Any]:
    """The whole plan in plain data, as the printable page and the PDF show it. A final
    version returns what was frozen when it was finalised; a draft (or None: no plan yet)
    is built from the current will, goals and ladders."""
    if version is not None and version.is_final and version.document:
        return dict(version.document)
    will = person.will_statements.order_by("said_on", "recorded_at")
    steps = version.steps.select_related("goal") if version else []
    participants = version.participants.all() if version else []
    return {
        "person": str(person),
        "number": version.number if version else 1,
        "status": VersionStatus.FINAL if version and version.is_final else VersionStatus.DRAFT,
        "finalised_at": timezone.localtime(version.finalised_at).isoformat()
        if version and version.finalised_at
        else None,
        "review_on": version.review_on.isoformat() if version and version.review_on else None,
        "will": [{"said_on": w.said_on.isoformat(), "text": w.text} for w in will],
        "goals": [_goal_document(goal) for goal in plan_goals(person)],
        "steps": [
            {
                "what": s.what,
                "who": s.who,
                "due_on": s.due_on.isoformat(),
                "goal": s.goal.text if s.goal else "",
            }
            for s in steps
        ],
        "participants": [{"name": p.name, "role": p.role} for p in participants],
    }


def _goal_document(goal: Goal) -> dict[str, Any]:
    entries = list(goal.resources.all())
    rungs: dict[str, list[dict[str, Any]]] = {
        rung: [_entry_document(e) for e in entries if e.rung == rung] for rung in RUNG_ORDER
    }
    # Referrals that have not ended are the Quartier's part too.
    for referral in goal.referrals.all():
        if referral.offer is not None and not referral.is_ended:
            detail = _("referral: %(state)s") % {"state": referral.get_state_display()}
            rungs[Rung.QUARTIER].append(
                {
                    "text": referral.offer.name,
                    "detail": detail,
                    "offer": offer_document(referral.offer),
                }
            )
    ladder = [{"rung": rung, "entries": rungs[rung]} for rung in RUNG_ORDER]
    return {
        "text": goal.text,
        "life_area": goal.life_area.plain_name,
        "how_to_know": goal.how_to_know,
        "ladder": ladder,
    }


def _entry_document(entry: ResourceEntry) -> dict[str, Any]:
    details = []
    if entry.offer is not None:
        details.append(_("offer: %(name)s") % {"name": entry.offer.name})
    if entry.contact is not None:
        details.append(_("contact: %(name)s") % {"name": entry.contact.name})
    if entry.professional_kind:
        details.append(entry.professional_kind)
    if entry.hours_per_month is not None:
        details.append(_("%(hours)s hours a month") % {"hours": entry.hours_per_month})
    if entry.cost_per_month is not None:
        details.append(_("%(cost)s EUR a month") % {"cost": entry.cost_per_month})
    document: dict[str, Any] = {"text": entry.text, "detail": ", ".join(details)}
    if entry.offer is not None:
        document["offer"] = offer_document(entry.offer)
    return document


# --- Reviews and self-ratings --------------------------------------------------------------


def self_rating_record(
    *,
    person: Person,
    rated_on: dt.date,
    life_satisfaction: int,
    participation: Mapping[LifeArea, int],
    review: Review | None = None,
) -> SelfRating:
    """Records the person's two self-ratings of one day (at the start: ``review`` None)."""
    with transaction.atomic():
        rating = _saved(
            SelfRating(
                person=person, review=review, rated_on=rated_on, life_satisfaction=life_satisfaction
            )
        )
        for area, value in participation.items():
            _saved(AreaRating(rating=rating, life_area=area, participation=value))
        return rating


def review_record(
    *,
    person: Person,
    held_on: dt.date,
    what_happened: Mapping[Goal, str],
    life_satisfaction: int,
    participation: Mapping[LifeArea, int],
    user: User,
) -> Review:
    """A review: what happened per goal (goals left empty are skipped) and the
    self-ratings of the day."""
    with transaction.atomic():
        review = _saved(Review(person=person, held_on=held_on, created_by=user))
        for goal, text in what_happened.items():
            if text.strip():
                _saved(GoalReview(review=review, goal=goal, what_happened=text))
        self_rating_record(
            person=person,
            rated_on=held_on,
            life_satisfaction=life_satisfaction,
            participation=participation,
            review=review,
        )
        return review


# --- Referrals -----------------------------------------------------------------------------


def referral_suggest(
    *,
    person: Person,
    goal: Goal,
    offer: Offer,
    user: User,
    follow_up_on: dt.date | None = None,
    do_not_contact: bool = False,
    note_for_provider: str = "",
) -> Referral:
    """Suggests ``offer`` for ``goal``; the first follow-up defaults to a week ahead."""
    with transaction.atomic():
        referral = _saved(
            Referral(
                person=person,
                goal=goal,
                offer=offer,
                worker=user,
                follow_up_on=follow_up_on or timezone.localdate() + dt.timedelta(days=7),
                do_not_contact=do_not_contact,
                note_for_provider=note_for_provider,
            )
        )
        ReferralEvent.objects.create(referral=referral, state=referral.state, by=user)
        return referral


def referral_nothing_found(
    *, person: Person, goal: Goal, user: User, reason: str, category: Category | None = None
) -> Referral:
    """Records that the search for ``goal`` found nothing that fits, and the anonymous
    planning record of it."""
    with transaction.atomic():
        referral = _saved(
            Referral(
                person=person,
                goal=goal,
                worker=user,
                reason=reason,
                state=ReferralState.NOTHING_FOUND,
                follow_up_on=None,
            )
        )
        ReferralEvent.objects.create(referral=referral, state=referral.state, by=user)
        referral_gap_record(referral=referral, category=category)
        return referral


def referral_move(
    *,
    referral: Referral,
    state: str,
    user: User,
    reason: str = "",
    follow_up_on: dt.date | None = None,
) -> Referral:
    """Moves a referral on (see ``REFERRAL_NEXT``); ending it "not suitable" needs a
    reason and records the anonymous planning data. Raises ValidationError naming the
    field for a move that is not allowed."""
    if state not in referral.next_states:
        raise ValidationError(
            {
                "state": _("A referral in state “%(from)s” cannot move to “%(to)s”.")
                % {"from": referral.get_state_display(), "to": ReferralState(state).label}
            }
        )
    if state == ReferralState.NOT_SUITABLE and reason not in GapReason.values:
        raise ValidationError({"reason": _("Please give the reason why it is not suitable.")})
    with transaction.atomic():
        referral.state = state
        referral.reason = reason if state == ReferralState.NOT_SUITABLE else referral.reason
        referral.follow_up_on = None if referral.is_ended else follow_up_on
        referral.updated_at = timezone.now()
        _saved(referral)
        ReferralEvent.objects.create(referral=referral, state=state, by=user)
        if referral.is_ended:
            referral_gap_record(referral=referral)
        return referral


def referral_gap_record(*, referral: Referral, category: Category | None = None) -> ReferralGap:
    """The anonymous planning record of an ended referral: district, category, life area,
    outcome, reason and month; nothing that identifies the person."""
    if category is None and referral.offer is not None:
        category = referral.offer.categories.order_by("pk").first()
    today = timezone.localdate()
    return ReferralGap.objects.create(
        district=referral.person.district,
        category=category,
        life_area=referral.goal.life_area.code,
        outcome=referral.state,
        reason=referral.reason or GapReason.OTHER,
        month=today.replace(day=1),
    )


# --- Subjective map ------------------------------------------------------------------------


def place_add(*, person: Person, data: Mapping[str, Any]) -> PersonalPlace:
    """Adds a place that matters; an offer without a name lends the place its name."""
    values = dict(data)
    offer = values.get("offer")
    if offer is not None and not values.get("name"):
        values["name"] = offer.name
    return _saved(PersonalPlace(person=person, **values))
