"""The person's information under GDPR Art. 15: JSON and a readable page, both logged."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.urls import reverse

from sozialraum.accounts.tests.factories import (
    OrganisationFactory,
    signed_in_client,
    user_with_role,
)
from sozialraum.audit.models import AccessAction, AccessLogEntry
from sozialraum.audit.purposes import Purpose
from sozialraum.casework.export import _EXPORTERS, ExportSection, export_register
from sozialraum.casework.models import Person
from sozialraum.casework.tests.factories import ConsentFactory, PersonFactory
from sozialraum.lib.access import Role

pytestmark = pytest.mark.django_db


def test_json_export_holds_person_consents_and_access_log_and_is_logged() -> None:
    person = PersonFactory.create(name="Erika Mustermann", accessibility_needs=["wheelchair"])
    ConsentFactory.create(
        person=person, shared_with_organisation=OrganisationFactory.create(name="Nachbarn e.V.")
    )
    worker = user_with_role(Role.WORKER, person.organisation)
    client = signed_in_client(worker)
    client.get(person.get_absolute_url())

    response = client.get(reverse("casework:export_json", kwargs={"pk": person.pk}))

    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    sections = data["sections"]
    assert sections["person"]["records"][0]["name"] == "Erika Mustermann"
    assert sections["person"]["records"][0]["accessibility_needs"] == ["Usable with a wheelchair"]
    assert sections["consents"]["records"][0]["shared_with"] == "Nachbarn e.V."
    access = sections["access_log"]["records"]
    assert access[0]["organisation"] == person.organisation.name
    assert access[0]["action"] == "viewed"
    assert AccessLogEntry.objects.filter(
        person=person, action=AccessAction.EXPORT, purpose=Purpose.EXPORT, granted=True
    ).exists()


def test_readable_export_page_shows_every_registered_part() -> None:
    person = PersonFactory.create(name="Erika Mustermann")

    def extra(p: Person) -> list[ExportSection]:
        return [
            ExportSection(
                key="extra",
                title="Extra part",
                fields=[("what", "What")],
                records=[{"what": f"Ziel von {p.name}"}],
            )
        ]

    export_register("zz_extra", extra)
    try:
        client = signed_in_client(user_with_role(Role.WORKER, person.organisation))
        response = client.get(reverse("casework:export", kwargs={"pk": person.pk}))
        data = json.loads(
            client.get(reverse("casework:export_json", kwargs={"pk": person.pk})).content
        )
    finally:
        _EXPORTERS.pop("zz_extra")

    assert response.status_code == 200
    assert "Extra part" in response.text and "Ziel von Erika Mustermann" in response.text
    assert data["sections"]["extra"]["records"] == [{"what": "Ziel von Erika Mustermann"}]
    assert AccessLogEntry.objects.filter(person=person, action=AccessAction.EXPORT).count() == 2


def test_consented_reader_cannot_export_and_the_refusal_is_logged() -> None:
    person = PersonFactory.create()
    outsider = user_with_role(Role.WORKER)
    ConsentFactory.create(
        person=person,
        purpose=Purpose.PLAN,
        shared_with_organisation=outsider.memberships.get().organisation,
    )

    response = signed_in_client(outsider).get(
        reverse("casework:export_json", kwargs={"pk": person.pk})
    )

    assert response.status_code == 403
    assert AccessLogEntry.objects.filter(
        person=person, user=outsider, action=AccessAction.EXPORT, granted=False
    ).exists()


#: 23:30 UTC on a summer day is 01:30 of the next day in Berlin (CEST, UTC+2).
LATE_SUMMER_EVENING_UTC = dt.datetime(2026, 7, 15, 23, 30, tzinfo=dt.UTC)


def test_the_export_shows_times_in_berlin_local_time_never_utc(settings: Any) -> None:
    settings.LANGUAGE_CODE = "de"
    person = PersonFactory.create(created_at=LATE_SUMMER_EVENING_UTC)
    client = signed_in_client(user_with_role(Role.WORKER, person.organisation))

    page = client.get(reverse("casework:export", kwargs={"pk": person.pk})).content.decode()
    data = json.loads(client.get(reverse("casework:export_json", kwargs={"pk": person.pk})).content)

    assert "16.07.2026 01:30" in page
    assert "15.07.2026 23:30" not in page
    assert data["sections"]["person"]["records"][0]["created_at"] == "2026-07-16T01:30:00+02:00"
    assert data["created_at"].endswith(("+01:00", "+02:00"))


def test_the_export_page_shows_coordinates_rounded_and_the_json_keeps_them(
    settings: Any,
) -> None:
    settings.LANGUAGE_CODE = "de"
    person = PersonFactory.create(latitude=54.783312345678, longitude=9.433398765432)
    client = signed_in_client(user_with_role(Role.WORKER, person.organisation))

    page = client.get(reverse("casework:export", kwargs={"pk": person.pk})).content.decode()
    data = json.loads(client.get(reverse("casework:export_json", kwargs={"pk": person.pk})).content)

    assert "54,78331" in page and "9,4334" in page
    assert "54,783312" not in page and "54.783312" not in page
    assert data["sections"]["person"]["records"][0]["latitude"] == 54.783312345678
