"""A concern that became a case: the worker creates the person's record from the reported
address (never a name the concern did not hold), with the person's consent, and the entry
is linked to it. Reopening a closed entry needs a reason, which the history keeps. Team B
can do neither on team A's entry."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import IntegrityError
from django.utils import timezone

from sozialraum.accounts.tests.factories import signed_in_client
from sozialraum.audit.purposes import Purpose
from sozialraum.casework.models import Consent, Person
from sozialraum.earlywarning.models import (
    Entry,
    EntryEvent,
    EntryStatus,
    EventAction,
    Outcome,
    RuleCode,
)
from sozialraum.earlywarning.services import concern_report, entry_dismiss, person_signal

from .conftest import World

pytestmark = pytest.mark.django_db

ADDRESS = "Norderstraße 12, 24939 Flensburg"


def _concern(world: World) -> Entry:
    concern_report(
        district=world.district_a, address_label=ADDRESS, reporter="neighbour",
        observations=["mail"], user=world.coordinator,
    )  # fmt: skip
    return Entry.objects.get(team=world.team_a)


def _contact(client: Any, entry: Entry, outcome: str = Outcome.CASE) -> Any:
    form = {"kind": "visit", "held_on": timezone.localdate().isoformat(),
            "topics": ["care"], "outcome": outcome}  # fmt: skip
    return client.post(f"/fruehe-hinweise/eintrag/{entry.pk}/kontakt/", form)


def _person_form(world: World, **data: Any) -> dict[str, Any]:
    """What the prefilled page sends back, with the name the person gave."""
    return {"organisation": world.organisation.pk, "name": "Greta Fallbeispiel",
            "street_address": "Norderstraße 12", "postal_code": "24939", "city": "Flensburg",
            "latitude": "54.805", "longitude": "9.405", "evidence": "written", "consent": "on",
            **data}  # fmt: skip


def test_a_visit_that_became_a_case_leads_to_the_prefilled_person_form(
    world: World, address_index: object
) -> None:
    entry = _concern(world)
    client = signed_in_client(world.worker)

    response = _contact(client, entry)

    assert response.status_code == 302
    assert response["Location"] == f"/fruehe-hinweise/eintrag/{entry.pk}/fall/"
    form = client.get(response["Location"]).context["form"]
    assert form["street_address"].value() == "Norderstraße 12"
    assert (form["postal_code"].value(), form["city"].value()) == ("24939", "Flensburg")
    assert form["district"].value() == world.district_a.pk
    assert form["latitude"].value() == pytest.approx(54.805)
    assert not form["name"].value() and not form["preferred_name"].value()
    assert "became a case" in client.get(f"/fruehe-hinweise/eintrag/{entry.pk}/").content.decode()


def test_another_outcome_leads_back_to_the_entry_and_offers_no_record(
    world: World, address_index: object
) -> None:
    entry = _concern(world)
    client = signed_in_client(world.worker)

    response = _contact(client, entry, outcome=Outcome.ADVICE)
    refused = client.get(f"/fruehe-hinweise/eintrag/{entry.pk}/fall/")

    assert response["Location"] == f"/fruehe-hinweise/eintrag/{entry.pk}/"
    assert refused.status_code == 302 and refused["Location"] == response["Location"]
    assert (
        client.post(f"/fruehe-hinweise/eintrag/{entry.pk}/fall/", _person_form(world)).status_code
        == 302
    )
    assert Person.objects.filter(name="Greta Fallbeispiel").count() == 0


def test_the_case_record_is_created_with_consent_and_the_entry_linked(
    world: World, address_index: object
) -> None:
    entry = _concern(world)
    client = signed_in_client(world.worker)
    _contact(client, entry)

    response = client.post(f"/fruehe-hinweise/eintrag/{entry.pk}/fall/", _person_form(world))

    person = Person.objects.get(name="Greta Fallbeispiel")
    assert response["Location"] == f"/personen/{person.pk}/"
    assert (person.organisation, person.district) == (world.organisation, world.district_a)
    consent = Consent.objects.get(person=person)
    assert (consent.purpose, consent.shared_with_team, consent.evidence) == (
        Purpose.EARLY_WARNING, world.team_a, "written",
    )  # fmt: skip
    entry.refresh_from_db()
    assert (entry.person, entry.address_label) == (person, ADDRESS)
    assert EntryEvent.objects.filter(
        entry=entry, action=EventAction.CASE, user=world.worker
    ).exists()
    page = signed_in_client(world.coordinator).get(f"/fruehe-hinweise/eintrag/{entry.pk}/")
    assert "Greta Fallbeispiel" in page.content.decode()


def test_without_the_persons_consent_no_record_is_created(
    world: World, address_index: object
) -> None:
    entry = _concern(world)
    client = signed_in_client(world.worker)
    _contact(client, entry)

    response = client.post(
        f"/fruehe-hinweise/eintrag/{entry.pk}/fall/", _person_form(world, consent="")
    )

    assert response.status_code == 200
    assert response.context["form"].errors["consent"] == [
        "Without the person's consent no case is created."
    ]
    assert Person.objects.filter(name="Greta Fallbeispiel").count() == 0
    entry.refresh_from_db()
    assert entry.person is None


def test_a_person_entry_gets_no_second_record(world: World) -> None:
    person_signal(person=world.person, code=RuleCode.ALONE_80, key="x", facts={},
                  observed_on=timezone.localdate())  # fmt: skip
    entry = Entry.objects.get()
    client = signed_in_client(world.worker)
    _contact(client, entry)

    response = client.post(f"/fruehe-hinweise/eintrag/{entry.pk}/fall/", _person_form(world))

    assert response.status_code == 302
    assert not Person.objects.filter(name="Greta Fallbeispiel").exists()


def test_team_b_cannot_create_a_record_for_team_a_entry(
    world: World, address_index: object
) -> None:
    entry = _concern(world)
    _contact(signed_in_client(world.worker), entry)
    client_b = signed_in_client(world.coordinator_b)

    page = client_b.get(f"/fruehe-hinweise/eintrag/{entry.pk}/fall/")
    post = client_b.post(f"/fruehe-hinweise/eintrag/{entry.pk}/fall/", _person_form(world))

    assert (page.status_code, post.status_code) == (403, 403)
    assert not Person.objects.filter(name="Greta Fallbeispiel").exists()


def _dismissed(world: World) -> Entry:
    entry = _concern(world)
    return entry_dismiss(entry=entry, reason="Nachbarin war verreist.", user=world.coordinator)


def test_reopening_needs_a_reason(world: World) -> None:
    entry = _dismissed(world)

    response = signed_in_client(world.coordinator).post(
        f"/fruehe-hinweise/eintrag/{entry.pk}/wieder-oeffnen/", {"reason": "  "}
    )

    assert response.status_code == 200
    assert response.context["reason_form"].errors["reason"] == ["Give the reason for reopening."]
    entry.refresh_from_db()
    assert entry.status == EntryStatus.DISMISSED


def test_a_reopened_entry_keeps_both_reasons_in_its_history(world: World) -> None:
    entry = _dismissed(world)
    client = signed_in_client(world.coordinator)

    response = client.post(
        f"/fruehe-hinweise/eintrag/{entry.pk}/wieder-oeffnen/", {"reason": "Wieder Post im Kasten."}
    )

    assert response.status_code == 302
    entry.refresh_from_db()
    assert (entry.status, entry.dismiss_reason, entry.closed_at) == (EntryStatus.OPEN, "", None)
    event = EntryEvent.objects.get(entry=entry, action=EventAction.REOPENED)
    assert (event.user, event.reason) == (world.coordinator, "Wieder Post im Kasten.")
    history = client.get(f"/fruehe-hinweise/eintrag/{entry.pk}/").content.decode()
    assert "reopened – " in history and ": Wieder Post im Kasten." in history
    assert ": Nachbarin war verreist." in history


def test_a_dismissal_from_before_keeps_its_reason_when_reopened(world: World) -> None:
    entry = _dismissed(world)
    EntryEvent.objects.filter(action=EventAction.DISMISSED).update(reason="")

    signed_in_client(world.coordinator).post(
        f"/fruehe-hinweise/eintrag/{entry.pk}/wieder-oeffnen/", {"reason": "Neu gemeldet."}
    )

    assert EntryEvent.objects.get(action=EventAction.DISMISSED).reason == "Nachbarin war verreist."


def test_an_open_entry_cannot_be_reopened(world: World) -> None:
    entry = _concern(world)

    response = signed_in_client(world.coordinator).post(
        f"/fruehe-hinweise/eintrag/{entry.pk}/wieder-oeffnen/", {"reason": "Nochmal."}
    )

    assert response.context["reason_form"].errors["reason"] == ["This entry is open already."]
    assert not EntryEvent.objects.filter(action=EventAction.REOPENED).exists()


def test_a_person_with_another_open_entry_is_not_reopened_twice(world: World) -> None:
    person_signal(person=world.person, code=RuleCode.ALONE_80, key="a", facts={},
                  observed_on=timezone.localdate())  # fmt: skip
    old = entry_dismiss(entry=Entry.objects.get(), reason="Versorgt.", user=world.coordinator)
    person_signal(person=world.person, code=RuleCode.NO_CONTACT, key="b", facts={},
                  observed_on=timezone.localdate())  # fmt: skip

    response = signed_in_client(world.coordinator).post(
        f"/fruehe-hinweise/eintrag/{old.pk}/wieder-oeffnen/", {"reason": "Doch nicht."}
    )

    assert list(response.context["reason_form"].errors) == ["reason"]
    old.refresh_from_db()
    assert old.status == EntryStatus.DISMISSED


def test_team_b_cannot_reopen_team_a_entry(world: World) -> None:
    entry = _dismissed(world)

    client_b = signed_in_client(world.coordinator_b)
    page = client_b.get(f"/fruehe-hinweise/eintrag/{entry.pk}/wieder-oeffnen/")
    post = client_b.post(f"/fruehe-hinweise/eintrag/{entry.pk}/wieder-oeffnen/", {"reason": "x"})

    assert (page.status_code, post.status_code) == (403, 403)
    entry.refresh_from_db()
    assert entry.status == EntryStatus.DISMISSED


def test_the_database_refuses_a_reopening_without_reason(world: World) -> None:
    entry = _concern(world)

    with pytest.raises(IntegrityError):
        EntryEvent.objects.create(entry=entry, action=EventAction.REOPENED)


def test_the_database_refuses_an_entry_of_nobody_at_no_address(world: World) -> None:
    with pytest.raises(IntegrityError):
        Entry.objects.create(team=world.team_a, district=world.district_a)
