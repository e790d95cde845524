"""The plan pages: each reads the person through the access helper, translates input into
the services and shows clear messages; the plan document as page and PDF."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from sozialraum.accounts.tests.factories import signed_in_client, user_with_role
from sozialraum.audit.models import AccessAction, AccessLogEntry
from sozialraum.audit.purposes import Purpose
from sozialraum.casework.tests.factories import ConsentFactory
from sozialraum.directory.tests._pages import offer_make
from sozialraum.lib.access import Role
from sozialraum.plan.models import (
    Goal,
    PersonalPlace,
    PlaceMark,
    PlanVersion,
    Referral,
    ReferralState,
    Rung,
    VersionStatus,
    WillStatement,
)
from sozialraum.plan.services import (
    goal_known_already_record,
    plan_finalise,
    resource_add,
    self_rating_record,
)

from .factories import (
    goal_make,
    life_area,
    person_make,
    quartier_entry,
    referral_make,
    worker_of,
)
from .pdf_text import pdf_text

pytestmark = pytest.mark.django_db


def url(name: str, person_pk: int, **kwargs: int) -> str:
    return reverse(f"plan:{name}", kwargs={"pk": person_pk, **kwargs})


def test_a_worker_records_the_will_in_the_persons_own_words() -> None:
    person = person_make()
    client = signed_in_client(worker_of(person))
    response = client.post(
        url("will_add", person.pk), {"text": "Ich will wieder tanzen.", "said_on": "2026-04-02"}
    )
    assert response.status_code == 302
    statement = WillStatement.objects.get(person=person)
    assert (statement.text, statement.said_on) == ("Ich will wieder tanzen.", dt.date(2026, 4, 2))
    assert AccessLogEntry.objects.filter(
        person=person, action=AccessAction.UPDATE, purpose=Purpose.PLAN, granted=True
    ).exists()


def test_a_goal_without_how_to_know_names_the_field() -> None:
    person = person_make()
    client = signed_in_client(worker_of(person))
    area = life_area("d9")
    response = client.post(url("goal_add", person.pk), {"life_area": area.pk, "text": "Tanzen"})
    assert response.status_code == 200
    assert "how_to_know" in response.context["form"].errors
    assert "How I will know it is reached" in response.content.decode()
    assert not Goal.objects.exists()


def test_a_ladder_entry_is_added_to_the_goal() -> None:
    person = person_make()
    goal = goal_make(person)
    client = signed_in_client(worker_of(person))
    response = client.post(
        url("goal", person.pk, goal_pk=goal.pk),
        {"rung": Rung.NETWORK, "text": "Mein Enkel fährt mich."},
    )
    assert response.status_code == 302
    assert list(goal.resources.values_list("rung", "text")) == [
        ("network", "Mein Enkel fährt mich.")
    ]
    page = client.get(url("goal", person.pk, goal_pk=goal.pk)).content.decode()
    assert page.index("What I can do myself") < page.index("What my network can do")
    assert "Mein Enkel fährt mich." in page


def test_another_persons_goal_is_not_found_through_this_person() -> None:
    person, other = person_make(), person_make()
    goal = goal_make(other)
    client = signed_in_client(worker_of(person))
    assert client.get(url("goal", person.pk, goal_pk=goal.pk)).status_code == 404


def test_a_worker_of_another_organisation_is_refused_and_the_refusal_logged() -> None:
    person = person_make()
    outsider = user_with_role(Role.WORKER)
    response = signed_in_client(outsider).get(url("plan", person.pk))
    assert response.status_code == 403
    assert AccessLogEntry.objects.filter(user=outsider, person=person, granted=False).exists()


def test_a_worker_of_another_organisation_reads_the_plan_with_a_plan_consent() -> None:
    person = person_make()
    outsider = user_with_role(Role.WORKER)
    organisation = outsider.memberships.get().organisation
    ConsentFactory.create(
        person=person, purpose=Purpose.PLAN, shared_with_organisation=organisation
    )
    client = signed_in_client(outsider)
    assert client.get(url("plan", person.pk)).status_code == 200
    refused = client.post(url("will_add", person.pk), {"text": "x", "said_on": "2026-01-01"})
    assert refused.status_code == 403, "a consent lets others read, never write"
    assert client.get(url("personal_map", person.pk)).status_code == 200


def test_the_weg_weisung_asks_what_the_person_knows_before_showing_offers() -> None:
    person = person_make()
    goal = goal_make(person)
    offer_make("Mittagstisch am Hafen")
    client = signed_in_client(worker_of(person))
    page = client.get(url("referral_search", person.pk, goal_pk=goal.pk))
    assert page.context["result"] is None
    assert "Is there something you already know?" in page.content.decode()

    client.post(
        url("referral_search", person.pk, goal_pk=goal.pk),
        {"action": "known", "known_already": "Den Chor in der Kirche"},
    )
    goal.refresh_from_db()
    assert goal.known_already == "Den Chor in der Kirche"
    page = client.get(url("referral_search", person.pk, goal_pk=goal.pk))
    assert [hit.offer.name for hit in page.context["result"].hits] == ["Mittagstisch am Hafen"]


def test_the_weg_weisung_with_all_three_forms_has_unique_ids_and_one_label_per_select() -> None:
    person = person_make()
    goal = goal_make(person)
    offer_make("Mittagstisch am Hafen")
    goal_known_already_record(goal=goal, text="nichts")
    client = signed_in_client(worker_of(person))
    page = client.get(url("referral_search", person.pk, goal_pk=goal.pk)).content.decode()
    assert 'class="stack nothing-form"' in page and 'name="category"' in page
    ids = re.findall(r'\sid="([^"]+)"', page)
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)
    for select in re.findall(r'<select[^>]*\sid="([^"]+)"', page):
        labels = re.findall(rf'<label[^>]*for="{re.escape(select)}"[^>]*>(.*?)</label>', page, re.S)
        assert len(labels) == 1 and labels[0].count(":") <= 1, (select, labels)


def test_suggesting_an_offer_makes_a_referral_with_a_follow_up() -> None:
    person = person_make()
    goal = goal_make(person)
    offer = offer_make()
    user = worker_of(person)
    response = signed_in_client(user).post(
        url("referral_search", person.pk, goal_pk=goal.pk),
        {"action": "suggest", "offer": offer.pk, "do_not_contact": "on"},
    )
    assert response.status_code == 302
    referral = Referral.objects.get()
    assert (referral.offer, referral.goal, referral.worker) == (offer, goal, user)
    assert referral.do_not_contact is True
    assert referral.follow_up_on == timezone.localdate() + dt.timedelta(days=7)


def test_not_suitable_without_a_reason_names_the_reason_field() -> None:
    person = person_make()
    user = worker_of(person)
    referral = referral_make(person, goal_make(person), user)
    response = signed_in_client(user).post(
        url("referral", person.pk, referral_pk=referral.pk), {"state": "not_suitable"}
    )
    assert response.status_code == 200
    assert "reason" in response.context["form"].errors
    referral.refresh_from_db()
    assert referral.state == ReferralState.SUGGESTED


def test_finalising_without_a_social_space_part_is_refused_with_a_clear_message() -> None:
    person = person_make()
    resource_add(goal=goal_make(person), rung=Rung.SELF, text="Ich übe.")
    response = signed_in_client(worker_of(person)).post(url("plan_finalise", person.pk))
    assert response.status_code == 400
    assert "no social-space part" in response.content.decode()
    assert not PlanVersion.objects.filter(status=VersionStatus.FINAL).exists()


def test_finalising_with_a_quartier_entry_freezes_the_version() -> None:
    person = person_make()
    quartier_entry(goal_make(person))
    response = signed_in_client(worker_of(person)).post(url("plan_finalise", person.pk))
    assert response.status_code == 302
    assert person.plan.versions.get().status == VersionStatus.FINAL


def test_steps_and_participants_are_added_to_the_draft() -> None:
    person = person_make()
    client = signed_in_client(worker_of(person))
    client.post(
        url("plan_edit", person.pk),
        {
            "action": "step",
            "step-what": "Anrufen",
            "step-who": "Lotsin",
            "step-due_on": "2026-06-01",
        },
    )
    client.post(
        url("plan_edit", person.pk), {"action": "participant", "participant-name": "Frau K."}
    )
    bad = client.post(url("plan_edit", person.pk), {"action": "step", "step-what": "x"})
    assert "who" in bad.context["forms"]["step"].errors
    draft = person.plan.versions.get()
    assert list(draft.steps.values_list("what", flat=True)) == ["Anrufen"]
    assert list(draft.participants.values_list("name", flat=True)) == ["Frau K."]


def test_the_plan_pdf_is_a_pdf_with_the_goal_text() -> None:
    person = person_make(name="Erika Beispiel")
    goal = goal_make(person, text="Jede Woche zum Mittagstisch gehen")
    quartier_entry(goal)
    plan_finalise(person=person, user=worker_of(person))
    response = signed_in_client(worker_of(person)).get(url("plan_pdf", person.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    text = pdf_text(response.content)
    assert "Jede Woche zum Mittagstisch gehen" in text
    assert "Erika Beispiel" in text


def test_the_printable_plan_shows_the_frozen_version() -> None:
    person = person_make()
    goal = goal_make(person, text="Alter Wortlaut")
    quartier_entry(goal)
    plan_finalise(person=person, user=worker_of(person))
    Goal.objects.filter(pk=goal.pk).update(text="Neuer Wortlaut")
    page = signed_in_client(worker_of(person)).get(url("plan_document", person.pk))
    assert "Alter Wortlaut" in page.content.decode()
    assert "Neuer Wortlaut" not in page.content.decode()


def test_the_person_page_shows_the_self_ratings_as_chart_and_table() -> None:
    person = person_make()
    goal_make(person)
    area = life_area("d9")
    for day, value in ((dt.date(2026, 1, 1), 3), (dt.date(2026, 4, 1), 7)):
        self_rating_record(
            person=person, rated_on=day, life_satisfaction=value, participation={area: value - 1}
        )
    page = signed_in_client(worker_of(person)).get(
        reverse("casework:person", kwargs={"pk": person.pk})
    )
    html = page.content.decode()
    assert 'class="line-chart"' in html
    assert '<td class="num">7</td>' in html
    assert '<td class="num">6</td>' in html


def test_a_review_and_a_self_rating_are_recorded_through_the_pages() -> None:
    person = person_make()
    goal = goal_make(person)
    client = signed_in_client(worker_of(person))
    client.post(
        url("rating_add", person.pk),
        {"rated_on": "2026-01-01", "life_satisfaction": "4", "area_d9": "3"},
    )
    client.post(
        url("review_add", person.pk),
        {
            "held_on": "2026-04-01",
            "life_satisfaction": "6",
            "area_d9": "5",
            f"goal_{goal.pk}": "Zweimal dort",
        },
    )
    assert list(person.self_ratings.values_list("life_satisfaction", flat=True)) == [4, 6]
    assert person.reviews.get().goal_reviews.get().what_happened == "Zweimal dort"


def test_a_place_that_matters_is_added_and_shown_in_map_and_table() -> None:
    person = person_make()
    client = signed_in_client(worker_of(person))
    client.post(
        url("personal_map", person.pk),
        {
            "name": "Park am Wasser",
            "latitude": "54.79",
            "longitude": "9.43",
            "mark": PlaceMark.OUT_OF_REACH,
            "why": "barrier",
        },
    )
    bad = client.post(
        url("personal_map", person.pk),
        {"name": "Bad", "latitude": "54.79", "longitude": "9.43", "mark": PlaceMark.OUT_OF_REACH},
    )
    assert "why" in bad.context["form"].errors
    place = PersonalPlace.objects.get()
    assert (place.name, place.why) == ("Park am Wasser", "barrier")
    page = client.get(url("personal_map", person.pk))
    assert [p["properties"]["name"] for p in page.context["map"]["points"]] == [
        "Park am Wasser – out of reach for me"
    ]
    assert "a barrier" in page.content.decode()


def test_the_follow_up_list_shows_due_referrals_within_a_query_budget() -> None:
    person = person_make()
    user = worker_of(person)
    goal = goal_make(person)
    for _ in range(3):
        referral = referral_make(person, goal, user)
        Referral.objects.filter(pk=referral.pk).update(follow_up_on=timezone.localdate())
    client = signed_in_client(user)
    client.get(reverse("plan:follow_ups"))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("plan:follow_ups"))
    assert len(response.context["referrals"]) == 3
    assert len(queries) <= 12


def test_the_provider_page_shows_only_consented_referrals_without_plan_content() -> None:
    person = person_make(name="Erika Beispiel", phone="0461 999")
    worker = worker_of(person)
    goal = goal_make(person, text="Geheimes Ziel")
    shared = referral_make(person, goal, worker)
    assert shared.offer is not None
    editor = user_with_role(Role.PROVIDER_EDITOR, shared.offer.provider)
    client: Client = signed_in_client(editor)
    assert "Erika" not in client.get(reverse("plan:provider_referrals")).content.decode()

    ConsentFactory.create(
        person=person, purpose=Purpose.REFERRAL, shared_with_organisation=shared.offer.provider
    )
    Referral.objects.filter(pk=shared.pk).update(do_not_contact=True)
    html = client.get(reverse("plan:provider_referrals")).content.decode()
    assert "Erika Beispiel" in html
    assert "Geheimes Ziel" not in html
    assert "0461 999" not in html, "do not contact me is respected"


def test_the_art_15_export_holds_will_goals_ladder_referrals_and_places() -> None:
    person = person_make()
    user = worker_of(person)
    client = signed_in_client(user)
    client.post(url("will_add", person.pk), {"text": "Ich will tanzen.", "said_on": "2026-04-02"})
    goal = goal_make(person, text="Tanzen gehen")
    quartier_entry(goal)
    referral_make(person, goal, user)
    client.post(
        url("personal_map", person.pk),
        {"name": "Park", "latitude": "54.79", "longitude": "9.43", "mark": PlaceMark.LIKED},
    )
    response = client.get(reverse("casework:export_json", kwargs={"pk": person.pk}))
    sections = response.json()["sections"]
    assert sections["will"]["records"][0]["text"] == "Ich will tanzen."
    assert sections["goals"]["records"][0]["text"] == "Tanzen gehen"
    assert sections["resources"]["records"][0]["rung"] == "Institutions and offers of the Quartier"
    assert sections["referrals"]["records"][0]["state"] == "suggested"
    assert sections["places"]["records"][0]["name"] == "Park"


def test_the_subjective_map_shows_the_offers_of_referrals_and_of_the_ladder() -> None:
    person = person_make()
    user = worker_of(person)
    goal = goal_make(person)
    quartier_entry(goal, offer_make("Offener Treff", latitude=54.791, longitude=9.432))
    referral_make(person, goal, user, offer_make("Mittagstisch", latitude=54.792, longitude=9.433))
    page = signed_in_client(user).get(url("personal_map", person.pk))
    names = sorted(p["properties"]["name"] for p in page.context["map"]["points"])
    assert names == ["Mittagstisch – referral: suggested", "Offener Treff – on the resource ladder"]
    html = page.content.decode()
    assert "Offers on the resource ladder" in html
    assert "Offers of the referrals" in html


def test_a_goal_is_marked_reached_and_a_dropped_goal_leaves_the_plan() -> None:
    from sozialraum.plan.services import plan_goals

    person = person_make()
    goal = goal_make(person)
    client = signed_in_client(worker_of(person))
    client.post(url("goal", person.pk, goal_pk=goal.pk), {"action": "status", "status": "dropped"})
    goal.refresh_from_db()
    assert goal.status == "dropped"
    assert plan_goals(person) == []


def test_the_provider_list_stays_within_a_query_budget() -> None:
    person = person_make()
    worker = worker_of(person)
    goal = goal_make(person)
    first = referral_make(person, goal, worker)
    assert first.offer is not None
    provider = first.offer.provider
    for name in ("Treff", "Chor"):
        referral_make(person, goal, worker, offer_make(name, provider=provider))
    ConsentFactory.create(
        person=person, purpose=Purpose.REFERRAL, shared_with_organisation=provider
    )
    client = signed_in_client(user_with_role(Role.PROVIDER_EDITOR, provider))
    client.get(reverse("plan:provider_referrals"))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("plan:provider_referrals"))
    assert len(response.context["referrals"]) == 3
    assert len(queries) <= 12


def test_the_life_area_select_shows_the_plain_name_first_so_typing_it_selects_it() -> None:
    person = person_make()
    area = life_area("d9")
    page = signed_in_client(worker_of(person)).get(url("goal_add", person.pk)).content.decode()
    assert f'<option value="{area.pk}">Freizeit und Gemeinschaft (d9)</option>' in page
    assert str(area) == "Freizeit und Gemeinschaft (d9)"


def test_a_plan_agreed_late_on_a_summer_evening_utc_shows_the_berlin_day() -> None:
    person = person_make()
    quartier_entry(goal_make(person))
    with time_machine.travel(dt.datetime(2026, 7, 15, 23, 30, tzinfo=dt.UTC), tick=False):
        plan_finalise(person=person, user=worker_of(person))
    client = signed_in_client(worker_of(person))

    page = client.get(url("plan_document", person.pk)).content.decode()
    text = pdf_text(client.get(url("plan_pdf", person.pk)).content)

    assert person.plan.versions.get().document["finalised_at"] == "2026-07-16T01:30:00+02:00"
    assert "July 16, 2026" in page and "July 15, 2026" not in page
    assert "July 16, 2026" in text


def test_the_plan_to_take_home_says_where_when_cost_and_how_to_reach_each_offer(
    django_assert_max_num_queries: Any,
) -> None:
    person = person_make()
    goal = goal_make(person)
    ladder_offer = offer_make(
        "Mittagstisch am Hafen", phone="0461 12345", email="hafen@example.org"
    )
    quartier_entry(goal, offer=ladder_offer)
    referral_make(person, goal, worker_of(person), offer=offer_make("Tanzcafé", phone="0461 999"))
    client = signed_in_client(worker_of(person))

    with django_assert_max_num_queries(30):
        page = client.get(url("plan_document", person.pk)).content.decode()
    text = " ".join(pdf_text(client.get(url("plan_pdf", person.pk)).content).split())

    for shown in (page, text):
        assert "Haus Mittagstisch am Hafen, Marientreppe 10, 24939 Flensburg" in shown
        assert "Monday to Friday 12:00–14:00" in shown
        assert "3.00 € (Geringes Einkommen), 4.00 € (Alle anderen)" in shown
        assert "0461 12345" in shown and "hafen@example.org" in shown
        assert "Haus Tanzcafé" in shown and "0461 999" in shown


def test_a_final_plan_keeps_the_offer_facts_it_was_agreed_with() -> None:
    person = person_make()
    offer = offer_make("Mittagstisch am Hafen", phone="0461 12345")
    quartier_entry(goal_make(person), offer=offer)
    plan_finalise(person=person, user=worker_of(person))
    type(offer).objects.filter(pk=offer.pk).update(phone="0461 00000")

    page = signed_in_client(worker_of(person)).get(url("plan_document", person.pk))

    assert "0461 12345" in page.content.decode()
    document = person.plan.versions.get().document
    quartier = next(r for r in document["goals"][0]["ladder"] if r["rung"] == Rung.QUARTIER)
    assert quartier["entries"][0]["offer"]["phone"] == "0461 12345"
