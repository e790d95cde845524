"""The pages: reports with consent, screening, contacts, dismissal (only with a reason),
figures with small counts suppressed, the rules, the start-page section; query budgets
of the lists."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from sozialraum.accounts.tests.factories import signed_in_client, user_with_role
from sozialraum.audit.models import AccessAction, AccessLogEntry
from sozialraum.audit.purposes import Purpose
from sozialraum.casework.models import Consent
from sozialraum.earlywarning.models import (
    Contact,
    Entry,
    EntryEvent,
    EntryStatus,
    EventAction,
    RuleCode,
    Screening,
    Signal,
)
from sozialraum.earlywarning.services import person_signal
from sozialraum.lib.access import Role

from .conftest import World

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 12, 5)


def _discharge(world: World, client: Any | None = None, **data: Any) -> Any:
    client = client or signed_in_client(world.worker)
    form = {"event": "hospital", "on": (timezone.localdate() - dt.timedelta(days=1)).isoformat(),
            "team": world.team_a.pk, "evidence": "written", "consent": "on", **data}  # fmt: skip
    return client.post(f"/fruehe-hinweise/person/{world.person.pk}/hinweis/", form)


def test_a_discharge_report_records_the_consent_and_puts_the_person_on_the_list(
    world: World,
) -> None:
    response = _discharge(world)

    assert response.status_code == 302
    consent = Consent.objects.get(person=world.person)
    assert (consent.purpose, consent.shared_with_team) == (Purpose.EARLY_WARNING, world.team_a)
    signal = Signal.objects.get()
    assert signal.rule.code == RuleCode.DISCHARGE
    assert signal.detail.startswith("Discharged from hospital on ")
    assert signal.entry.team == world.team_a and signal.reported_by == world.worker
    assert list(EntryEvent.objects.values_list("action", flat=True)) == [
        EventAction.CREATED,
        EventAction.SIGNAL,
    ]
    assert AccessLogEntry.objects.filter(
        person_id=world.person.pk, purpose=Purpose.EARLY_WARNING, action=AccessAction.CREATE
    ).exists()


def test_a_discharge_without_consent_is_refused_at_the_consent_field(world: World) -> None:
    response = _discharge(world, consent="")

    assert response.status_code == 200
    assert list(response.context["form"].errors) == ["consent"]
    assert Signal.objects.count() == 0 and Consent.objects.count() == 0


def test_a_team_of_another_district_cannot_be_chosen(world: World) -> None:
    response = _discharge(world, team=world.team_b.pk)

    assert list(response.context["form"].errors) == ["team"]
    assert Signal.objects.count() == 0


def test_a_worker_of_another_organisation_cannot_report_on_the_person(world: World) -> None:
    stranger = user_with_role(Role.WORKER)

    response = _discharge(world, client=signed_in_client(stranger))

    assert response.status_code == 403
    assert Signal.objects.count() == 0
    refused = AccessLogEntry.objects.get(user_id=stranger.pk)
    assert (refused.person_id, refused.granted) == (world.person.pk, False)


def _screening_form(yes: int) -> dict[str, str]:
    names = ["q1_over_85", "q2_male", "q3_limits", "q4_needs_help", "q5_stays_home", "q7_aid"]
    form = {name: "yes" if i < yes else "no" for i, name in enumerate(names)}
    return form | {"q6_can_count": "yes", "held_on": timezone.localdate().isoformat()}


def test_the_screening_form_computes_the_score_and_signals_from_three(world: World) -> None:
    client = signed_in_client(world.worker)
    url = f"/fruehe-hinweise/person/{world.person.pk}/prisma-7/"

    assert client.post(url, _screening_form(2)).status_code == 302
    assert Signal.objects.count() == 0
    client.post(url, _screening_form(3))

    assert [s.score for s in Screening.objects.order_by("pk")] == [2, 3]
    assert Signal.objects.get().detail.startswith("PRISMA-7 score 3 of 7 on ")


def test_a_screening_with_an_unanswered_question_names_it(world: World) -> None:
    form = _screening_form(3)
    del form["q4_needs_help"]

    response = signed_in_client(world.worker).post(
        f"/fruehe-hinweise/person/{world.person.pk}/prisma-7/", form
    )

    assert list(response.context["form"].errors) == ["q4_needs_help"]
    assert Screening.objects.count() == 0


def _entry(world: World) -> Entry:
    person_signal(
        person=world.person, code=RuleCode.ALONE_80, key="x", facts={"age": 81},
        observed_on=timezone.localdate(),
    )  # fmt: skip
    return Entry.objects.get()


def test_dismissing_without_a_reason_is_refused(world: World) -> None:
    entry = _entry(world)

    response = signed_in_client(world.coordinator).post(
        f"/fruehe-hinweise/eintrag/{entry.pk}/verwerfen/", {"reason": "   "}
    )

    assert response.status_code == 200
    assert response.context["reason_form"].errors["reason"] == ["Give the reason for dismissing."]
    entry.refresh_from_db()
    assert entry.status == EntryStatus.OPEN
    assert not EntryEvent.objects.filter(action=EventAction.DISMISSED).exists()


def test_dismissing_with_a_reason_keeps_it_and_logs_the_step(world: World) -> None:
    entry = _entry(world)

    response = signed_in_client(world.coordinator).post(
        f"/fruehe-hinweise/eintrag/{entry.pk}/verwerfen/", {"reason": "Lebt bei der Tochter."}
    )

    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.status, entry.dismiss_reason) == (EntryStatus.DISMISSED, "Lebt bei der Tochter.")
    event = EntryEvent.objects.get(action=EventAction.DISMISSED)
    assert event.user == world.coordinator


def test_the_database_refuses_a_dismissal_without_reason(world: World) -> None:
    from django.db import IntegrityError

    entry = _entry(world)
    with pytest.raises(IntegrityError):
        Entry.objects.filter(pk=entry.pk).update(status=EntryStatus.DISMISSED)


def _contact(world: World, entry: Entry, **data: Any) -> Any:
    form = {"kind": "visit", "held_on": timezone.localdate().isoformat(),
            "topics": ["health", "contacts"], "outcome": "advice", **data}  # fmt: skip
    return signed_in_client(world.coordinator).post(
        f"/fruehe-hinweise/eintrag/{entry.pk}/kontakt/", form
    )


def test_a_visit_without_next_step_completes_the_entry(world: World) -> None:
    entry = _entry(world)

    assert _contact(world, entry).status_code == 302

    contact = Contact.objects.get()
    assert contact.topic_labels == ["health", "contacts"]
    entry.refresh_from_db()
    assert entry.status == EntryStatus.DONE
    assert EntryEvent.objects.filter(action=EventAction.CONTACT, user=world.coordinator).exists()


def test_a_next_step_keeps_the_entry_open_and_needs_an_owner(world: World) -> None:
    entry = _entry(world)
    later = (timezone.localdate() + dt.timedelta(days=14)).isoformat()

    refused = _contact(world, entry, next_step="Zweiter Besuch", next_step_on=later)
    assert list(refused.context["contact_form"].errors) == ["next_step_owner"]
    _contact(world, entry, next_step="Zweiter Besuch", next_step_on=later,
             next_step_owner=world.worker.pk)  # fmt: skip

    entry.refresh_from_db()
    assert entry.status == EntryStatus.OPEN
    assert Contact.objects.get().next_step_owner == world.worker


def test_a_contact_without_topics_names_the_field(world: World) -> None:
    entry = _entry(world)

    response = _contact(world, entry, topics=[])

    assert list(response.context["contact_form"].errors) == ["topics"]


def _figures(world: World, n: int) -> None:
    for index in range(n):
        person_signal(
            person=world.person, code=RuleCode.NO_CONTACT, key=str(index), facts={},
            observed_on=dt.date(2026, 11, 1),
        )  # fmt: skip


@pytest.mark.parametrize(("n", "shown", "hidden_cells"), [(4, None, 2), (5, 5, 1)])
def test_figures_suppress_counts_below_five(
    world: World, n: int, shown: int | None, hidden_cells: int
) -> None:
    """``n`` signals of one rule on one entry: the entry count (1) is always hidden."""
    _figures(world, n)
    planner = signed_in_client(user_with_role(Role.PLANNER))

    api = planner.get("/api/v1/early-warning/figures", {"year": 2026, "quarter": 4}).json()
    page = planner.get("/fruehe-hinweise/zahlen/", {"year": 2026, "quarter": 4})

    district = api["districts"][0]
    assert district["signals"]["no_contact"] == shown
    assert district["signals"]["alone_80"] == 0
    assert "Erika" not in page.content.decode() and "Erika" not in str(api)
    assert district["entries"] is None
    assert page.content.decode().count("&lt; 5") == hidden_cells + 1  # + the explanation


def test_figures_of_another_quarter_are_empty(world: World) -> None:
    _figures(world, 5)
    planner = signed_in_client(user_with_role(Role.PLANNER))

    api = planner.get("/api/v1/early-warning/figures", {"year": 2026, "quarter": 3}).json()

    assert api["districts"] == []


def test_figures_refuse_a_quarter_out_of_range(world: World) -> None:
    planner = signed_in_client(user_with_role(Role.PLANNER))

    response = planner.get("/api/v1/early-warning/figures", {"year": 2026, "quarter": 5})

    assert response.status_code == 422


def test_the_outreach_list_stays_within_its_query_budget(
    world: World, django_assert_max_num_queries: Any
) -> None:
    from sozialraum.casework.tests.factories import PersonFactory

    for index in range(15):
        person = PersonFactory.create(organisation=world.organisation, district=world.district_a)
        person_signal(person=person, code=RuleCode.ALONE_80, key=str(index), facts={},
                      observed_on=TODAY)  # fmt: skip
    client = signed_in_client(world.coordinator)
    client.get("/start/")  # the session's first request loads the user

    with django_assert_max_num_queries(16):
        page = client.get(f"/fruehe-hinweise/team/{world.team_a.slug}/")
    with django_assert_max_num_queries(14):
        api = client.get(f"/api/v1/early-warning/teams/{world.team_a.slug}/entries")

    assert page.content.decode().count("/fruehe-hinweise/eintrag/") == 15
    assert len(api.json()) == 15


def test_the_rules_page_shows_reason_and_basis_of_every_rule(world: World) -> None:
    response = signed_in_client(world.worker).get("/fruehe-hinweise/regeln/")

    text = response.content.decode()
    assert text.count("Legal basis or consent") == len(RuleCode.values)
    assert "Hamburger Hausbesuch" in text and "§ 79a" in text


def test_the_start_page_shows_the_teams_open_entries(world: World) -> None:
    _entry(world)

    response = signed_in_client(world.coordinator).get("/start/")

    text = response.content.decode()
    assert "Early warning" in text
    assert "Team Nord</a>: 1 open entry" in text
    assert world.person.name not in text.split("Early warning", 1)[1].split("</section>", 1)[0]


def test_the_person_page_offers_report_and_screening_to_the_owner(world: World) -> None:
    response = signed_in_client(world.worker).get(f"/personen/{world.person.pk}/")

    text = response.content.decode()
    assert f"/fruehe-hinweise/person/{world.person.pk}/hinweis/" in text
    assert f"/fruehe-hinweise/person/{world.person.pk}/prisma-7/" in text
