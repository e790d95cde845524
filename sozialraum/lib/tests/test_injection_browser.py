"""Stored script injection, tried in a real browser: script payloads in every free-text field
a non-admin can write (offer, place, person, will, goal, ladder, plan, referral, network-map
contact, subjective-map place, walk, barrier) are walked on every page that shows them,
with the map's markers hovered and focused. No dialog may open, no Content-Security-Policy
violation may be reported, and each payload must read as text.

The walk is data-driven: a later app adds its fields to ``fill_payloads`` (or a function
like it) and its pages to ``PAGES``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from sozialraum.civic.tests.factories import civic_payloads
from sozialraum.conftest import csp_violations
from sozialraum.directory.models import Offer, Place
from sozialraum.directory.tests._pages import offer_make
from sozialraum.networkmap.choices import Ring, Sector
from sozialraum.networkmap.services import contact_create, network_map_create
from sozialraum.plan.models import PersonalPlace, PlaceMark
from sozialraum.plan.services import (
    goal_known_already_record,
    plan_participant_add,
    plan_step_add,
    resource_add,
    will_record,
)
from sozialraum.plan.tests.factories import (
    goal_make,
    person_make,
    referral_make,
    worker_of,
)

from ._browser import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

IMG = "<img src=x onerror=alert(1)>"
SVG = '"><svg onload=alert(1)>'


def text(label: str, payload: str = IMG) -> str:
    return f"{label} {payload}"


@dataclass(frozen=True)
class Shown:
    """A page that shows stored text: its path (from the payload records), whether it has
    a map whose markers are hovered and focused, and the texts that must read as text."""

    label: str
    path: Callable[[dict[str, Any]], str]
    texts: tuple[str, ...]
    signed_in: bool = True
    has_map: bool = False


OFFER = text("Angebot")
OFFER_SVG = text("Beschreibung", SVG)
PLACE = text("Haus")
STREET = text("Straße", SVG)
PERSON = text("Person")
PERSON_NOTE = text("Kommunikation", SVG)
WILL = text("Wille")
GOAL = text("Ziel", SVG)
KNOWN = text("Bekannt")
LADDER = text("Leiter")
STEP = text("Schritt")
PARTICIPANT = text("Beteiligt", SVG)
CONTACT = text("Kontakt")
CONTACT_NOTE = text("Notiz", SVG)
MAP_PLACE = text("Lieblingsort")
MAP_NOTE = text("Ortsnotiz", SVG)
IDEA = text("Idee")
IDEA_TEXT = text("Ideentext", SVG)
IDEA_PLACE = text("Ideenort")
IDEA_COMMENT = text("Kommentar", SVG)
IDEA_ANSWER = text("Antwort")
WALK_TITLE = text("Begehung")
WALK_NOTE = text("Begehungsnotiz", SVG)
BARRIER_NOTE = text("Barriere")
BARRIER_ADDRESS = text("Barrierenort", SVG)
BARRIER_REASON = text("Grund")

PAGES: list[Shown] = [
    Shown("public search", lambda r: "/angebote/", (OFFER,), signed_in=False, has_map=True),
    Shown(
        "offer page",
        lambda r: f"/angebote/{r['offer'].pk}/",
        (OFFER, OFFER_SVG, STREET),
        signed_in=False,
        has_map=True,
    ),
    Shown("person page", lambda r: f"/personen/{r['person'].pk}/", (PERSON,)),
    Shown(
        "Weg-Weisung",
        lambda r: f"/personen/{r['person'].pk}/ziele/{r['goal'].pk}/weg-weisung/",
        (GOAL, OFFER),
        has_map=True,
    ),
    Shown(
        "referral page",
        lambda r: f"/personen/{r['person'].pk}/weg-weisungen/{r['referral'].pk}/",
        (OFFER, GOAL),
    ),
    Shown(
        "subjective map",
        lambda r: f"/personen/{r['person'].pk}/landkarte/",
        (MAP_PLACE, MAP_NOTE, OFFER),
        has_map=True,
    ),
    Shown("plan overview", lambda r: f"/personen/{r['person'].pk}/plan/", (WILL, GOAL)),
    Shown(
        "plan document",
        lambda r: f"/personen/{r['person'].pk}/plan/dokument/",
        (WILL, GOAL, STEP, PARTICIPANT),
    ),
    Shown(
        "network map",
        lambda r: f"/personen/{r['person'].pk}/netzwerkkarte/",
        (CONTACT, CONTACT_NOTE),
    ),
    Shown(
        "Art. 15 export",
        lambda r: f"/personen/{r['person'].pk}/auskunft/",
        (PERSON, WILL, GOAL, CONTACT),
    ),
    Shown(
        "ideas of a district",
        lambda r: f"/ideen/quartiere/{r['idea'].district.slug}/",
        (IDEA, IDEA_PLACE),
        signed_in=False,
        has_map=True,
    ),
    Shown(
        "idea page",
        lambda r: f"/ideen/{r['idea'].pk}/",
        (IDEA, IDEA_TEXT, IDEA_PLACE, IDEA_COMMENT, IDEA_ANSWER),
    ),
    Shown("walks", lambda r: "/begehungen/", (WALK_TITLE,)),
    Shown(
        "walk", lambda r: f"/begehungen/{r['walk'].pk}/", (WALK_TITLE, WALK_NOTE, BARRIER_ADDRESS)
    ),
    Shown(
        "barrier",
        lambda r: f"/begehungen/barrieren/{r['barrier'].pk}/",
        (WALK_TITLE, BARRIER_NOTE, BARRIER_ADDRESS, BARRIER_REASON),
    ),
    Shown(
        "district barriers",
        lambda r: f"/begehungen/quartier/{r['walk'].district.slug}/",
        (BARRIER_ADDRESS,),
        signed_in=False,
    ),
]


def fill_payloads() -> dict[str, Any]:
    """Every free-text field a provider editor or a worker can write, holding a payload;
    the records the pages are reached through."""
    offer = offer_make(
        OFFER,
        description=OFFER_SVG,
        eligibility=text("Für alle", SVG),
        latitude=54.7895,
        longitude=9.4315,
    )
    Place.objects.filter(offers=offer).update(name=PLACE, street_address=STREET)
    person = person_make(name=PERSON, communication_needs=PERSON_NOTE, street_address=STREET)
    worker = worker_of(person)
    will_record(person=person, text=WILL, said_on=dt.date.today(), user=worker)
    goal = goal_make(person, text=GOAL)
    goal_known_already_record(goal=goal, text=KNOWN)
    resource_add(goal=goal, rung="quartier", text=LADDER, offer=offer)
    referral = referral_make(person, goal, worker, offer)
    plan_step_add(person=person, what=STEP, who=text("Wer"), due_on=dt.date.today(), goal=goal)
    plan_participant_add(person=person, name=PARTICIPANT, role=text("Rolle"))
    PersonalPlace.objects.create(
        person=person,
        name=MAP_PLACE,
        note=MAP_NOTE,
        mark=PlaceMark.LIKED,
        latitude=54.7899,
        longitude=9.4322,
    )
    network_map = network_map_create(person=person, user=worker)
    version = network_map.versions.get()
    contact_create(
        version=version, name=CONTACT, note=CONTACT_NOTE, sector=Sector.FRIENDS, ring=Ring.CLOSE
    )
    idea = civic_payloads(
        title=IDEA, text=IDEA_TEXT, address=IDEA_PLACE, comment=IDEA_COMMENT, answer=IDEA_ANSWER
    )
    walk, barrier = fill_walk(worker)
    return {
        "offer": offer,
        "person": person,
        "worker": worker,
        "goal": goal,
        "referral": referral,
        "idea": idea,
        "walk": walk,
        "barrier": barrier,
    }


def fill_walk(worker: Any) -> tuple[Any, Any]:
    """A walk of the worker's organisation with a barrier refused with a reason."""
    from sozialraum.barriers.models import BarrierState, Office, Walk
    from sozialraum.barriers.services import barrier_record, barrier_transition
    from sozialraum.directory.tests.factories import square_district

    Office.objects.create(name="Bürgerbüro", is_fallback=True)
    walk = Walk.objects.create(
        title=WALK_TITLE,
        notes=WALK_NOTE,
        organisation=worker.memberships.first().organisation,
        district=square_district(9.42, 54.78, size=0.02, name="Altstadt"),
        walked_on=dt.date.today(),
    )
    barrier = barrier_record(
        reporter=worker,
        walk=walk,
        kind="obstacle",
        latitude=54.785,
        longitude=9.425,
        address=BARRIER_ADDRESS,
        notes=BARRIER_NOTE,
    )
    barrier_transition(
        barrier=barrier, state=BarrierState.WONT_FIX, actor=worker, note=BARRIER_REASON
    )
    return walk, barrier


def touch_the_map(page: Any) -> int:
    """Hovers and focuses every interactive shape of the page's maps (tooltips open);
    returns how many there were."""
    page.wait_for_selector("[data-map][data-ready=true]")
    shapes = page.locator("[data-map] .leaflet-interactive")
    for index in range(shapes.count()):
        shape = shapes.nth(index)
        shape.hover(force=True)
        shape.focus()
    return shapes.count()


def walk(page: Any, shown: Shown, records: dict[str, Any], dialogs: list[str]) -> None:
    page.goto(shown.path(records))
    page.wait_for_load_state()
    if shown.has_map:
        assert touch_the_map(page) > 0, shown.label
    body = page.locator("body").inner_text()
    missing = [t for t in shown.texts if t not in body]
    assert missing == [], shown.label
    assert page.locator("main img[src=x], main svg[onload]").count() == 0, shown.label
    assert dialogs == [], shown.label
    assert csp_violations(page) == [], shown.label


def test_script_payloads_in_every_free_text_field_stay_text_on_every_page(
    page: Any, live_server: Any
) -> None:
    records = fill_payloads()
    dialogs: list[str] = []

    def dismissed(dialog: Any) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismissed)
    for shown in [p for p in PAGES if not p.signed_in]:
        walk(page, shown, records, dialogs)
    sign_in(page, live_server, records["worker"])
    for shown in PAGES:
        walk(page, shown, records, dialogs)
    assert Offer.objects.get(pk=records["offer"].pk).name == OFFER


def test_a_javascript_url_is_refused_as_an_offer_website() -> None:
    offer = Offer(name="Angebot", url="javascript:alert(1)")
    with pytest.raises(ValidationError) as refused:
        offer.full_clean(exclude=["provider"])
    assert "url" in refused.value.message_dict
