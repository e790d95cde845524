"""The plan's part of the person's Art. 15 export: will, goals, ladder, plan versions
with steps and participants, reviews, self-ratings, referrals and places that matter.
Registered with :func:`sozialraum.casework.export.export_register` (by ``PlanConfig.ready``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from sozialraum.audit.purposes import Purpose
from sozialraum.casework.export import ExportSection, export_register
from sozialraum.casework.models import Person

from .models import (
    AreaRating,
    Goal,
    GoalReview,
    PersonalPlace,
    PlanParticipant,
    PlanStep,
    PlanVersion,
    Referral,
    ReferralEvent,
    ResourceEntry,
    WillStatement,
)


def _value(row: Model, name: str) -> Any:
    display = getattr(row, f"get_{name}_display", None)
    if display is not None:
        return display()
    value = getattr(row, name)
    return str(value) if isinstance(value, Model) else value


def _section(
    key: str, title: Any, model: type[Model], names: list[str], rows: Iterable[Model]
) -> ExportSection:
    labels = {
        f.name: f.verbose_name for f in model._meta.get_fields() if hasattr(f, "verbose_name")
    }
    return ExportSection(
        key=key,
        title=title,
        fields=[(name, labels.get(name, name)) for name in names],
        records=[{name: _value(row, name) for name in names} for row in rows],
    )


def plan_export(person: Person) -> list[ExportSection]:
    """Every record of person-centred planning about ``person``."""
    goals = person.goals.select_related("life_area")
    versions = PlanVersion.objects.filter(plan__person=person)
    return [
        _section(
            "will",
            _("Will in the person's own words"),
            WillStatement,
            ["said_on", "text"],
            person.will_statements.order_by("said_on"),
        ),
        _section(
            "goals",
            _("Goals"),
            Goal,
            ["life_area", "text", "how_to_know", "status", "known_already", "created_at"],
            goals,
        ),
        _section(
            "resources",
            _("Resource ladder"),
            ResourceEntry,
            [
                "goal",
                "rung",
                "text",
                "offer",
                "contact",
                "professional_kind",
                "hours_per_month",
                "cost_per_month",
            ],
            ResourceEntry.objects.filter(goal__person=person).select_related(
                "goal", "offer", "contact"
            ),
        ),
        _section(
            "plan_versions",
            _("Plan versions"),
            PlanVersion,
            ["number", "status", "review_on", "finalised_at"],
            versions,
        ),
        _section(
            "plan_steps",
            _("Agreed steps"),
            PlanStep,
            ["version", "what", "who", "due_on"],
            PlanStep.objects.filter(version__in=versions).select_related("version__plan__person"),
        ),
        _section(
            "plan_participants",
            _("Participants of the plan conference"),
            PlanParticipant,
            ["version", "name", "role"],
            PlanParticipant.objects.filter(version__in=versions).select_related(
                "version__plan__person"
            ),
        ),
        _section(
            "reviews",
            _("Reviews"),
            GoalReview,
            ["review", "goal", "what_happened"],
            GoalReview.objects.filter(review__person=person).select_related("review", "goal"),
        ),
        _section(
            "self_ratings",
            _("Self-ratings"),
            AreaRating,
            ["rating", "life_area", "participation"],
            AreaRating.objects.filter(rating__person=person).select_related("rating", "life_area"),
        ),
        _life_satisfaction(person),
        _section(
            "referrals",
            _("Referrals"),
            Referral,
            [
                "goal",
                "offer",
                "state",
                "reason",
                "follow_up_on",
                "do_not_contact",
                "note_for_provider",
                "created_at",
            ],
            person.referrals.select_related("goal", "offer"),
        ),
        _section(
            "referral_steps",
            _("Referral steps"),
            ReferralEvent,
            ["referral", "state", "at"],
            ReferralEvent.objects.filter(referral__person=person).select_related("referral__offer"),
        ),
        _section(
            "places",
            _("Places that matter"),
            PersonalPlace,
            ["name", "offer", "latitude", "longitude", "mark", "why", "note"],
            person.places.select_related("offer"),
        ),
    ]


def _life_satisfaction(person: Person) -> ExportSection:
    ratings = person.self_ratings.order_by("rated_on")
    return ExportSection(
        key="life_satisfaction",
        title=_("Life satisfaction"),
        fields=[("rated_on", _("rated on")), ("life_satisfaction", _("life satisfaction (0-10)"))],
        records=[
            {"rated_on": r.rated_on, "life_satisfaction": r.life_satisfaction} for r in ratings
        ],
    )


def register() -> None:
    export_register("plan", plan_export, purpose=Purpose.PLAN)
