"""Plans for the fictional demo persons (see :mod:`sozialraum.casework.demo`): the will
in their own (invented) words, two goals with their resource ladders, a referral to a
demo offer near them when the directory has one, a self-rating, two places on the
subjective map, agreed steps and a finalised plan.

Idempotent: a demo person who already has goals is left as they are. Run after the demo
persons and, for referrals, after the demo offers.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from sozialraum.accounts.models import User
from sozialraum.casework.demo import ORGANISATION_SLUG, PERSONS, WORKER_USERNAME
from sozialraum.casework.models import Person

from .models import Goal, LifeArea, PlaceMark, Rung
from .selectors import PersonSearch, offers_for_person
from .services import (
    goal_create,
    goal_known_already_record,
    life_areas_ensure,
    place_add,
    plan_finalise,
    plan_participant_add,
    plan_review_date_set,
    plan_step_add,
    referral_suggest,
    resource_add,
    self_rating_record,
    will_record,
)

#: Per demo person: the will, and two goals as (life area, goal, how to know, network help).
PLANS: dict[str, dict[str, Any]] = {
    "Erika Beispiel (fiktiv)": {
        "will": "Ich möchte in meiner Wohnung bleiben und nicht jeden Tag allein essen.",
        "goals": [
            (
                "d9",
                "Einmal in der Woche mit anderen zu Mittag essen",
                "Ich war vier Wochen lang jede Woche dort.",
                "Die Nachbarin Frau Hansen geht mit.",
            ),
            (
                "d4",
                "Allein zum Einkaufen kommen",
                "Ich kaufe selbst ein, ohne Hilfe.",
                "Mein Sohn übt mit mir den Weg zum Bus.",
            ),
        ],
    },
    "Murat Muster (fiktiv)": {
        "will": "Ich will wieder arbeiten und mit meinen Kindern in den Park gehen können.",
        "goals": [
            (
                "d8",
                "Eine Arbeit finden, die ich im Rollstuhl machen kann",
                "Ich habe einen Vertrag.",
                "Mein Bruder kennt einen Betrieb.",
            ),
            (
                "d9",
                "Mit den Kindern zum Spielplatz",
                "Wir waren dreimal dort.",
                "Die Nachbarn tragen den Kinderwagen mit.",
            ),
        ],
    },
    "Greta Probe (fiktiv)": {
        "will": "Ich will selbst entscheiden, wofür ich mein Geld ausgebe.",
        "goals": [
            (
                "d6",
                "Meinen Haushalt mit wenig Hilfe schaffen",
                "Ich brauche nur noch einmal in der Woche Hilfe.",
                "Meine Schwester kommt sonntags.",
            ),
            (
                "d7",
                "Neue Leute kennenlernen",
                "Ich habe zwei Menschen, die ich anrufen kann.",
                "Die Freundin aus der Werkstatt fragt mit.",
            ),
        ],
    },
}


def load_demo_plans() -> list[str]:
    """Makes the plan of each fictional demo person without goals; one line each."""
    worker = User.objects.filter(username=WORKER_USERNAME).first()
    if worker is None:
        return ["demo plans: skipped (demo worker missing)"]
    life_areas_ensure()
    lines = []
    for _district, fields in PERSONS:
        person = Person.objects.filter(
            organisation__slug=ORGANISATION_SLUG, name=fields["name"]
        ).first()
        plan = PLANS.get(fields["name"])
        if person is None or plan is None or person.goals.exists():
            continue
        with transaction.atomic():
            lines.append(_plan_load(person, worker, plan))
    return lines


def _plan_load(person: Person, worker: User, plan: dict[str, Any]) -> str:
    today = timezone.localdate()
    will_record(
        person=person, text=plan["will"], said_on=today - dt.timedelta(days=30), user=worker
    )
    goals = [_goal_load(person, row) for row in plan["goals"]]
    referred = _referral_load(person, goals[0], worker)
    areas = {goal.life_area: 4 for goal in goals}
    self_rating_record(
        person=person,
        rated_on=today - dt.timedelta(days=30),
        life_satisfaction=4,
        participation=areas,
    )
    _places_load(person)
    plan_step_add(
        person=person,
        what="Beim Angebot anrufen und einen ersten Besuch ausmachen",
        who="Quartier-Lotsin",
        due_on=today + dt.timedelta(days=14),
        goal=goals[0],
    )
    plan_participant_add(person=person, name=str(person), role="die Person selbst")
    plan_participant_add(person=person, name="Lena Lotse (Demo)", role="Quartier-Lotsin")
    plan_review_date_set(person=person, review_on=today + dt.timedelta(days=180))
    version = plan_finalise(person=person, user=worker)
    offer = f", referral to {referred}" if referred else ""
    return f"demo plan created: {person.name}, version {version.number}{offer}"


def _goal_load(person: Person, row: tuple[str, str, str, str]) -> Goal:
    code, text, how_to_know, network = row
    area = LifeArea.objects.get(code=code)
    goal = goal_create(person=person, life_area=area, text=text, how_to_know=how_to_know)
    resource_add(goal=goal, rung=Rung.SELF, text="Ich sage, was ich will, und frage nach.")
    resource_add(goal=goal, rung=Rung.NETWORK, text=network)
    resource_add(goal=goal, rung=Rung.FOR_OTHERS, text="Ich kann gut zuhören und erzählen.")
    return goal


def _referral_load(person: Person, goal: Goal, worker: User) -> str:
    """A referral to the nearest demo offer, and the offer on the goal's ladder."""
    goal_known_already_record(goal=goal, text="Den Seniorentreff kenne ich vom Hörensagen.")
    hits = offers_for_person(person, PersonSearch(radius_m=5000)).hits
    offer = next((hit.offer for hit in hits if hit.offer.is_demo), None)
    if offer is None:
        resource_add(goal=goal, rung=Rung.QUARTIER, text="Der Nachbarschaftstreff im Quartier")
        return ""
    resource_add(goal=goal, rung=Rung.QUARTIER, text="Ein Angebot im Quartier", offer=offer)
    referral_suggest(person=person, goal=goal, offer=offer, user=worker)
    return offer.name


def _places_load(person: Person) -> None:
    if person.latitude is None or person.longitude is None:
        return
    place_add(
        person=person,
        data={
            "name": "Der Park an der Förde (fiktiv)",
            "latitude": person.latitude + 0.002,
            "longitude": person.longitude + 0.002,
            "mark": PlaceMark.LIKED,
        },
    )
    place_add(
        person=person,
        data={
            "name": "Die Bushaltestelle am Berg (fiktiv)",
            "latitude": person.latitude - 0.002,
            "longitude": person.longitude,
            "mark": PlaceMark.OUT_OF_REACH,
            "why": "barrier",
            "note": "Keine Bordsteinabsenkung",
        },
    )
