"""Person pages: list, create, page, edit, close; each through the access helper."""

from __future__ import annotations

import copy
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django import Settings

from sozialraum.accounts.tests.factories import (
    OrganisationFactory,
    signed_in_client,
    user_with_role,
)
from sozialraum.audit.models import AccessAction, AccessLogEntry
from sozialraum.audit.purposes import Purpose
from sozialraum.casework.models import Person
from sozialraum.casework.sections import _SECTIONS, PersonSection, person_section_register
from sozialraum.casework.tests.factories import ConsentFactory, PersonFactory
from sozialraum.directory.tests.factories import square_district
from sozialraum.lib.access import Role

pytestmark = pytest.mark.django_db

TEST_TEMPLATES = Path(__file__).parent / "templates"


@pytest.fixture
def section_templates(settings: Settings) -> None:
    """Templates of sections registered by tests (``casework/tests/section.html``)."""
    templates = copy.deepcopy(settings.TEMPLATES)
    templates[0]["DIRS"] = [TEST_TEMPLATES]
    settings.TEMPLATES = templates


def test_person_list_shows_own_and_shared_persons_logs_each_and_keeps_its_query_count(
    django_assert_max_num_queries: Any,
) -> None:
    organisation = OrganisationFactory.create()
    worker = user_with_role(Role.WORKER, organisation)
    for number in range(30):
        PersonFactory.create(organisation=organisation, name=f"Person {number:02d}")
    shared = PersonFactory.create(name="Aaron Geteilt")
    ConsentFactory.create(
        person=shared, purpose=Purpose.PLAN, shared_with_organisation=organisation
    )
    PersonFactory.create(name="Aaron Fremd")
    client = signed_in_client(worker)
    client.get(reverse("districts:index"))

    with django_assert_max_num_queries(12):  # +1 per log write: the chain head
        response = client.get(reverse("casework:list"))

    assert response.status_code == 200
    text = response.text
    assert "Aaron Geteilt" in text and "Aaron Fremd" not in text
    assert f"?zweck={Purpose.PLAN}" in text
    assert len(response.context["rows"]) == 25
    listed = AccessLogEntry.objects.filter(action=AccessAction.LIST, user=worker)
    assert listed.count() == 25
    assert listed.get(person=shared).purpose == Purpose.PLAN


def test_person_list_searches_by_name() -> None:
    organisation = OrganisationFactory.create()
    PersonFactory.create(organisation=organisation, name="Erika Mustermann")
    PersonFactory.create(organisation=organisation, name="Hans Beispiel")
    client = signed_in_client(user_with_role(Role.WORKER, organisation))

    response = client.get(reverse("casework:list"), {"q": "muster"})

    assert [row.person.name for row in response.context["rows"]] == ["Erika Mustermann"]


def test_worker_creates_person_and_the_district_is_looked_up_from_coordinates() -> None:
    district = square_district(9.40, 54.78, name="Testviertel")
    organisation = OrganisationFactory.create()
    worker = user_with_role(Role.WORKER, organisation)
    client = signed_in_client(worker)

    response = client.post(
        reverse("casework:create"),
        {
            "organisation": organisation.pk,
            "name": "Erika Mustermann",
            "street_address": "Marientreppe 1",
            "city": "Flensburg",
            "latitude": "54.785",
            "longitude": "9.405",
            "accessibility_needs": ["wheelchair", "hearing_loop"],
            "living_situation": "alone",
        },
    )

    person = Person.objects.get()
    assert response.status_code == 302 and response["Location"] == person.get_absolute_url()
    assert person.organisation == organisation
    assert person.district == district
    assert person.accessibility_needs == ["wheelchair", "hearing_loop"]
    assert AccessLogEntry.objects.filter(
        person=person, user=worker, action=AccessAction.CREATE
    ).exists()


def test_a_point_outside_every_district_is_an_error_on_the_latitude_field() -> None:
    square_district(9.40, 54.78)
    organisation = OrganisationFactory.create()
    client = signed_in_client(user_with_role(Role.WORKER, organisation))

    response = client.post(
        reverse("casework:create"),
        {"organisation": organisation.pk, "name": "X", "latitude": "10", "longitude": "10"},
    )

    assert response.status_code == 200
    assert "no known district" in str(response.context["form"].errors["latitude"])
    assert not Person.objects.exists()


def test_missing_name_and_half_coordinates_are_named_field_errors() -> None:
    organisation = OrganisationFactory.create()
    client = signed_in_client(user_with_role(Role.WORKER, organisation))

    response = client.post(
        reverse("casework:create"), {"organisation": organisation.pk, "latitude": "54.7"}
    )

    errors = response.context["form"].errors
    assert "name" in errors and "longitude" in errors
    assert 'aria-invalid="true"' in response.text
    assert not Person.objects.exists()


def test_without_coordinates_the_chosen_district_applies() -> None:
    district = square_district(9.40, 54.78)
    organisation = OrganisationFactory.create()
    client = signed_in_client(user_with_role(Role.WORKER, organisation))

    client.post(
        reverse("casework:create"),
        {"organisation": organisation.pk, "name": "Ohne Punkt", "district": district.pk},
    )

    assert Person.objects.get().district == district


def test_planner_cannot_create_persons() -> None:
    client = signed_in_client(user_with_role(Role.PLANNER))

    assert client.get(reverse("casework:create")).status_code == 403


def test_person_page_shows_data_consents_and_registered_sections(section_templates: None) -> None:
    person = PersonFactory.create(name="Erika Mustermann", communication_needs="Leichte Sprache")
    ConsentFactory.create(
        person=person, shared_with_organisation=OrganisationFactory.create(name="Nachbarn e.V.")
    )
    worker = user_with_role(Role.WORKER, person.organisation)
    person_section_register(
        PersonSection(
            key="test_section",
            title="Test section",
            template="casework/tests/section.html",
            purpose=Purpose.PLAN,
            context=lambda request, p: {"greeting": f"Hallo {p.name}"},
        )
    )
    try:
        response = signed_in_client(worker).get(person.get_absolute_url())
    finally:
        _SECTIONS.pop("test_section")

    assert response.status_code == 200
    assert "Leichte Sprache" in response.text and "Nachbarn e.V." in response.text
    assert "Hallo Erika Mustermann" in response.text
    assert AccessLogEntry.objects.filter(person=person, action=AccessAction.VIEW).count() == 1


def test_consented_reader_sees_only_the_sections_of_their_purpose(section_templates: None) -> None:
    person = PersonFactory.create()
    outsider = user_with_role(Role.WORKER)
    ConsentFactory.create(
        person=person,
        purpose=Purpose.PLAN,
        shared_with_organisation=outsider.memberships.get().organisation,
    )
    for key, purpose in (("plan_part", Purpose.PLAN), ("map_part", Purpose.NETWORK_MAP)):

        def context(request: Any, p: Person, k: str = key) -> dict[str, Any]:
            return {"greeting": f"part {k}"}

        person_section_register(
            PersonSection(
                key=key,
                title=key,
                template="casework/tests/section.html",
                purpose=purpose,
                context=context,
            )
        )
    client = signed_in_client(outsider)
    try:
        refused = client.get(person.get_absolute_url())
        response = client.get(person.get_absolute_url(), {"zweck": Purpose.PLAN})
    finally:
        _SECTIONS.pop("plan_part"), _SECTIONS.pop("map_part")

    assert refused.status_code == 403
    assert response.status_code == 200
    assert "part plan_part" in response.text and "part map_part" not in response.text
    assert "Withdraw" not in response.text  # consents are the owner's business


def test_worker_edits_person() -> None:
    person = PersonFactory.create(name="Alt")
    worker = user_with_role(Role.WORKER, person.organisation)

    response = signed_in_client(worker).post(
        reverse("casework:edit", kwargs={"pk": person.pk}),
        {"name": "Neu", "communication_needs": "Gebärdensprache"},
    )

    person.refresh_from_db()
    assert response.status_code == 302
    assert (person.name, person.communication_needs) == ("Neu", "Gebärdensprache")
    assert AccessLogEntry.objects.filter(person=person, action=AccessAction.UPDATE).exists()


def test_consented_reader_cannot_edit() -> None:
    person = PersonFactory.create(name="Alt")
    outsider = user_with_role(Role.WORKER)
    ConsentFactory.create(
        person=person, shared_with_organisation=outsider.memberships.get().organisation
    )

    response = signed_in_client(outsider).post(
        reverse("casework:edit", kwargs={"pk": person.pk}), {"name": "Neu"}
    )

    person.refresh_from_db()
    assert response.status_code == 403 and person.name == "Alt"


def test_worker_closes_and_reopens_a_case() -> None:
    person = PersonFactory.create()
    client = signed_in_client(user_with_role(Role.WORKER, person.organisation))
    url = reverse("casework:close", kwargs={"pk": person.pk})

    assert "3650 days" in client.get(url).text
    client.post(url)
    person.refresh_from_db()
    assert person.closed_at is not None
    client.post(url, {"reopen": "1"})
    person.refresh_from_db()
    assert person.closed_at is None


def test_pages_speak_german_to_a_german_browser() -> None:
    person = PersonFactory.create()
    client = signed_in_client(user_with_role(Role.WORKER, person.organisation))

    listing = client.get(reverse("casework:list"), headers={"accept-language": "de"})
    page = client.get(person.get_absolute_url(), headers={"accept-language": "de"})

    assert "Meine Personen" in listing.text and ">Personen<" in listing.text
    assert "Persönliche Daten" in page.text and "Einwilligungen" in page.text


def test_a_date_of_birth_in_the_future_is_a_field_error() -> None:
    person = PersonFactory.create(name="Alt")
    client = signed_in_client(user_with_role(Role.WORKER, person.organisation))

    response = client.post(
        reverse("casework:edit", kwargs={"pk": person.pk}),
        {"name": "Neu", "date_of_birth": "2999-01-01"},
    )

    person.refresh_from_db()
    assert "date_of_birth" in response.context["form"].errors
    assert person.name == "Alt"


def test_a_closed_case_shows_when_its_data_will_be_deleted(settings: Settings) -> None:
    settings.CASEWORK_RETENTION_DAYS = 10
    closed_at = timezone.now()
    person = PersonFactory.create(closed_at=closed_at)
    client = signed_in_client(user_with_role(Role.WORKER, person.organisation))

    response = client.get(person.get_absolute_url())

    assert response.context["deletion_due"] == closed_at + timedelta(days=10)
    assert "will be deleted after" in response.text
