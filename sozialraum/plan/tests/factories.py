"""Test data for person-centred planning: life areas, goals, ladder entries, referrals."""

from __future__ import annotations

from typing import Any

from sozialraum.accounts.models import User
from sozialraum.accounts.tests.factories import user_with_role
from sozialraum.casework.models import Person
from sozialraum.casework.tests.factories import PersonFactory
from sozialraum.directory.models import Offer
from sozialraum.directory.tests._pages import offer_make
from sozialraum.lib.access import Role
from sozialraum.plan.models import Goal, LifeArea, Referral, ResourceEntry, Rung
from sozialraum.plan.services import goal_create, referral_suggest, resource_add

LIFE_AREA_NAMES = {"d4": "Unterwegs sein", "d7": "Beziehungen", "d9": "Freizeit und Gemeinschaft"}


def life_area(code: str = "d9") -> LifeArea:
    """A seeded life area (recreated after a browser test's flush removed the seed)."""
    area, _created = LifeArea.objects.get_or_create(
        code=code,
        defaults={"name": code, "plain_name": LIFE_AREA_NAMES.get(code, code)},
    )
    return area


def person_make(**fields: Any) -> Person:
    """A person in Flensburg's old town (near the test offers)."""
    fields.setdefault("latitude", 54.789)
    fields.setdefault("longitude", 9.431)
    return PersonFactory.create(**fields)


def worker_of(person: Person, role: str = Role.WORKER) -> User:
    return user_with_role(role, person.organisation)


def goal_make(person: Person, text: str = "Wieder unter Leute kommen", code: str = "d9") -> Goal:
    return goal_create(
        person=person, life_area=life_area(code), text=text, how_to_know="Ich gehe jede Woche hin."
    )


def quartier_entry(goal: Goal, offer: Offer | None = None) -> ResourceEntry:
    return resource_add(goal=goal, rung=Rung.QUARTIER, text="Mittagstisch", offer=offer)


def referral_make(person: Person, goal: Goal, user: User, offer: Offer | None = None) -> Referral:
    return referral_suggest(person=person, goal=goal, offer=offer or offer_make(), user=user)
