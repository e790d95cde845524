"""One person walked through planning in a real browser: created, the will, two goals, a
network map with a contact linked on a goal's ladder, a referral from a goal to a
Flensburg offer, steps, the plan finalised and its PDF; axe-core finds no serious or
critical violation on any page on the way."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.conf import settings

from sozialraum.accounts.tests.factories import signed_in_client
from sozialraum.casework.models import Person
from sozialraum.conftest import axe_violations
from sozialraum.directory.tests._pages import offer_make
from sozialraum.directory.tests.factories import square_district
from sozialraum.networkmap.models import Contact
from sozialraum.plan.models import Referral, ResourceEntry, VersionStatus

from .factories import life_area, person_make, worker_of
from .pdf_text import pdf_text

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def sign_in(page: Any, live_server: Any, user: Any) -> None:
    """Hands the browser a session past the second factor (the sign-in pages have their
    own browser tests)."""
    client = signed_in_client(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}]
    )


def visit(page: Any, path: str, label: str) -> None:
    page.goto(path)
    page.wait_for_load_state()
    if page.locator("[data-map]").count():
        page.wait_for_selector("[data-map][data-ready=true]")
    assert axe_violations(page) == [], label


def submit(page: Any, form: str) -> None:
    page.locator(f"{form} button[type=submit]").first.click()
    page.wait_for_load_state()


def add_goal(page: Any, pk: int, area_pk: int, text: str) -> None:
    visit(page, f"/personen/{pk}/ziele/neu/", "goal form")
    page.select_option("form.goal-form select[name=life_area]", str(area_pk))
    page.fill("form.goal-form textarea[name=text]", text)
    page.fill("form.goal-form textarea[name=how_to_know]", "Ich war dreimal dort.")
    submit(page, "form.goal-form")


def create_person(page: Any) -> Person:
    visit(page, "/personen/neu/", "person form")
    page.fill("main form input[name=name]", "Erika Beispiel")
    page.fill("main form input[name=latitude]", "54.789")
    page.fill("main form input[name=longitude]", "9.431")
    organisation = page.locator("main form select[name=organisation]")
    if organisation.count():
        organisation.select_option(index=1)
    submit(page, "main form")
    person = Person.objects.filter(name="Erika Beispiel").first()
    assert person is not None, page.locator("main").inner_text()
    return person


def add_network_contact(page: Any, pk: int) -> None:
    visit(page, f"/personen/{pk}/netzwerkkarte/", "network map start")
    submit(page, "main form")
    visit(page, f"/personen/{pk}/netzwerkkarte/version/1/kontakt/neu/", "contact form")
    page.fill("form.contact-form input[name=name]", "Frau K.")
    page.locator("form.contact-form input[name=sector][value=friends]").check()
    page.locator('form.contact-form input[name=ring][value="1"]').check()
    submit(page, "form.contact-form")
    assert Contact.objects.filter(name="Frau K.").exists(), page.locator("main").inner_text()
    assert axe_violations(page) == [], "network map with a contact"


def test_a_worker_plans_with_one_person_from_will_to_pdf(page: Any, live_server: Any) -> None:
    worker = worker_of(person_make())
    square_district(9.42, 54.78, size=0.02, name="Altstadt")
    offer = offer_make("Mittagstisch am Hafen", latitude=54.7895, longitude=9.4315)
    areas = [life_area("d9"), life_area("d7")]
    sign_in(page, live_server, worker)
    person = create_person(page)
    pk = person.pk
    add_network_contact(page, pk)

    visit(page, f"/personen/{pk}/", "person page")
    visit(page, f"/personen/{pk}/wille/neu/", "will form")
    page.fill("form.will-form textarea[name=text]", "Ich will nicht mehr allein essen.")
    submit(page, "form.will-form")
    assert "Ich will nicht mehr allein essen." in page.content()
    assert axe_violations(page) == [], "plan overview"

    add_goal(page, pk, areas[0].pk, "Einmal in der Woche mit anderen essen")
    assert axe_violations(page) == [], "goal page"
    goal_url = page.url
    add_goal(page, pk, areas[1].pk, "Meine Nachbarin besser kennenlernen")
    page.fill("form.resource-form textarea[name=text]", "Frau K. von nebenan fragen")
    page.select_option("form.resource-form select[name=rung]", "network")
    page.select_option("form.resource-form select[name=contact]", label="Frau K.")
    submit(page, "form.resource-form")
    entry = ResourceEntry.objects.get(goal__person=person)
    assert entry.contact is not None and entry.contact.name == "Frau K."

    page.goto(goal_url)
    page.locator("a[href$='/weg-weisung/']").click()
    page.wait_for_load_state()
    assert axe_violations(page) == [], "Weg-Weisung before the question"
    page.fill("form.known-form textarea[name=known_already]", "nichts")
    submit(page, "form.known-form")
    page.wait_for_selector("[data-map][data-ready=true]")
    assert axe_violations(page) == [], "Weg-Weisung with offers"
    card = page.locator(".offer-card", has_text="Mittagstisch am Hafen")
    card.locator("summary").click()
    card.locator("form.suggest-form button[type=submit]").click()
    page.wait_for_load_state()
    referral = Referral.objects.get(person=person)
    assert referral.offer == offer
    visit(page, f"/personen/{pk}/weg-weisungen/{referral.pk}/", "referral page")

    visit(page, f"/personen/{pk}/plan/bearbeiten/", "plan draft")
    page.fill("form.step-form textarea[name=step-what]", "Beim Mittagstisch anrufen")
    page.fill("form.step-form input[name=step-who]", "Erika Beispiel")
    page.fill("form.step-form input[name=step-due_on]", "2026-06-01")
    submit(page, "form.step-form")

    visit(page, f"/personen/{pk}/plan/abschliessen/", "finalise page")
    submit(page, "form.finalise-form")
    assert person.plan.versions.get().status == VersionStatus.FINAL
    assert axe_violations(page) == [], "plan document"
    assert "Einmal in der Woche mit anderen essen" in page.content()

    pdf = page.request.get(f"{live_server.url}/personen/{pk}/plan/dokument.pdf")
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF-")
    assert "Einmal in der Woche mit anderen essen" in pdf_text(pdf.body())

    visit(page, f"/personen/{pk}/landkarte/", "subjective map")
    visit(page, f"/personen/{pk}/plan/", "plan overview at the end")
    visit(page, "/personen/nachfassen/", "due follow-ups")


def test_the_plan_pages_fit_a_phone_screen(page: Any, live_server: Any) -> None:
    from sozialraum.plan.services import (
        plan_finalise,
        plan_step_add,
        self_rating_record,
        will_record,
    )

    from .factories import goal_make, quartier_entry, referral_make

    person = person_make(name="Erika Beispiel")
    worker = worker_of(person)
    will_record(
        person=person,
        text="Ich will nicht mehr allein essen.",
        said_on=dt.date(2026, 4, 1),
        user=worker,
    )
    goal = goal_make(person)
    quartier_entry(goal, offer_make("Offener Treff", latitude=54.7895, longitude=9.4315))
    referral = referral_make(person, goal, worker)
    plan_step_add(
        person=person, what="Beim Treff anrufen", who="Erika Beispiel", due_on=dt.date(2026, 6, 1)
    )
    self_rating_record(
        person=person,
        rated_on=dt.date(2026, 4, 1),
        life_satisfaction=4,
        participation={goal.life_area: 3},
    )
    plan_finalise(person=person, user=worker)
    sign_in(page, live_server, worker)
    page.set_viewport_size({"width": 375, "height": 800})
    pk = person.pk
    for path in (
        f"/personen/{pk}/",
        f"/personen/{pk}/plan/",
        f"/personen/{pk}/ziele/{goal.pk}/",
        f"/personen/{pk}/plan/bearbeiten/",
        f"/personen/{pk}/plan/dokument/",
        f"/personen/{pk}/weg-weisungen/{referral.pk}/",
        f"/personen/{pk}/landkarte/",
        f"/personen/{pk}/ueberpruefung/neu/",
    ):
        visit(page, path, path)
        assert page.evaluate("document.documentElement.scrollWidth") <= 376, path
