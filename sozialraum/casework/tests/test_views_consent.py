"""Consent pages: recording a consent and withdrawing it, with effect at once."""

from __future__ import annotations

import pytest
from django.urls import reverse

from sozialraum.accounts.tests.factories import (
    DistrictTeamFactory,
    OrganisationFactory,
    signed_in_client,
    user_with_role,
)
from sozialraum.audit.purposes import Purpose
from sozialraum.casework.models import Consent
from sozialraum.casework.tests.factories import ConsentFactory, PersonFactory
from sozialraum.lib.access import Role

pytestmark = pytest.mark.django_db


def test_worker_records_consent_and_the_other_organisation_then_reads_the_person() -> None:
    person = PersonFactory.create()
    worker = user_with_role(Role.WORKER, person.organisation)
    other = OrganisationFactory.create()
    outsider = signed_in_client(user_with_role(Role.WORKER, other))
    page = reverse("casework:person", kwargs={"pk": person.pk}) + "?zweck=referral"
    assert outsider.get(page).status_code == 403

    response = signed_in_client(worker).post(
        reverse("casework:consent_create", kwargs={"pk": person.pk}),
        {
            "purpose": Purpose.REFERRAL,
            "scope": "Name, Bedarfe, Telefon",
            "shared_with_organisation": other.pk,
            "evidence": "written",
            "evidence_reference": "Akte 17",
        },
    )

    consent = Consent.objects.get()
    assert response.status_code == 302
    assert (consent.purpose, consent.shared_with_organisation, consent.recorded_by) == (
        Purpose.REFERRAL,
        other,
        worker,
    )
    assert consent.is_live
    assert outsider.get(page).status_code == 200


def test_consent_needs_a_recipient() -> None:
    person = PersonFactory.create()
    client = signed_in_client(user_with_role(Role.WORKER, person.organisation))

    response = client.post(
        reverse("casework:consent_create", kwargs={"pk": person.pk}),
        {"purpose": Purpose.PLAN, "evidence": "verbal"},
    )

    errors = response.context["form"].errors
    assert "shared_with_organisation" in errors
    assert not Consent.objects.exists()


def test_consent_cannot_be_given_to_the_owning_organisation_or_in_the_future() -> None:
    person = PersonFactory.create()
    client = signed_in_client(user_with_role(Role.WORKER, person.organisation))

    response = client.post(
        reverse("casework:consent_create", kwargs={"pk": person.pk}),
        {
            "purpose": Purpose.PLAN,
            "scope": "Plan",
            "shared_with_organisation": person.organisation.pk,
            "evidence": "verbal",
            "given_at": "2999-01-01T10:00",
        },
    )

    errors = response.context["form"].errors
    assert "shared_with_organisation" in errors and "given_at" in errors
    assert not Consent.objects.exists()


def test_consent_for_a_district_team() -> None:
    person = PersonFactory.create()
    team = DistrictTeamFactory.create()
    client = signed_in_client(user_with_role(Role.COORDINATOR, person.organisation))

    client.post(
        reverse("casework:consent_create", kwargs={"pk": person.pk}),
        {
            "purpose": Purpose.DISTRICT_TEAM,
            "scope": "Fallberatung",
            "shared_with_team": team.pk,
            "evidence": "written",
        },
    )

    assert Consent.objects.get().shared_with_team == team


def test_withdrawal_takes_effect_at_once() -> None:
    person = PersonFactory.create()
    outsider_user = user_with_role(Role.WORKER)
    consent = ConsentFactory.create(
        person=person,
        purpose=Purpose.PLAN,
        shared_with_organisation=outsider_user.memberships.get().organisation,
    )
    outsider = signed_in_client(outsider_user)
    page = reverse("casework:person", kwargs={"pk": person.pk}) + "?zweck=plan"
    assert outsider.get(page).status_code == 200
    worker = signed_in_client(user_with_role(Role.WORKER, person.organisation))
    url = reverse("casework:consent_withdraw", kwargs={"pk": person.pk, "consent_pk": consent.pk})
    assert "Withdraw now" in worker.get(url).text

    worker.post(url)

    consent.refresh_from_db()
    assert consent.withdrawn_at is not None
    assert outsider.get(page).status_code == 403


def test_consented_reader_cannot_withdraw_or_record_consents() -> None:
    person = PersonFactory.create()
    outsider_user = user_with_role(Role.WORKER)
    consent = ConsentFactory.create(
        person=person, shared_with_organisation=outsider_user.memberships.get().organisation
    )
    outsider = signed_in_client(outsider_user)

    withdraw = reverse(
        "casework:consent_withdraw", kwargs={"pk": person.pk, "consent_pk": consent.pk}
    )
    assert outsider.post(withdraw).status_code == 403
    assert (
        outsider.get(reverse("casework:consent_create", kwargs={"pk": person.pk})).status_code
        == 403
    )
    consent.refresh_from_db()
    assert consent.withdrawn_at is None


def test_a_consent_of_another_person_is_not_found() -> None:
    person = PersonFactory.create()
    foreign = ConsentFactory.create()
    client = signed_in_client(user_with_role(Role.WORKER, person.organisation))

    url = reverse("casework:consent_withdraw", kwargs={"pk": person.pk, "consent_pk": foreign.pk})
    assert client.post(url).status_code == 404
    foreign.refresh_from_db()
    assert foreign.withdrawn_at is None


def test_the_owners_own_purposes_cannot_be_shared() -> None:
    person = PersonFactory.create()
    client = signed_in_client(user_with_role(Role.WORKER, person.organisation))
    url = reverse("casework:consent_create", kwargs={"pk": person.pk})

    response = client.post(
        url,
        {
            "purpose": Purpose.CASEWORK,
            "scope": "Alles",
            "shared_with_organisation": OrganisationFactory.create().pk,
            "evidence": "verbal",
        },
    )

    assert "purpose" in response.context["form"].errors
    assert f'value="{Purpose.EXPORT}"' not in client.get(url).text
    assert not Consent.objects.exists()
