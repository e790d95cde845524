"""The purpose of a consent decides what a reader from another organisation sees: the
person's fields and the parts (sections, export parts), on the page and in the API."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils.html import escape

from sozialraum.accounts.tests.factories import signed_in_client, user_with_role
from sozialraum.audit.models import AccessLogEntry
from sozialraum.audit.purposes import Purpose
from sozialraum.casework.export import person_export
from sozialraum.casework.models import Consent, Person
from sozialraum.casework.scope import PERSON_FIELDS, SCOPES, PersonScope, scope_text
from sozialraum.casework.tests.factories import ConsentFactory, PersonFactory
from sozialraum.lib.access import Role

pytestmark = pytest.mark.django_db

SHARED = [Purpose.PLAN, Purpose.REFERRAL, Purpose.NETWORK_MAP, Purpose.DISTRICT_TEAM]

#: A value per field that appears nowhere else on the page.
SECRETS = {
    "street_address": "Geheimweg 17",
    "postal_code": "24937",
    "city": "Geheimstadt",
    "phone": "0461 999888",
    "email": "erika@geheim.example",
    "communication_needs": "Gebärdensprache bitte",
    "preferred_name": "Frau Mustermannsky",
}


def _shared_person(purpose: str) -> tuple[Person, Any]:
    person = PersonFactory.create(
        name="Erika Mustermann",
        date_of_birth=dt.date(1961, 3, 14),
        latitude=54.7836,
        longitude=9.4321,
        living_situation="alone",
        **SECRETS,
    )
    reader = user_with_role(Role.WORKER)
    ConsentFactory.create(
        person=person,
        purpose=purpose,
        shared_with_organisation=reader.memberships.get().organisation,
    )
    return person, reader


@pytest.mark.parametrize("purpose", SHARED)
def test_api_returns_exactly_the_fields_of_the_consents_purpose(purpose: str) -> None:
    person, reader = _shared_person(purpose)

    response = signed_in_client(reader).get(f"/api/v1/persons/{person.pk}", {"purpose": purpose})

    data = response.json()
    assert response.status_code == 200
    allowed = SCOPES[purpose].fields
    assert set(data) == allowed | {"id", "url", "purpose"}
    for hidden in set(PERSON_FIELDS) - allowed:
        assert hidden not in data
    assert "street_address" not in data and "date_of_birth" not in data and "phone" not in data
    assert "Geheimweg" not in response.text and "1961" not in response.text
    assert "54.7836" not in response.text


def test_owner_reads_every_field_through_the_api() -> None:
    person, _reader = _shared_person(Purpose.PLAN)
    owner = user_with_role(Role.WORKER, person.organisation)

    data = signed_in_client(owner).get(f"/api/v1/persons/{person.pk}").json()

    assert set(PERSON_FIELDS) <= set(data)
    assert data["street_address"] == "Geheimweg 17" and data["date_of_birth"] == "1961-03-14"


@pytest.mark.parametrize("purpose", SHARED)
def test_person_page_shows_exactly_the_fields_of_the_consents_purpose(purpose: str) -> None:
    person, reader = _shared_person(purpose)

    response = signed_in_client(reader).get(person.get_absolute_url(), {"zweck": purpose})

    assert response.status_code == 200
    allowed = SCOPES[purpose].fields
    for field, value in SECRETS.items():
        assert (value in response.text) == (field in allowed), field
    assert "1961" not in response.text and "Date of birth" not in response.text
    assert "Phone" not in response.text and "Street and number" not in response.text
    assert ("lives alone" in response.text) == ("living_situation" in allowed)


def test_owner_page_shows_every_field() -> None:
    person, _reader = _shared_person(Purpose.PLAN)
    owner = user_with_role(Role.WORKER, person.organisation)

    response = signed_in_client(owner).get(person.get_absolute_url())

    assert all(value in response.text for value in SECRETS.values())
    assert "Date of birth" in response.text and "lives alone" in response.text


@pytest.mark.parametrize("purpose", SHARED)
def test_export_read_with_a_foreign_scope_keeps_to_it(purpose: str) -> None:
    person, _reader = _shared_person(purpose)
    person.scope = PersonScope(purpose=purpose, is_owner=False)  # type: ignore[attr-defined]

    sections = {section.key: section for section in person_export(person)}

    record = sections["person"].records[0]
    assert set(record) == SCOPES[purpose].fields
    assert "street_address" not in record and "date_of_birth" not in record
    assert "consents" not in sections and "access_log" not in sections


def test_art_15_export_is_refused_to_another_organisation() -> None:
    person, reader = _shared_person(Purpose.PLAN)

    response = signed_in_client(reader).get(f"/personen/{person.pk}/auskunft.json")

    assert response.status_code == 403


def test_consent_form_shows_and_records_the_scope_text_of_the_definition() -> None:
    person = PersonFactory.create()
    other = user_with_role(Role.WORKER).memberships.get().organisation
    client = signed_in_client(user_with_role(Role.WORKER, person.organisation))
    url = f"/personen/{person.pk}/einwilligungen/neu/"

    form = client.get(url)
    response = client.post(
        url,
        {
            "purpose": Purpose.PLAN,
            "scope": "Alles, auch die Adresse",
            "shared_with_organisation": other.pk,
            "evidence": "written",
        },
    )

    assert form.status_code == 200 and response.status_code == 302
    for purpose in SHARED:
        assert escape(scope_text(purpose)) in form.text
    assert scope_text(Purpose.PLAN).startswith("Name, How the person wants to be addressed")
    assert "Street and number" not in scope_text(Purpose.PLAN)
    assert Consent.objects.get().scope == scope_text(Purpose.PLAN)


@pytest.mark.parametrize(
    ("path", "purpose"),
    [("/personen/{pk}/", Purpose.CASEWORK), ("/api/v1/persons/{pk}?purpose=plan", Purpose.PLAN)],
)
def test_a_refusal_by_role_writes_a_log_row_like_a_refusal_by_consent(
    path: str, purpose: str
) -> None:
    person = PersonFactory.create()
    editor = user_with_role(Role.PROVIDER_EDITOR, person.organisation)

    response = signed_in_client(editor).get(path.format(pk=person.pk))

    assert response.status_code == 403
    row = AccessLogEntry.objects.get()
    assert (row.user, row.person_id, row.purpose, row.granted) == (
        editor,
        person.pk,
        purpose,
        False,
    )
