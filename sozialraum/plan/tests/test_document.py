"""The plan to take home (page and PDF): an offer's facts stand in it once, and it speaks
German from the plan app's own catalogue."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from django.urls import reverse
from django.utils import translation

from sozialraum.accounts.tests.factories import signed_in_client
from sozialraum.directory.tests._pages import offer_make
from sozialraum.plan.apps import PlanConfig
from sozialraum.plan.offer_document import facts_once

from .factories import goal_make, person_make, quartier_entry, referral_make, worker_of
from .pdf_text import pdf_text

pytestmark = pytest.mark.django_db

SEE_ABOVE = "Where, when, cost and contact: see above at “Mittagstisch am Hafen”."


def _page_and_pdf(person_pk: int, client: Any, **headers: str) -> tuple[str, str]:
    page = client.get(reverse("plan:plan_document", kwargs={"pk": person_pk}), headers=headers)
    pdf = client.get(reverse("plan:plan_pdf", kwargs={"pk": person_pk}), headers=headers)
    return page.content.decode(), " ".join(pdf_text(pdf.content).split())


def test_an_offer_on_the_ladder_and_referred_to_shows_its_facts_once() -> None:
    person = person_make()
    goal = goal_make(person)
    offer = offer_make("Mittagstisch am Hafen", phone="0461 12345", email="hafen@example.org")
    quartier_entry(goal, offer=offer)
    referral_make(person, goal, worker_of(person), offer=offer)
    other = offer_make("Tanzcafé", phone="0461 999")
    referral_make(person, goal, worker_of(person), offer=other)

    page, text = _page_and_pdf(person.pk, signed_in_client(worker_of(person)))

    for shown in (page, text):
        assert shown.count("0461 12345") == 1
        assert shown.count("hafen@example.org") == 1
        assert shown.count(SEE_ABOVE) == 1
        assert shown.count("0461 999") == 1
    assert 'id="offer-1"' in page and 'href="#offer-1"' in page
    assert page.index('id="offer-1"') < page.index(SEE_ABOVE)


def _entry(name: str, phone: str) -> dict[str, Any]:
    return {"text": name, "detail": "", "offer": {"name": name, "phone": phone}}


def test_a_frozen_document_with_an_offer_in_two_goals_shows_its_facts_on_the_first() -> None:
    ladder = [{"rung": "quartier", "entries": [_entry("Hafen", "1"), _entry("Tanz", "2")]}]
    document = {"person": "A", "goals": [{"text": "G1", "ladder": ladder}] * 2}
    before = copy.deepcopy(document)

    shown = facts_once(document)

    first, second = (goal["ladder"][0]["entries"] for goal in shown["goals"])
    assert [entry["offer_block"] for entry in first] == [1, 2]
    assert [entry.get("offer") for entry in second] == [None, None]
    assert [entry["facts_above"] for entry in second] == [
        {"block": 1, "name": "Hafen"},
        {"block": 2, "name": "Tanz"},
    ]
    assert document == before


def test_the_plan_speaks_german_from_its_own_catalogue() -> None:
    person = person_make()
    goal = goal_make(person)
    offer = offer_make("Mittagstisch am Hafen", phone="0461 12345")
    quartier_entry(goal, offer=offer)
    referral_make(person, goal, worker_of(person), offer=offer)
    client = signed_in_client(worker_of(person))

    page, text = _page_and_pdf(person.pk, client, **{"accept-language": "de"})
    overview = client.get(
        reverse("plan:plan", kwargs={"pk": person.pk}), headers={"accept-language": "de"}
    )

    for shown in (page, text):
        assert "Meine Ziele" in shown and "Wie ich leben will. Was mir wichtig ist." in shown
        assert "Wo, wann, Kosten und Kontakt: siehe oben bei „Mittagstisch am Hafen“." in shown
    assert "Als PDF herunterladen" in page
    assert overview.status_code == 200 and "Plan zum Mitnehmen" in overview.text
    with translation.override("de"):
        assert str(PlanConfig.verbose_name) == "Personenzentrierte Planung"
