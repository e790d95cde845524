"""The consent's purpose limits what another organisation gets in planning: the ladder
form offers network-map contacts only with the network map in scope, and due follow-ups
count only consents whose purpose includes following up referrals."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from sozialraum.accounts.tests.factories import signed_in_client, user_with_role
from sozialraum.audit.purposes import Purpose
from sozialraum.casework.tests.factories import ConsentFactory
from sozialraum.lib.access import Role
from sozialraum.networkmap.tests.factories import ContactFactory, MapVersionFactory
from sozialraum.plan.selectors import due_follow_ups

from .factories import goal_make, person_make, referral_make, worker_of

pytestmark = pytest.mark.django_db


def test_the_ladder_form_of_a_plan_consent_does_not_list_network_map_contacts() -> None:
    person = person_make()
    goal = goal_make(person)
    version = MapVersionFactory.create(network_map__person=person)
    ContactFactory.create(version=version, name="Tante Hildegard")
    reader = user_with_role(Role.WORKER)
    ConsentFactory.create(
        person=person,
        purpose=Purpose.PLAN,
        shared_with_organisation=reader.memberships.get().organisation,
    )
    url = reverse("plan:goal", kwargs={"pk": person.pk, "goal_pk": goal.pk})

    shared = signed_in_client(reader).get(url, {"zweck": Purpose.PLAN})
    owner = signed_in_client(worker_of(person)).get(url)

    assert shared.status_code == 200 and owner.status_code == 200
    assert "Tante Hildegard" not in shared.text
    assert "Tante Hildegard" in owner.text


def test_due_follow_ups_ignore_a_consent_whose_purpose_does_not_follow_up_referrals() -> None:
    person = person_make()
    goal = goal_make(person)
    reader = user_with_role(Role.WORKER)
    organisation = reader.memberships.get().organisation
    consent = ConsentFactory.create(
        person=person, purpose=Purpose.NETWORK_MAP, shared_with_organisation=organisation
    )
    referral = referral_make(person, goal, reader)
    referral.follow_up_on = timezone.localdate() - dt.timedelta(days=1)
    referral.save()

    assert list(due_follow_ups(reader)) == []

    consent.purpose = Purpose.REFERRAL
    consent.save()
    assert list(due_follow_ups(reader)) == [referral]


def test_the_ladder_and_its_history_do_not_name_network_map_contacts_to_a_plan_consent() -> None:
    from sozialraum.plan.edits import resource_entry_update
    from sozialraum.plan.models import Rung
    from sozialraum.plan.services import resource_add

    person = person_make()
    goal = goal_make(person)
    version = MapVersionFactory.create(network_map__person=person)
    contact = ContactFactory.create(version=version, name="Onkel Waldemar")
    entry = resource_add(goal=goal, rung=Rung.NETWORK, text="Fährt zum Arzt")
    resource_entry_update(entry=entry, data={"contact": contact}, user=worker_of(person))
    reader = user_with_role(Role.WORKER)
    ConsentFactory.create(
        person=person,
        purpose=Purpose.PLAN,
        shared_with_organisation=reader.memberships.get().organisation,
    )
    url = reverse("plan:goal", kwargs={"pk": person.pk, "goal_pk": goal.pk})

    shared = signed_in_client(reader).get(url, {"zweck": Purpose.PLAN})
    owner = signed_in_client(worker_of(person)).get(url)

    assert "Fährt zum Arzt" in shared.text
    assert "Onkel Waldemar" not in shared.text
    assert "Onkel Waldemar" in owner.text
