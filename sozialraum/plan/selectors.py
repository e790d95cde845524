"""Reads of person-centred planning: offers ranked for a person (through the directory's
one search), the follow-ups due for a worker, the referrals a provider may see, and the
self-ratings over time."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone

from sozialraum.audit.models import AccessAction
from sozialraum.audit.purposes import Purpose
from sozialraum.audit.services import access_log_write
from sozialraum.casework.access import consent_recipient_filter, owner_organisation_ids
from sozialraum.casework.models import Consent, Person
from sozialraum.casework.scope import follow_up_purposes
from sozialraum.directory.access import providers_for_editor
from sozialraum.directory.search import OfferQuery, SearchResult, offer_search
from sozialraum.lib.sql import select_statement

from .models import REFERRAL_ENDED, AreaRating, LifeArea, Referral, SelfRating

#: Without another radius, a person's search looks this far around their home.
DEFAULT_RADIUS_M = 2000


@dataclass(frozen=True)
class PersonSearch:
    """What the worker narrows a search for a person by; the person's own district,
    home, accessibility needs and language come from the person record."""

    text: str = ""
    categories: tuple[str, ...] = ()
    radius_m: int | None = DEFAULT_RADIUS_M
    needs: frozenset[str] = field(default_factory=frozenset)
    language: str = ""
    max_cost: Decimal | None = None
    open_at: dt.datetime | None = None
    limit: int = 20


def person_offer_query(person: Person, search: PersonSearch) -> OfferQuery:
    """The directory query for ``person``: from their home within the radius when it is
    on the map (else in their district), with their needs and the worker's narrowing."""
    near = None
    if person.latitude is not None and person.longitude is not None:
        near = (person.latitude, person.longitude)
    return OfferQuery(
        text=search.text,
        categories=search.categories,
        district=person.district if near is None or search.radius_m is None else None,
        near=near,
        radius_m=search.radius_m if near is not None else None,
        needs=frozenset(search.needs),
        max_cost=search.max_cost,
        open_at=search.open_at,
        language=search.language,
        include_stale=False,
        limit=search.limit,
    )


def offers_for_person(person: Person, search: PersonSearch) -> SearchResult:
    """Offers ranked for ``person`` by the directory's :func:`offer_search`."""
    return offer_search(person_offer_query(person, search))


def _any_due(user: Any, today: dt.date) -> bool:
    """Whether ``user`` has a running referral whose follow-up date has come."""
    ended = sorted(REFERRAL_ENDED)
    conditions = [("worker", "="), ("follow_up_on", "<=")] + [("state", "<>")] * len(ended)
    statement = select_statement(connection, Referral, ("id",), conditions)
    with connection.cursor() as cursor:
        cursor.execute(statement, [user.pk, connection.ops.adapt_datefield_value(today), *ended])
        return cursor.fetchone() is not None


def due_follow_ups(user: Any, *, today: dt.date | None = None) -> QuerySet[Referral]:
    """The running referrals of ``user`` whose follow-up date has come, for persons the
    user may still follow up: their own organisation's, or shared by a live consent whose
    purpose's scope includes following up referrals (a withdrawn consent drops them at
    once), oldest first.

    Asked on every worker's start page, and mostly empty: first one plain statement asks
    whether the user has any due referral (none: no further query); then their persons'
    organisations, the consents only for persons of other organisations, the rows to show."""
    today = today or timezone.localdate()
    if not _any_due(user, today):
        return Referral.objects.none()
    due = list(
        Referral.objects.filter(worker_id=user.pk, follow_up_on__lte=today)
        .exclude(state__in=REFERRAL_ENDED)
        .order_by()
        .values_list("pk", "person_id", "person__organisation_id")
    )
    if not due:
        return Referral.objects.none()
    owned = owner_organisation_ids(user)
    foreign = {person for _pk, person, organisation in due if organisation not in owned}
    followed: set[int] = set()
    if foreign:
        followed = set(
            Consent.objects.live()
            .filter(consent_recipient_filter(user), purpose__in=follow_up_purposes())
            .filter(person_id__in=foreign)
            .values_list("person_id", flat=True)
        )
    shown = [pk for pk, person, organisation in due if organisation in owned or person in followed]
    return (
        Referral.objects.filter(pk__in=shown)
        .select_related("person", "offer", "goal")
        .order_by("follow_up_on", "pk")
    )


def referrals_for_provider(user: Any) -> list[Referral]:
    """The referrals to offers of the organisations ``user`` edits for, only those whose
    person gave a live consent for referral shared with that organisation. Logs the read
    of each person listed (purpose referral)."""
    organisations = providers_for_editor(user).values("pk")
    consent = Consent.objects.live().filter(
        person=OuterRef("person"),
        purpose=Purpose.REFERRAL,
        shared_with_organisation=OuterRef("offer__provider"),
    )
    referrals = list(
        Referral.objects.filter(offer__provider__in=organisations)
        .filter(Exists(consent))
        .select_related("person", "offer")
        .order_by("-updated_at", "-pk")
    )
    if referrals:
        access_log_write(
            user=user,
            person_ids=sorted({r.person_id for r in referrals}),
            action=AccessAction.VIEW,
            purpose=Purpose.REFERRAL,
            granted=True,
        )
    return referrals


@dataclass(frozen=True)
class RatingRow:
    """One day's self-ratings: life satisfaction and participation per life area code."""

    rated_on: dt.date
    at_review: bool
    life_satisfaction: int
    participation: dict[str, int]


def rating_rows(person: Person) -> tuple[list[RatingRow], list[LifeArea]]:
    """The person's self-ratings over time, oldest first, and the life areas rated (the
    ratings as rows, then, if any, their area ratings with the life areas)."""
    ratings = list(
        SelfRating.objects.filter(person=person)
        .order_by("rated_on", "pk")
        .values_list("pk", "rated_on", "review_id", "life_satisfaction")
    )
    if not ratings:
        return [], []
    area_ratings = AreaRating.objects.filter(rating__person=person).select_related("life_area")
    areas: dict[str, LifeArea] = {}
    values: dict[int, dict[str, int]] = {}
    for area in area_ratings:
        areas[area.life_area.code] = area.life_area
        values.setdefault(area.rating_id, {})[area.life_area.code] = area.participation
    rows = [
        RatingRow(rated_on, review_id is not None, satisfaction, values.get(pk, {}))
        for pk, rated_on, review_id, satisfaction in ratings
    ]
    return rows, [areas[code] for code in sorted(areas)]
