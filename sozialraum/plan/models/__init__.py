"""Person-centred planning: the person's will, goals in life areas, the resource ladder per
goal, the plan with its versions, reviews with self-ratings, referrals to offers of the
Quartier (Weg-Weisung) and the subjective map.

Writes that touch several rows or carry a rule (finalising a plan, moving a referral on)
go through ``services.py``; pages read a person only through
``casework.access.person_for_user``.

The models live in one module per family (:mod:`.will`, :mod:`.ladder`,
:mod:`.versions`, :mod:`.reviews`, :mod:`.referrals`, :mod:`.places`, :mod:`.changes`);
all belong to the app ``plan`` and are importable from here.
"""

from __future__ import annotations

from .changes import (
    PlanChange,
    PlanChangeAction,
    PlanChangeKind,
)
from .ladder import (
    RUNG_ORDER,
    SOCIAL_SPACE_RUNGS,
    ResourceEntry,
    Rung,
)
from .places import (
    MARK_COLOURS,
    OutOfReachWhy,
    PersonalPlace,
    PlaceMark,
)
from .referrals import (
    REFERRAL_ENDED,
    REFERRAL_NEXT,
    GapReason,
    Referral,
    ReferralEvent,
    ReferralGap,
    ReferralState,
)
from .reviews import (
    AreaRating,
    GoalReview,
    Review,
    SelfRating,
)
from .versions import (
    Plan,
    PlanParticipant,
    PlanStep,
    PlanVersion,
    VersionStatus,
)
from .will import (
    Goal,
    GoalStatus,
    LifeArea,
    WillStatement,
)

__all__ = [
    "MARK_COLOURS",
    "REFERRAL_ENDED",
    "REFERRAL_NEXT",
    "RUNG_ORDER",
    "SOCIAL_SPACE_RUNGS",
    "AreaRating",
    "GapReason",
    "Goal",
    "GoalReview",
    "GoalStatus",
    "LifeArea",
    "OutOfReachWhy",
    "PersonalPlace",
    "PlaceMark",
    "Plan",
    "PlanChange",
    "PlanChangeAction",
    "PlanChangeKind",
    "PlanParticipant",
    "PlanStep",
    "PlanVersion",
    "Referral",
    "ReferralEvent",
    "ReferralGap",
    "ReferralState",
    "ResourceEntry",
    "Review",
    "Rung",
    "SelfRating",
    "VersionStatus",
    "WillStatement",
]
